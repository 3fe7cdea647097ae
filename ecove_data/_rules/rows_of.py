"""Rule kind ``rows_of``: a table has as many rows (with column ``where`` true) as a key figure.

The key figure is ``equals``; without ``where`` every row of table ``rows_of`` counts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import DataError
from .._records import Resource, Rule
from ._kind import KEY_FIGURES, Parser, Tables

NEEDS = frozenset({"rows_of", "equals"})
MAY = frozenset({"where"})


def tables(raw: Mapping[str, Any]) -> frozenset[str]:
    """Return the tables a ``rows_of`` rule reads: the key figures and the counted table."""
    return frozenset({KEY_FIGURES, raw["rows_of"]})


def parse(parser: Parser, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]) -> None:
    """Check the figure id, the counted table and its ``where`` column."""
    parser.check(raw["equals"], str, f"{where}: equals")
    res = parser.table(raw["rows_of"], f"{where}: rows_of", tables)
    if "where" in raw:
        parser.columns(res, [parser.check(raw["where"], str, f"{where}: where")], where)


def check(data: Tables, rule: Rule) -> None:
    """Check that the table has as many (selected) rows as the key figure says."""
    expected = data.figure(rule["equals"], rule.name, rule.description)
    table = data.columns[rule["rows_of"]]
    flags = table[rule["where"]] if "where" in rule else [True] * len(table[next(iter(table))])
    count = sum(bool(flag) for flag in flags)
    what = f"rows with {rule['where']} true" if "where" in rule else "rows"
    if count != expected:
        raise DataError(
            f"{count} {what}, but {KEY_FIGURES} {rule['equals']} is {expected}",
            file=data.path(rule["rows_of"]),
            column=rule.get("where"),
            rule=rule.name,
            fix=f"make the table and the figure agree: {rule.description}",
        )
