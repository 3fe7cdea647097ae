"""Rule kind ``fixed``: a column holds the value the report states, on every row or some.

Column ``column`` of table ``table`` holds ``fixed`` on every row, or on the rows that match
``rows`` (``{column: value}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import DataError
from .._records import Resource, Rule
from ._kind import Parser, Tables

NEEDS = frozenset({"fixed", "table", "column"})
MAY = frozenset({"rows"})


def tables(raw: Mapping[str, Any]) -> frozenset[str]:
    """Return the tables a ``fixed`` rule reads: its ``table``."""
    return frozenset({raw["table"]})


def parse(parser: Parser, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]) -> None:
    """Check the table, its column and the columns ``rows`` matches on."""
    res = parser.table(raw["table"], f"{where}: table", tables)
    parser.columns(res, [parser.check(raw["column"], str, f"{where}: column")], where)
    parser.columns(res, parser.may(raw, "rows", dict, where, {}), f"{where}: rows")


def check(data: Tables, rule: Rule) -> None:
    """Check a value the report states for a whole list, or for one named row."""
    table, column, fixed = data.columns[rule["table"]], rule["column"], rule["fixed"]
    match = rule.get("rows", {})
    for row, values in enumerate(zip(*table.values(), strict=True), start=1):
        record = dict(zip(table, values, strict=True))
        if all(record[key] == value for key, value in match.items()) and record[column] != fixed:
            raise DataError(
                f"{column} is {str(record[column]).lower()}, but the report says "
                f"{str(fixed).lower()}",
                file=data.path(rule["table"]),
                row=row,
                column=column,
                rule=rule["name"],
                fix=f"set it to {str(fixed).lower()}: {rule['description']}",
            )
