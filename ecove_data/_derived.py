"""Derived indicators: computed from key_figures, never typed in."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._errors import DataError
from ._records import Derived, Indicator

__all__ = ["DERIVED", "derive"]

DERIVED = "derived_indicators"


def _indicators(definitions: Derived | Mapping[str, Any]) -> Iterable[Indicator]:
    if isinstance(definitions, Derived):
        return definitions.indicators
    return [
        Indicator(
            indicator_id=spec["indicator_id"],
            label=spec["label"],
            numerator=spec["numerator"],
            denominator=spec["denominator"],
            scale=spec.get("scale", 1),
            unit=spec["unit"],
            raw=spec,
        )
        for spec in definitions.get("indicators", [])
    ]


def derive(
    definitions: Derived | Mapping[str, Any], figures: dict[str, list[Any]], *, file: str
) -> dict[str, list[Any]]:
    """Compute each indicator as numerator / denominator x scale from the key figures.

    ``definitions`` is the descriptor's ``derived`` section, parsed or as JSON; ``figures``
    the key figures' columns, read from ``file`` (named in what a problem says).

    Examples
    --------
    >>> spec = {"indicators": [{"indicator_id": "r", "label": "R", "numerator": "a",
    ...         "denominator": "b", "scale": 100, "unit": "percent"}]}
    >>> derive(spec, {"figure_id": ["a", "b"], "value": [28, 55]}, file="k.csv")["value"]
    [50.90909090909091]
    """
    value_of = dict(zip(figures["figure_id"], figures["value"], strict=True))
    columns: dict[str, list[Any]] = {
        name: []
        for name in ("indicator_id", "label", "value", "unit", "formula", "inputs", "derived")
    }
    for spec in _indicators(definitions):
        inputs = (spec.numerator, spec.denominator)
        missing = [fid for fid in inputs if fid not in value_of]
        if missing:
            raise DataError(
                f"derived indicator {spec.indicator_id!r} needs {missing}",
                file=file,
                column="figure_id",
                rule="derived",
                fix=f"restore those rows of {file}",
            )
        numerator, denominator = (value_of[fid] for fid in inputs)
        if not denominator:
            raise DataError(
                f"derived indicator {spec.indicator_id!r} divides by "
                f"{spec.denominator}, which is 0",
                file=file,
                column="value",
                rule="derived",
                fix="correct that value",
            )
        scale = spec.scale
        formula = f"{spec.numerator} / {spec.denominator}" + (f" * {scale}" if scale != 1 else "")
        row = {
            "indicator_id": spec.indicator_id,
            "label": spec.label,
            "value": numerator / denominator * scale,
            "unit": spec.unit,
            "formula": formula,
            "inputs": ", ".join(inputs),
            "derived": True,
        }
        for name, value in row.items():
            columns[name].append(value)
    return columns
