"""Exports of every table for people who work in Excel, Word or Markdown."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from ._files import make_dir, write_atomic
from ._load import describe, load_all
from ._markdown import escape

__all__ = ["FORMATS", "export", "to_markdown"]

FORMATS = ("csv", "xlsx", "md")


def _csv_cell(text: str) -> str:
    """One CSV cell: quoted when it holds a comma, a quote or either character of a line end."""
    if any(char in text for char in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_text(frame: pd.DataFrame) -> str:
    r"""``frame`` as CSV text, rows ending in ``\n``, values formatted as pandas writes them.

    Python's CSV writer quotes only the characters of its own line terminator, so with
    ``\n`` a value holding a lone carriage return would be written bare and read back as
    two lines; here every cell with a ``\r`` or a ``\n`` is quoted.
    """
    every_cell_quoted = frame.to_csv(index=False, quoting=csv.QUOTE_ALL, lineterminator="\n")
    rows = csv.reader(io.StringIO(every_cell_quoted, newline=""), strict=True)
    return "".join(",".join(map(_csv_cell, row)) + "\n" for row in rows)


def to_markdown(frame: pd.DataFrame) -> str:
    r"""Render a frame as a GitHub-flavoured Markdown table (missing values left blank).

    Each cell shows its text exactly as it stands: characters Markdown reads as markup are
    escaped with a backslash (``|``, ``*``, ``<``...), and a line break, which a table cell
    cannot hold, is written ``<br>``, which Markdown readers show as a line break.

    Examples
    --------
    >>> print(to_markdown(pd.DataFrame({"a": [1], "b": ["x|y"]})))
    | a | b |
    |---|---|
    | 1 | x\|y |
    >>> print(to_markdown(pd.DataFrame({"text": ["*two*\nlines"]})).splitlines()[-1])
    | \*two\*<br>lines |
    """

    def cell(value: Any) -> str:
        text = "" if pd.isna(value) else str(value)
        return escape(text, line_break="<br>")

    lines = ["| " + " | ".join(cell(c) for c in frame.columns) + " |"]
    lines.append("|" + "---|" * len(frame.columns))
    lines += [
        "| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]
    return "\n".join(lines)


def _text_cells(book: Any) -> None:
    """Make every cell that openpyxl took for a formula a text cell holding the same text.

    openpyxl stores a string that starts with ``=`` as a formula; the workbook holds data
    only, so such a cell is the text as it stands.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"


def export(fmt: str, out: Path | str, *, data_dir: Path | str | None = None) -> list[Path]:
    """Write every table to ``out`` as ``csv`` (one file a table), ``xlsx`` or ``md``.

    ``csv`` files are UTF-8 with a byte-order mark, so Excel opens them with accents
    intact (pandas and LibreOffice read the mark as such); ``xlsx`` is one workbook with a
    sheet per table and a ``data_dictionary`` sheet; ``md`` is one Markdown file with a
    section per table. Each file is written whole or not at all, with the permissions the
    umask gives; a file or folder that cannot be written raises
    :class:`ecove_data.CannotWriteError` and leaves the previous file as it was. Returns
    the files written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    frames = load_all(data_dir=data_dir)
    out = make_dir(out)
    if fmt == "csv":
        written = []
        for name, frame in frames.items():
            target = out / f"{name}.csv"
            write_atomic(target, "\ufeff" + _csv_text(frame))
            written.append(target)
        return written
    dictionary = pd.concat(
        [describe(name, data_dir=data_dir).assign(table=name) for name in frames], ignore_index=True
    )
    dictionary = dictionary[["table", *dictionary.columns.drop("table")]]
    if fmt == "xlsx":
        target = out / "ecove-data.xlsx"

        def write_xlsx(path: Path) -> None:
            with pd.ExcelWriter(path, engine="openpyxl") as writer:
                for name, frame in frames.items():
                    frame.to_excel(writer, sheet_name=name[:31], index=False)
                dictionary.to_excel(writer, sheet_name="data_dictionary", index=False)
                _text_cells(writer.book)

        write_atomic(target, write_xlsx)
        return [target]
    target = out / "ecove-data.md"
    parts = [f"## {name}\n\n{to_markdown(frame)}\n" for name, frame in frames.items()]
    parts.append(f"## data_dictionary\n\n{to_markdown(dictionary)}\n")
    write_atomic(target, "\n".join(parts))
    return [target]
