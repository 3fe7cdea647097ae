"""The contract between the notebooks and the documents: what ``figures.show`` writes.

Next to what JupyterLab shows, each figure or table a notebook shows carries its content as
JSON under its own MIME type, so the document builder (``ecove-data report``) takes figures
and tables from the executed notebook without reading code or parsing HTML. This module names
those MIME types and the payloads' fields (:class:`FigurePayload`, :class:`TablePayload`),
and makes a table's payload; :func:`ecove_data.figures.show` writes them and the report's
notebook reader reads them, both through these names.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, TypedDict

from ._numbers import format_number
from .provenance import Source, report_lines, sources

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CAPTION_KEY",
    "FIGURE_MIME",
    "TABLE_MIME",
    "FigurePayload",
    "Source",
    "TablePayload",
    "cell_text",
    "table_payload",
]

FIGURE_MIME = "application/vnd.ecove-data.figure+json"
TABLE_MIME = "application/vnd.ecove-data.table+json"
# Metadata key of the caption shown under a figure: the builder writes its own, numbered.
CAPTION_KEY = "ecove_data"


class FigurePayload(TypedDict):
    """A figure as the notebook shows it (under :data:`FIGURE_MIME`; its PNG as image/png)."""

    name: str
    title: str
    caption: str
    alt: str
    width_cm: float
    height_cm: float
    svg: str
    report_lines: list[int]
    sources: list[Source]


class TablePayload(TypedDict):
    """A table as the notebook shows it (under :data:`TABLE_MIME`): header and formatted cells."""

    title: str
    columns: list[str]
    numeric: list[bool]  # per column: right-aligned
    rows: list[list[str]]
    report_lines: list[int]
    sources: list[Source]


def table_payload(frame: pd.DataFrame, title: str) -> TablePayload:
    r"""Return a table as the report builder reads it: header, formatted cells, lines, sources.

    A named index becomes the first column (an ``*_id`` index is left out: ids are for
    code); headers are the descriptor's column titles; numbers are written as the report
    writes them, flags as yes or no.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"value": [1741, 700000], "line": [44, 71]})
    >>> table = table_payload(frame, "Two figures")
    >>> table["columns"], table["rows"], table["report_lines"]
    (['Value', 'Report line'], [['1741', '44'], ['700\xa0000', '71']], [44, 71])
    """
    import pandas as pd

    names = [name for name in frame.index.names if name is not None]
    if names and not all(str(name).endswith("_id") for name in names):
        frame = frame.reset_index()
    titles = _field_titles()
    labels = _value_labels()
    numeric = [
        pd.api.types.is_numeric_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype)
        for dtype in frame.dtypes
    ]
    return {
        "title": title,
        "columns": [_header(column, titles) for column in frame.columns],
        "numeric": numeric,
        "rows": [
            [
                _cell(value, labels.get(str(column), {}))
                for column, value in zip(frame.columns, row, strict=True)
            ]
            for row in frame.itertuples(index=False)
        ],
        "report_lines": report_lines([frame]),
        "sources": sources([frame]),
    }


def _field_titles() -> dict[str, str]:
    """Column name -> title, from the descriptor (the first table that has the column)."""
    from ._descriptor import read_package

    titles: dict[str, str] = {}
    for resource in read_package().raw.get("resources", []):
        for field in resource.get("schema", {}).get("fields", []):
            titles.setdefault(field["name"], field.get("title", ""))
    return titles


def _value_labels() -> dict[str, dict[str, str]]:
    """Column name -> {value: the words a reader reads}, from the descriptor's categories."""
    from ._descriptor import read_package

    labels: dict[str, dict[str, str]] = {}
    for resource in read_package().tables:
        for field in resource.fields:
            if field.category_labels:
                labels.setdefault(field.name, {}).update(field.category_labels)
    return labels


def _header(column: Any, titles: dict[str, str]) -> str:
    text = str(column)
    if text in ("line", "report_line"):
        return "Report line"
    if titles.get(text):
        return titles[text]
    text = text.replace("_", " ")
    return text[:1].upper() + text[1:]


def _cell(value: Any, labels: dict[str, str]) -> str:
    """Write a cell as a reader reads it: numbers as the report writes them, codes in words."""
    import pandas as pd

    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    if pd.api.types.is_bool(value):
        return "yes" if value else "no"
    if isinstance(value, int | float) or hasattr(value, "dtype"):
        number = float(value)
        if math.isfinite(number):
            return format_number(number)
    return labels.get(str(value), str(value))


def cell_text(value: str | list[str]) -> str:
    r"""Return a notebook's multi-line string, which its JSON may hold as a list of lines.

    Examples
    --------
    >>> cell_text(["a\n", "b"]) == cell_text("a\nb") == "a\nb"
    True
    """
    return value if isinstance(value, str) else "".join(value)
