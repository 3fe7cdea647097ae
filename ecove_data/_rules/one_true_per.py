"""Rule kind ``one_true_per``: exactly one row per group has ``column`` true.

The groups are the rows of table ``table`` that share the values of the ``one_true_per``
columns.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import DataError
from .._records import Resource, Rule
from ._kind import Parser, Tables

NEEDS = frozenset({"one_true_per", "table", "column"})
MAY: frozenset[str] = frozenset()


def tables(raw: Mapping[str, Any]) -> frozenset[str]:
    """Return the tables a ``one_true_per`` rule reads: its ``table``."""
    return frozenset({raw["table"]})


def parse(parser: Parser, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]) -> None:
    """Check the table, its column and the grouping columns."""
    res = parser.table(raw["table"], f"{where}: table", tables)
    parser.columns(res, [parser.check(raw["column"], str, f"{where}: column")], where)
    groups = parser.check(raw["one_true_per"], list, f"{where}: one_true_per")
    parser.columns(res, groups, f"{where}: one_true_per")


def check(data: Tables, rule: Rule) -> None:
    """Check that exactly one row of each group (``one_true_per``) has ``column`` true."""
    path, records = data.records(rule, rule["table"])
    column, keys = rule["column"], rule["one_true_per"]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for row, record in enumerate(records, start=1):
        groups.setdefault(tuple(record[key] for key in keys), []).append(row)
    for group, rows in groups.items():
        chosen = [row for row in rows if records[row - 1][column]]
        if len(chosen) != 1:
            terms = ", ".join(f"{key} {value!r}" for key, value in zip(keys, group, strict=True))
            raise DataError(
                f"{len(chosen)} rows with {terms} have {column} true "
                f"(rows {[row + 1 for row in rows]}); "
                "exactly one must",
                file=path,
                row=(chosen[1] if chosen else rows[0]),
                column=column,
                rule=rule["name"],
                fix=f"set {column} true on the one row figures use and false on the others, "
                f"and say why in the note ({rule['description']})",
            )
