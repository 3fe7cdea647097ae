"""Validation: every rule the descriptor states, checked while a table is read.

A table is read from bytes to typed columns in one pass; any broken rule raises
:class:`DataError` naming the file, row and column. Nothing is returned until every
table and every cross-table rule has passed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from typing import Any

from ._descriptor import Package, Resource, sha256
from ._errors import DataError
from ._quotes import Report, squash, stated_numbers

__all__ = ["check_file", "read_columns"]

_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0"})
_INTEGER = re.compile(r"[+-]?\d+")
_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class _Cell:
    file: str
    row: int
    column: str


def check_file(pkg: Package, res: Resource) -> str:
    """Read a resource's file, check its size and hash against the descriptor, decode it."""
    path = pkg.data_dir / res.path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DataError(
            "the file is missing",
            file=res.path,
            rule="file",
            fix=f"restore {res.path} in {pkg.data_dir}, or remove its resource from the descriptor",
        ) from None
    stale = "run `ecove-data rehash` (or `ecove-data rehash --data-dir DIR`) to record it"
    if "bytes" in res.raw and res.raw["bytes"] != len(data):
        raise DataError(
            f"the file has {len(data)} bytes, the descriptor says {res.raw['bytes']}",
            file=res.path,
            rule="bytes",
            fix=f"if you changed the file on purpose, {stale}; otherwise restore it",
        )
    if "hash" in res.raw and res.raw["hash"] != sha256(data):
        raise DataError(
            f"the file's hash is {sha256(data)}, the descriptor says {res.raw['hash']}",
            file=res.path,
            rule="hash",
            fix=f"if you changed the file on purpose, {stale}; otherwise restore it",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataError(
            f"byte {exc.start} (line {line}) is not UTF-8",
            file=res.path,
            rule="encoding",
            fix="save the file as UTF-8 (in Excel: 'CSV UTF-8')",
        ) from None


def _convert(field: dict[str, Any], cell: str, where: _Cell) -> Any:
    kind = field.get("type", "string")
    constraints = field.get("constraints", {})
    if cell == "":
        if constraints.get("required"):
            raise DataError(
                "the cell is empty but required",
                **vars(where),
                rule="required",
                fix="fill in the value from the report",
            )
        return None
    # Quotes are matched with white space squashed, so white space of a value's own would
    # pass unseen: refuse it at the ends of any cell, and in runs inside verbatim values.
    if cell != cell.strip() or (field.get("verbatim") and cell != " ".join(cell.split())):
        where_ = "at its start or end" if cell != cell.strip() else "in runs or line breaks"
        raise DataError(
            f"{cell!r} has white space {where_}",
            **vars(where),
            rule="whitespace",
            fix="remove the extra white space (single spaces between words)",
        )
    if kind == "integer":
        if not _INTEGER.fullmatch(cell):
            raise DataError(
                f"{cell!r} is not an integer",
                **vars(where),
                rule="type",
                fix="write a whole number with digits only, such as 1741",
            )
        value: Any = int(cell)
    elif kind == "number":
        try:
            value = float(cell)
        except ValueError:
            raise DataError(
                f"{cell!r} is not a number",
                **vars(where),
                rule="type",
                fix="write a number with a dot for decimals, such as 20.7",
            ) from None
    elif kind == "year":
        if not _YEAR.fullmatch(cell):
            raise DataError(
                f"{cell!r} is not a year",
                **vars(where),
                rule="type",
                fix="write the year with four digits, such as 2021",
            )
        value = int(cell)
    elif kind == "date":
        try:
            value = dt.date.fromisoformat(cell) if _DATE.fullmatch(cell) else None
        except ValueError:
            value = None
        if value is None:
            raise DataError(
                f"{cell!r} is not a date",
                **vars(where),
                rule="type",
                fix="write an existing day as YYYY-MM-DD, such as 2022-02-03",
            )
    elif kind == "boolean":
        if cell in _TRUE:
            value = True
        elif cell in _FALSE:
            value = False
        else:
            raise DataError(
                f"{cell!r} is not a boolean", **vars(where), rule="type", fix="write true or false"
            )
    else:
        value = cell
    _check_constraints(constraints, value, cell, where, field.get("patternHint"))
    return value


def _check_constraints(
    constraints: dict[str, Any], value: Any, cell: str, where: _Cell, hint: str | None = None
) -> None:
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataError(
            f"{cell!r} is not one of the allowed values",
            **vars(where),
            rule="enum",
            fix=f"use one of: {', '.join(map(str, constraints['enum']))}; to add a "
            "value, add it to the field's enum in datapackage.json",
        )
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataError(
            f"{cell} is below the minimum {constraints['minimum']}",
            **vars(where),
            rule="minimum",
            fix=f"use a value of at least {constraints['minimum']}",
        )
    if "minLength" in constraints and len(value) < constraints["minLength"]:
        raise DataError(
            f"{cell!r} is shorter than {constraints['minLength']} characters",
            **vars(where),
            rule="minLength",
            fix="write the full text",
        )
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        raise DataError(
            f"{cell!r} does not match the pattern {constraints['pattern']}",
            **vars(where),
            rule="pattern",
            fix=hint or "use lower-case letters, digits and underscores",
        )


def read_columns(res: Resource, text: str, report: Report | None) -> dict[str, list[Any]]:
    """Parse a table's text into typed columns, checking every rule of its schema.

    ``report`` is the source report for tables whose rows carry ``quote`` and ``line``.
    """
    names = [field["name"] for field in res.fields]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header != names:
            missing = [n for n in names if n not in (header or [])]
            extra = [n for n in (header or []) if n not in names]
            raise DataError(
                f"the header is {header}, the descriptor expects {names}"
                + (f" (missing: {missing})" if missing else "")
                + (f" (not described: {extra})" if extra else ""),
                file=res.path,
                row=0,
                rule="header",
                fix="make the first line list the descriptor's field names, in its order, "
                "or describe the new column in datapackage.json",
            )
        columns: dict[str, list[Any]] = {name: [] for name in names}
        offsets: list[int] = []
        for row_number, row in enumerate(reader, start=1):
            if len(row) != len(names):
                raise DataError(
                    f"the row has {len(row)} cells, the header {len(names)}",
                    file=res.path,
                    row=row_number,
                    rule="shape",
                    fix="quote cells that contain commas with double quotes",
                )
            values = {}
            for field, cell in zip(res.fields, row, strict=True):
                where = _Cell(res.path, row_number, field["name"])
                values[field["name"]] = _convert(field, cell, where)
            if report is not None:
                offsets.append(_check_quote(res, values, report, row_number))
            for name, value in values.items():
                columns[name].append(value)
    except csv.Error as exc:
        raise DataError(
            f"not a readable CSV ({exc})",
            file=res.path,
            row=reader.line_num,
            rule="csv",
            fix="check the quotes around cells on that line",
        ) from None
    _check_unique(res, columns)
    _check_complete(res, columns)
    _check_enum_order(res, columns)
    if report is not None:
        _check_order(res, columns, offsets)
    return columns


def _check_quote(res: Resource, values: dict[str, Any], report: Report, row: int) -> int:
    """Check the row's quote, line and verbatim values; return where the quote starts."""
    quote, line = values["quote"], values["line"]
    places = report.find(quote)
    found = [at_line for _, at_line in places]
    if not found:
        raise DataError(
            "the quote does not stand in the report",
            file=res.path,
            row=row,
            column="quote",
            rule="quote",
            fix="copy the excerpt from data/raw/coves-conference-report.txt as it "
            "stands (only white space may differ)",
        )
    if line not in found:
        raise DataError(
            f"the quote starts on line {found[0]} of the report, not line {line}",
            file=res.path,
            row=row,
            column="line",
            rule="quote",
            fix=f"set line to {found[0]}",
        )
    for field in res.fields:
        value = values[field["name"]]
        if not field.get("verbatim") or value is None:
            continue
        if isinstance(value, str):
            ok = squash(value) in squash(quote)
            stated = repr(value)
        else:
            unit, qualifier = values.get("unit", "count"), values.get("qualifier", "exact")
            ok = (float(value), unit, qualifier) in stated_numbers(quote)
            stated = f"{value} ({unit}, {qualifier})"
        if not ok:
            raise DataError(
                f"{stated} does not appear in the row's quote",
                file=res.path,
                row=row,
                column=field["name"],
                rule="verbatim",
                fix="correct the value, or quote the sentence that states it",
            )
    if res.raw.get("quoteIsVerbatimFields"):
        _check_quote_parts(res, values, row)
    return next(offset for offset, at_line in places if at_line == line)


def _check_quote_parts(res: Resource, values: dict[str, Any], row: int) -> None:
    """Check that the quote is the row's verbatim text values, in column order, and nothing more.

    Only punctuation and white space may stand between them, so a value cut short, emptied
    or moved to another column is refused, not just a value the quote does not contain.

    Examples
    --------
    >>> from ecove_data._descriptor import read_package
    >>> res = read_package().resource("workshops")
    >>> values = {"workshop": "Joint qualification recognition programmes",
    ...           "conclusion": "it has to be EQF-linked",
    ...           "quote": "Joint qualification recognition programmes: it has to be EQF-linked"}
    >>> _check_quote_parts(res, values, 3)
    >>> try:
    ...     _check_quote_parts(res, {**values, "conclusion": None}, 3)
    ... except DataError as err:
    ...     print(err.rule, err.column, err.problem)
    quoteIsVerbatimFields quote the quote says more than the row's values: 'it has to be EQF-linked'
    """
    quote = squash(values["quote"])
    rest, at = [], 0
    for field in res.fields:
        value = values.get(field["name"])
        if not field.get("verbatim") or not isinstance(value, str):
            continue
        found = quote.find(squash(value), at)
        if found == -1:
            raise DataError(
                f"{value!r} does not follow the previous values in the quote",
                file=res.path,
                row=row,
                column=field["name"],
                rule="quoteIsVerbatimFields",
                fix="the quote holds the row's values in column order: correct the value",
            )
        rest.append(quote[at:found])
        at = found + len(squash(value))
    rest.append(quote[at:])
    extra = [piece.strip(" ,;:.()-") for piece in rest if any(c.isalnum() for c in piece)]
    if extra:
        raise DataError(
            f"the quote says more than the row's values: {' / '.join(map(repr, extra))}",
            file=res.path,
            row=row,
            column="quote",
            rule="quoteIsVerbatimFields",
            fix="put the missing words in the column they belong to, or quote only the row's "
            "values",
        )


def _check_complete(res: Resource, columns: dict[str, list[Any]]) -> None:
    """Check that a field marked ``complete`` holds every value of its enum: no row is missing."""
    for field in res.fields:
        if not field.get("complete"):
            continue
        missing = [v for v in field["constraints"]["enum"] if v not in columns[field["name"]]]
        if missing:
            raise DataError(
                f"no row for {', '.join(map(repr, missing))}",
                file=res.path,
                column=field["name"],
                rule="complete",
                fix="restore the missing row (the descriptor's enum lists every row the "
                "report gives)",
            )


def _check_enum_order(res: Resource, columns: dict[str, list[Any]]) -> None:
    """Check that a field marked ``enumOrder`` lists its values in the order of its enum.

    The enum then says which row is which: two rows that swap their ids are refused.
    """
    for field in res.fields:
        if not field.get("enumOrder"):
            continue
        rank = {value: place for place, value in enumerate(field["constraints"]["enum"])}
        values = columns[field["name"]]
        for row in range(2, len(values) + 1):
            before, value = values[row - 2], values[row - 1]
            if before is not None and value is not None and rank[value] < rank[before]:
                raise DataError(
                    f"{value!r} comes after {before!r}, but the descriptor lists it before",
                    file=res.path,
                    row=row,
                    column=field["name"],
                    rule="enumOrder",
                    fix="keep the rows in the order of the field's enum in datapackage.json; "
                    "if two rows swapped their ids, give each row its own id back",
                )


def _check_order(res: Resource, columns: dict[str, list[Any]], offsets: list[int]) -> None:
    """Check that a field marked ``reportOrder`` numbers the rows 1, 2, ... in report order."""
    expected = {offset: rank for rank, offset in enumerate(sorted(offsets), start=1)}
    for field in res.fields:
        if not field.get("reportOrder"):
            continue
        for row, (value, offset) in enumerate(zip(columns[field["name"]], offsets, strict=True), 1):
            if value != expected[offset]:
                raise DataError(
                    f"{value} is not the row's place in the report, {expected[offset]}",
                    file=res.path,
                    row=row,
                    column=field["name"],
                    rule="reportOrder",
                    fix=f"number the rows 1 to {len(offsets)} in the order their quotes "
                    "appear in the report",
                )


def _check_unique(res: Resource, columns: dict[str, list[Any]]) -> None:
    keys = [(field["name"],) for field in res.fields if field.get("constraints", {}).get("unique")]
    if res.primary_key:
        keys.append(res.primary_key)
    for key in keys:
        seen: dict[tuple[Any, ...], int] = {}
        for row, combo in enumerate(zip(*(columns[name] for name in key), strict=True), start=1):
            if combo in seen:
                raise DataError(
                    f"{combo if len(key) > 1 else combo[0]!r} repeats row {seen[combo]}",
                    file=res.path,
                    row=row,
                    column=", ".join(key),
                    rule="unique",
                    fix="each value may appear once: remove the duplicate row",
                )
            seen[combo] = row
