"""Exports of every table for people who work in Excel, Word or Markdown."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from ._load import describe, load_all

__all__ = ["FORMATS", "export", "to_markdown"]

FORMATS = ("csv", "xlsx", "md")


def to_markdown(frame: pd.DataFrame) -> str:
    r"""Render a frame as a GitHub-flavoured Markdown table (missing values left blank).

    Examples
    --------
    >>> print(to_markdown(pd.DataFrame({"a": [1], "b": ["x|y"]})))
    | a | b |
    |---|---|
    | 1 | x\|y |
    """

    def cell(value: object) -> str:
        text = "" if pd.isna(value) else str(value)
        return " ".join(text.split()).replace("|", "\\|")

    lines = ["| " + " | ".join(map(str, frame.columns)) + " |", "|" + "---|" * len(frame.columns)]
    lines += [
        "| " + " | ".join(cell(v) for v in row) + " |" for row in frame.itertuples(index=False)
    ]
    return "\n".join(lines)


def _atomic(target: Path, write: Callable[[Path], None]) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(fd)
    try:
        write(Path(tmp))
        Path(tmp).replace(target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def export(fmt: str, out: Path | str, *, data_dir: Path | str | None = None) -> list[Path]:
    """Write every table to ``out`` as ``csv`` (one file a table), ``xlsx`` or ``md``.

    ``xlsx`` is one workbook with a sheet per table and a ``data_dictionary`` sheet;
    ``md`` is one Markdown file with a section per table. Returns the files written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    frames = load_all(data_dir=data_dir)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        written = []
        for name, frame in frames.items():
            target = out / f"{name}.csv"
            _atomic(target, lambda p, f=frame: f.to_csv(p, index=False, lineterminator="\n"))
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

        _atomic(target, write_xlsx)
        return [target]
    target = out / "ecove-data.md"
    parts = [f"## {name}\n\n{to_markdown(frame)}\n" for name, frame in frames.items()]
    parts.append(f"## data_dictionary\n\n{to_markdown(dictionary)}\n")
    _atomic(target, lambda p: p.write_text("\n".join(parts), encoding="utf-8"))
    return [target]
