"""What every rule kind is made of, and what it is given to parse and to check a rule.

A kind is a module of this package with:

- ``NEEDS`` and ``MAY``: the keys a rule of the kind must have and those it may have, besides
  ``name`` and ``description`` (the kind's own name is one of ``NEEDS``);
- ``tables(raw)``: the tables a rule reads;
- ``parse(parser, raw, where, tables)``: check the rule's values when the descriptor is read;
- ``check(data, rule)``: check the parsed tables against the rule, raising a ``DataError``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from .._errors import DataError
from .._records import Package, Resource, Rule

__all__ = ["KEY_FIGURES", "Kind", "Parser", "Tables"]

# The table of the figures the report states, which most rules compare a table with.
KEY_FIGURES = "key_figures"


class Parser(Protocol):
    """The descriptor parser's checks a kind uses to parse a rule's values."""

    def error(self, problem: str, fix: str) -> DataError: ...

    def keys(self, raw: Any, kind: str, where: str, extra: set[str] | None = None) -> None: ...

    def check(
        self, value: Any, kind: type | tuple[type, ...], where: str, key: str | None = None
    ) -> Any: ...

    def need(self, raw: Mapping[str, Any], key: str, kind: Any, where: str) -> Any: ...

    def may(self, raw: Mapping[str, Any], key: str, kind: Any, where: str, default: Any) -> Any: ...

    def table(self, name: Any, where: str, tables: dict[str, Resource]) -> Resource: ...

    def columns(self, res: Resource, names: Any, where: str) -> None: ...


class Tables:
    """The parsed tables a rule is checked against, with the descriptor that names their files.

    Examples
    --------
    >>> from ecove_data._descriptor import read_package
    >>> data = Tables(read_package(), {"key_figures": {"figure_id": ["a"], "value": [3]}})
    >>> data.path("key_figures"), data.figure("a", "r", "d")
    ('key_figures.csv', 3)
    """

    def __init__(self, pkg: Package, columns: Mapping[str, dict[str, list[Any]]]) -> None:
        self.pkg = pkg
        self.columns = columns

    def path(self, name: str) -> str:
        """Return the file of table ``name``, as the descriptor gives it."""
        return self.pkg.resource(name).path

    def figure(self, figure_id: str, rule: str, description: str) -> Any:
        """Return the key figure ``figure_id``'s value; a missing row is a ``DataError``."""
        figures = self.columns.get(KEY_FIGURES, {})
        value_of = dict(zip(figures.get("figure_id", []), figures.get("value", []), strict=True))
        if figure_id not in value_of:
            raise DataError(
                f"figure {figure_id!r} is missing",
                file=self.path(KEY_FIGURES),
                column="figure_id",
                rule=rule,
                fix=f"restore the {figure_id} row ({description})",
            )
        return value_of[figure_id]

    def qualifier(self, figure_id: str) -> Any:
        """Return the key figure ``figure_id``'s qualifier (None where it has none)."""
        figures = self.columns[KEY_FIGURES]
        qualifiers = dict(zip(figures["figure_id"], figures.get("qualifier", []), strict=False))
        return qualifiers.get(figure_id)

    def records(self, rule: Rule, name: str) -> tuple[str, list[dict[str, Any]]]:
        """Return table ``name``'s file and its rows as dicts (row 1 first)."""
        if name not in self.columns:
            raise DataError(
                f"rule {rule['name']!r} refers to a table {name!r} the descriptor does not "
                "describe",
                file="datapackage.json",
                rule=rule["name"],
                fix="restore the table's resource, or correct the rule in datapackage.json",
            )
        table = self.columns[name]
        rows = zip(*table.values(), strict=True)
        return self.path(name), [dict(zip(table, values, strict=True)) for values in rows]


class Kind(Protocol):
    """A rule kind: one module of :mod:`ecove_data._rules`."""

    NEEDS: frozenset[str]
    MAY: frozenset[str]

    def tables(self, raw: Mapping[str, Any]) -> frozenset[str]: ...

    def parse(
        self, parser: Parser, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]
    ) -> None: ...

    def check(self, data: Tables, rule: Rule) -> None: ...
