"""Validation: every rule the descriptor states, checked while a table is read.

A table is read from bytes to typed columns in one pass; each broken rule is a
:class:`DataError` naming the file, row and column, given to a :class:`Problems`, which
either raises it at once or collects it so that every problem is found in one run. A
check that needs what an earlier one refused (the rows of a table with a bad cell, the
tables of a cross-table rule) is left out rather than reporting the same fault twice.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TypedDict

from ._descriptor import command, sha256, utf8_text
from ._errors import DataError
from ._quotes import Report, squash, stated_numbers
from ._records import Field, Package, Resource

__all__ = ["Problems", "check_file", "formula_start", "read_columns"]

_TRUE = frozenset({"true", "True", "TRUE", "1"})
_FALSE = frozenset({"false", "False", "FALSE", "0"})
_INTEGER = re.compile(r"[+-]?\d+")
_YEAR = re.compile(r"\d{4}")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# A number as a spreadsheet reads it when it opens a CSV: such a cell becomes a number.
_SIGNED_NUMBER = re.compile(r"[+-](?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
# Characters XML 1.0 cannot hold (so neither can .xlsx or .docx): C0 controls but the tab
# and the line breaks.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def formula_start(text: str) -> str | None:
    """Say why a spreadsheet opening ``text`` in a CSV would run it as a formula, or None.

    Excel and LibreOffice Calc run a cell that starts with ``=``; Excel also one that starts
    with ``@`` (its implicit-intersection operator) and one that starts with ``+`` or ``-``
    unless the cell is a number (``-5``, ``+3.2`` become numbers in both). A lone ``+`` or
    ``-`` stays text.

    Examples
    --------
    >>> formula_start('=HYPERLINK("http://example.org/","click me")')
    'it starts with "=", which Excel and LibreOffice run as a formula'
    >>> formula_start("@SUM(1+1)")
    'it starts with "@", which Excel runs as a formula'
    >>> formula_start("- a list item")
    'it starts with "-" and is not a number, which Excel runs as a formula'
    >>> [formula_start(text) for text in ("-5", "+3.2", "-", "a = b", "e-mail")]
    [None, None, None, None, None]
    """
    first = text[:1]
    if first == "=":
        return 'it starts with "=", which Excel and LibreOffice run as a formula'
    if first == "@":
        return 'it starts with "@", which Excel runs as a formula'
    if first in ("+", "-") and len(text) > 1 and not _SIGNED_NUMBER.fullmatch(text):
        return f'it starts with "{first}" and is not a number, which Excel runs as a formula'
    return None


class Problems:
    """Where broken rules go: raised at once (``collect=False``) or gathered in a list.

    Examples
    --------
    >>> problems = Problems(collect=True)
    >>> with problems.check():
    ...     raise DataError("bad", file="a.csv")
    >>> [str(err) for err in problems.found]
    ['a.csv: bad']
    """

    def __init__(self, *, collect: bool = False) -> None:
        self.collect = collect
        self.found: list[DataError] = []

    def add(self, err: DataError) -> None:
        """Record a broken rule, or raise it when not collecting."""
        if not self.collect:
            raise err
        self.found.append(err)

    @contextmanager
    def check(self) -> Iterator[None]:
        """Run a check that raises :class:`DataError`; record what it raises."""
        try:
            yield
        except DataError as err:
            self.add(err)

    def __len__(self) -> int:
        return len(self.found)


class _Row(TypedDict):
    # Where a row is, as DataError takes it: a plain dict made once a row, to which the
    # column is added only for a cell that is refused.
    file: str
    row: int


def check_file(pkg: Package, res: Resource, problems: Problems | None = None) -> str | None:
    """Read a resource's file, check its size and hash against the descriptor, decode it.

    A byte-order mark at the start (Excel's "CSV UTF-8" writes one) is not part of the
    text. Returns None when the file cannot be read as text (the problem is recorded).
    """
    problems = problems if problems is not None else Problems()
    path = pkg.data_dir / res.path
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.add(
            DataError(
                "the file is missing",
                file=res.path,
                rule="file",
                fix=f"restore {res.path} in {pkg.data_dir}, or remove its resource from the "
                "descriptor",
            )
        )
        return None
    if res.bytes is not None and res.bytes != len(data):
        problems.add(
            DataError(
                f"the file has {len(data)} bytes, the descriptor says {res.bytes}",
                file=res.path,
                rule="bytes",
                fix=_stale_fix(pkg),
            )
        )
    elif res.hash is not None and res.hash != sha256(data):
        problems.add(
            DataError(
                f"the file's hash is {sha256(data)}, the descriptor says {res.hash}",
                file=res.path,
                rule="hash",
                fix=_stale_fix(pkg),
            )
        )
    try:
        return utf8_text(data)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.add(
            DataError(
                f"byte {exc.start} (line {line}) is not UTF-8",
                file=res.path,
                rule="encoding",
                fix="save the file as UTF-8 (in Excel: 'CSV UTF-8'; in LibreOffice: character "
                "set 'Unicode (UTF-8)')",
            )
        )
        return None


def _stale_fix(pkg: Package) -> str:
    # Only for a message: the command is worked out (resolving paths) when a file is wrong.
    stale = f"run `{command('rehash', pkg.data_dir)}` to record it"
    return f"if you changed the file on purpose, {stale}; otherwise restore it"


def _convert(field: Field, cell: str, where: _Row) -> Any:
    kind = field.type
    constraints = field.constraints
    if cell == "":
        if constraints.required:
            raise DataError(
                "the cell is empty but required",
                **where,
                column=field.name,
                rule="required",
                fix="fill in the value from the report",
            )
        return None
    # Quotes are matched with white space squashed, so white space of a value's own would
    # pass unseen: refuse it at the ends of any cell, and in runs inside verbatim values.
    if cell != cell.strip() or (field.verbatim and cell != " ".join(cell.split())):
        where_ = "at its start or end" if cell != cell.strip() else "in runs or line breaks"
        raise DataError(
            f"{cell!r} has white space {where_}",
            **where,
            column=field.name,
            rule="whitespace",
            fix="remove the extra white space (single spaces between words)",
        )
    # Printable text holds no control character: only other text is searched for one.
    control = None if cell.isprintable() else _CONTROL.search(cell)
    if control:
        raise DataError(
            f"{cell!r} holds the invisible control character U+{ord(control.group()):04X}, "
            "which spreadsheets and documents cannot hold",
            **where,
            column=field.name,
            rule="control",
            fix="retype the cell without it (copying from a PDF or an e-mail can bring one in)",
        )
    if kind == "integer":
        if not _INTEGER.fullmatch(cell):
            raise DataError(
                f"{cell!r} is not an integer",
                **where,
                column=field.name,
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
                **where,
                column=field.name,
                rule="type",
                fix="write a number with a dot for decimals, such as 20.7",
            ) from None
    elif kind == "year":
        if not _YEAR.fullmatch(cell):
            raise DataError(
                f"{cell!r} is not a year",
                **where,
                column=field.name,
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
                **where,
                column=field.name,
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
                f"{cell!r} is not a boolean",
                **where,
                column=field.name,
                rule="type",
                fix="write true or false",
            )
    else:
        value = cell
        formula = formula_start(cell)
        if formula:
            raise DataError(
                f"{cell!r} would run as a formula when a spreadsheet opens the CSV: {formula}",
                **where,
                column=field.name,
                rule="formula",
                fix="begin the text with a word, or with an en dash (\u2013) or a bullet "
                "(\u2022) for a list item; a number belongs in a number column",
            )
    _check_constraints(field, value, cell, where)
    return value


def _check_constraints(field: Field, value: Any, cell: str, where: _Row) -> None:
    rules = field.constraints
    if rules.enum is not None and value not in rules.enum:
        raise DataError(
            f"{cell!r} is not one of the allowed values",
            **where,
            column=field.name,
            rule="enum",
            fix=f"use one of: {', '.join(map(str, rules.enum))}; to add a "
            "value, add it to the field's enum in datapackage.json",
        )
    if rules.minimum is not None and value < rules.minimum:
        raise DataError(
            f"{cell} is below the minimum {rules.minimum}",
            **where,
            column=field.name,
            rule="minimum",
            fix=f"use a value of at least {rules.minimum}",
        )
    if rules.min_length is not None and len(value) < rules.min_length:
        raise DataError(
            f"{cell!r} is shorter than {rules.min_length} characters",
            **where,
            column=field.name,
            rule="minLength",
            fix="write the full text",
        )
    if rules.pattern is not None and not re.fullmatch(rules.pattern, value):
        raise DataError(
            f"{cell!r} does not match the pattern {rules.pattern}",
            **where,
            column=field.name,
            rule="pattern",
            fix=field.pattern_hint or "use lower-case letters, digits and underscores",
        )


def read_columns(
    res: Resource, text: str, report: Report | None, problems: Problems | None = None
) -> dict[str, list[Any]] | None:
    """Parse a table's text into typed columns, checking every rule of its schema.

    ``report`` is the source report for tables whose rows carry ``quote`` and ``line``.
    Returns None if any rule is broken (each is given to ``problems``). Rows are numbered
    from 1 after the header, as :class:`DataError` counts them.
    """
    problems = problems if problems is not None else Problems()
    before = len(problems)
    names = res.field_names
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, list[Any]] = {name: [] for name in names}
    offsets: list[int | None] = []
    fields = res.fields
    lists = list(columns.values())
    try:
        header = next(reader, None)
        if header != names:
            missing = [n for n in names if n not in (header or [])]
            extra = [n for n in (header or []) if n not in names]
            problems.add(
                DataError(
                    f"the header is {header}, the descriptor expects {names}"
                    + (f" (missing: {missing})" if missing else "")
                    + (f" (not described: {extra})" if extra else ""),
                    file=res.path,
                    row=0,
                    rule="header",
                    fix="make the first line list the descriptor's field names, in its order, "
                    "or describe the new column in datapackage.json",
                )
            )
            return None
        for row_number, row in enumerate(reader, start=1):
            if len(row) != len(names):
                problems.add(
                    DataError(
                        f"the row has {len(row)} cells, the header {len(names)}",
                        file=res.path,
                        row=row_number,
                        rule="shape",
                        fix="quote cells that contain commas with double quotes",
                    )
                )
                continue
            values = {}
            cells_ok = True
            where: _Row = {"file": res.path, "row": row_number}
            for field, cell in zip(fields, row, strict=True):
                try:
                    values[field.name] = _convert(field, cell, where)
                except DataError as err:
                    problems.add(err)
                    values[field.name], cells_ok = None, False
            offset = None
            if report is not None and cells_ok:
                try:
                    offset = _check_quote(res, values, report, row_number)
                except DataError as err:
                    problems.add(err)
            offsets.append(offset)
            for column, value in zip(lists, values.values(), strict=True):
                column.append(value)
    except csv.Error as exc:
        problems.add(
            DataError(
                f"not a readable CSV ({exc})",
                file=res.path,
                row=max(reader.line_num - 1, 0),
                rule="csv",
                fix="check the quotes around cells on that line",
            )
        )
        return None
    if len(problems) > before:
        return None
    for check in (_check_unique, _check_complete, _check_enum_order):
        with problems.check():
            check(res, columns)
    if report is not None:
        with problems.check():
            _check_order(res, columns, [offset or 0 for offset in offsets])
    return None if len(problems) > before else columns


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
            fix=f"copy the excerpt from {report.path} in the data folder as it "
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
        value = values[field.name]
        if not field.verbatim or value is None:
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
                column=field.name,
                rule="verbatim",
                fix="correct the value, or quote the sentence that states it",
            )
    if res.quote_is_verbatim_fields:
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
        value = values.get(field.name)
        if not field.verbatim or not isinstance(value, str):
            continue
        found = quote.find(squash(value), at)
        if found == -1:
            raise DataError(
                f"{value!r} does not follow the previous values in the quote",
                file=res.path,
                row=row,
                column=field.name,
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
        if not field.complete or field.constraints.enum is None:
            continue
        missing = [v for v in field.constraints.enum if v not in columns[field.name]]
        if missing:
            raise DataError(
                f"no row for {', '.join(map(repr, missing))}",
                file=res.path,
                column=field.name,
                rule="complete",
                fix="restore the missing row (the descriptor's enum lists every row the "
                "report gives)",
            )


def _check_enum_order(res: Resource, columns: dict[str, list[Any]]) -> None:
    """Check that a field marked ``enumOrder`` lists its values in the order of its enum.

    The enum then says which row is which: two rows that swap their ids are refused.
    """
    for field in res.fields:
        if not field.enum_order or field.constraints.enum is None:
            continue
        rank = {value: place for place, value in enumerate(field.constraints.enum)}
        values = columns[field.name]
        for row in range(2, len(values) + 1):
            before, value = values[row - 2], values[row - 1]
            if before is not None and value is not None and rank[value] < rank[before]:
                raise DataError(
                    f"{value!r} comes after {before!r}, but the descriptor lists it before",
                    file=res.path,
                    row=row,
                    column=field.name,
                    rule="enumOrder",
                    fix="keep the rows in the order of the field's enum in datapackage.json; "
                    "if two rows swapped their ids, give each row its own id back",
                )


def _check_order(res: Resource, columns: dict[str, list[Any]], offsets: list[int]) -> None:
    """Check that a field marked ``reportOrder`` numbers the rows 1, 2, ... in report order."""
    expected = {offset: rank for rank, offset in enumerate(sorted(offsets), start=1)}
    for field in res.fields:
        if not field.report_order:
            continue
        for row, (value, offset) in enumerate(zip(columns[field.name], offsets, strict=True), 1):
            if value != expected[offset]:
                raise DataError(
                    f"{value} is not the row's place in the report, {expected[offset]}",
                    file=res.path,
                    row=row,
                    column=field.name,
                    rule="reportOrder",
                    fix=f"number the rows 1 to {len(offsets)} in the order their quotes "
                    "appear in the report",
                )


def _check_unique(res: Resource, columns: dict[str, list[Any]]) -> None:
    keys: list[tuple[str, ...]] = [(f.name,) for f in res.fields if f.constraints.unique]
    if res.primary_key:
        keys.append(res.primary_key)
    for key in keys:
        seen: dict[tuple[Any, ...], int] = {}
        for row, combo in enumerate(zip(*(columns[name] for name in key), strict=True), start=1):
            if combo in seen:
                raise DataError(
                    f"{combo if len(key) > 1 else combo[0]!r} repeats row {seen[combo] + 1}",
                    file=res.path,
                    row=row,
                    column=", ".join(key),
                    rule="unique",
                    fix="each value may appear once: remove the duplicate row",
                )
            seen[combo] = row
