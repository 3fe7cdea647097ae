"""Rule kind ``context``: context rows hold the key figure the report states, or at most it.

The rows of ``context.table`` that match ``context.where`` hold in ``context.column`` the key
figure ``equals`` (or at most the key figure ``at_most``, as a source's "more than 1 700"
must be for the report's exact 1741).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .._errors import DataError
from .._records import Resource, Rule
from ._kind import KEY_FIGURES, Parser, Tables

NEEDS = frozenset({"context"})
MAY = frozenset({"equals", "at_most"})


def tables(raw: Mapping[str, Any]) -> frozenset[str]:
    """Return the tables a ``context`` rule reads: the key figures and the context table."""
    return frozenset({KEY_FIGURES, raw["context"]["table"]})


def parse(parser: Parser, raw: Mapping[str, Any], where: str, tables: dict[str, Resource]) -> None:
    """Check the comparison, the context table, its column and the ``where`` columns."""
    compare = [key for key in ("equals", "at_most") if key in raw]
    if len(compare) != 1:
        raise parser.error(
            f"{where} needs exactly one of 'equals' and 'at_most'",
            "give the key figure the context rows must equal, or be at most",
        )
    parser.check(raw[compare[0]], str, f"{where}: {compare[0]}")
    spec = raw["context"]
    spot = f"{where}, context"
    parser.keys(spec, "context", spot)
    res = parser.table(parser.need(spec, "table", str, spot), f"{spot}: table", tables)
    parser.columns(res, [parser.need(spec, "column", str, spot)], spot)
    parser.columns(res, parser.may(spec, "where", dict, spot, {}), f"{spot}: where")


def check(data: Tables, rule: Rule) -> None:
    """Check the context rows a rule selects against the figure the report states.

    ``equals``: the value (and the qualifier, where both tables have one) is the report's.
    ``at_most``: the value is at most the report's.
    """
    kind = "equals" if "equals" in rule else "at_most"
    stated = data.figure(rule[kind], rule.name, rule.description)
    stated_qualifier = data.qualifier(rule[kind])
    spec = rule["context"]
    path, records = data.records(rule, spec["table"])
    where, column = spec.get("where", {}), spec["column"]
    matched = 0
    for row, record in enumerate(records, start=1):
        if any(record.get(key) != value for key, value in where.items()):
            continue
        matched += 1
        value, qualifier = record.get(column), record.get("qualifier")
        if value is None or (value != stated if kind == "equals" else value > stated):
            relation = "is not" if kind == "equals" else "is more than"
            shown = "an empty cell" if value is None else value
            problem, at = f"{shown} {relation} the report's {rule[kind]} ({stated})", column
        elif kind == "equals" and None not in (qualifier, stated_qualifier):
            if qualifier == stated_qualifier:
                continue
            problem = f"qualifier {qualifier!r} is not the report's {stated_qualifier!r}"
            at = "qualifier"
        else:
            continue
        raise DataError(
            problem,
            file=path,
            row=row,
            column=at,
            rule=rule["name"],
            fix=f"check the source and the report, then correct the row: {rule['description']}",
        )
    if not matched:
        terms = ", ".join(f"{key} {value!r}" for key, value in where.items())
        raise DataError(
            f"no row has {terms}",
            file=path,
            column=", ".join(where) or None,
            rule=rule["name"],
            fix=f"restore that row: {rule['description']}",
        )
