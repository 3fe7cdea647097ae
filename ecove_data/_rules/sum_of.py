"""Rule kind ``sum_of``: the key figures listed add up to the key figure ``equals``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import DataError
from .._records import Resource, Rule
from ._kind import KEY_FIGURES, Parser, Tables

NEEDS = frozenset({"sum_of", "equals"})
MAY: frozenset[str] = frozenset()


def tables(raw: Mapping[str, Any]) -> frozenset[str]:
    """Return the tables a ``sum_of`` rule reads: the key figures."""
    return frozenset({KEY_FIGURES})


def parse(parser: Parser, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]) -> None:
    """Check that ``sum_of`` is a list of figure ids and ``equals`` one."""
    for item in parser.check(raw["sum_of"], list, f"{where}: sum_of"):
        parser.check(item, str, f"{where}: sum_of")
    parser.check(raw["equals"], str, f"{where}: equals")


def check(data: Tables, rule: Rule) -> None:
    """Check that the parts add up to the whole."""
    expected = data.figure(rule["equals"], rule.name, rule.description)
    parts = {fid: data.figure(fid, rule.name, rule.description) for fid in rule["sum_of"]}
    if sum(parts.values()) != expected:
        terms = " + ".join(f"{fid} ({v})" for fid, v in parts.items())
        raise DataError(
            f"{terms} = {sum(parts.values())}, but {rule['equals']} is {expected}",
            file=data.path(KEY_FIGURES),
            column="value",
            rule=rule.name,
            fix=f"correct one of these rows so that: {rule.description}",
        )
