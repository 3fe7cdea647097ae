"""Show a figure or a table in a notebook with its caption, in a form the report builder reads.

:func:`show` displays a registered figure with "Figure. Title." and its caption under it and
its alt text, or a table with "Table. Title." above it. Next to what JupyterLab shows, each
output carries the same content as JSON under its own MIME type, so the document builder
(``ecove-data report``) takes figures and tables from the executed notebook without
reading code or parsing HTML: the PNG and SVG of the figure as drawn, the registry's title,
caption and alt text, the table's cells formatted as the prose formats numbers, and the
report lines and public sources they rest on.
"""

from __future__ import annotations

import base64
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..notebook import (
    CAPTION_KEY,
    FIGURE_MIME,
    TABLE_MIME,
    FigurePayload,
    TablePayload,
    table_payload,
)
from ..provenance import report_lines, sources
from ._registry import REGISTRY, UnknownFigureError

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["show", "table_payload"]

# Pixels per inch at which JupyterLab shows the 300 dpi PNG: its natural size on screen.
SCREEN_PPI = 96


def show(
    item: Figure | str | pd.DataFrame,
    /,
    title: str | None = None,
    *,
    data_dir: Path | str | None = None,
    **frames: pd.DataFrame,
) -> None:
    """Display a figure with its caption and alt text, or a table with its title.

    Parameters
    ----------
    item
        A figure drawn by a figure function (``figures.activities()``), a figure's
        name (drawn here from ``frames`` or the loaded tables), or a DataFrame to show as
        a table.
    title
        The table's title (required for a table; a figure's title is the registry's).
    data_dir, frames
        The tables the figure's alt text is written from, as for :func:`figures.draw`.

    Examples
    --------
    >>> import pandas as pd
    >>> show(pd.DataFrame({"a": [1]}))
    Traceback (most recent call last):
    ...
    ValueError: show() needs title="..." for a table: it becomes "Table N. <title>." in the report
    """
    import pandas as pd

    if isinstance(item, pd.DataFrame):
        if not title:
            raise ValueError(
                'show() needs title="..." for a table: it becomes "Table N. <title>." in the report'
            )
        _show_table(item, title)
        return
    _show_figure(item, data_dir, frames)


def _show_figure(item: Figure | str, data_dir: Path | str | None, given: dict[str, Any]) -> None:
    from IPython.display import Markdown, display

    from ._parts import tables

    if isinstance(item, str):
        if item not in REGISTRY:
            raise UnknownFigureError(item, list(REGISTRY))
        name = item
        spec = REGISTRY[name]
        frames = tables(spec.tables, given, data_dir)
        fig = spec.draw(**frames)
    else:
        fig, name = item, str(item.get_label())
        if name not in REGISTRY:
            raise ValueError(
                "show() takes a figure drawn by a function of ecove_data.figures, such as "
                f"figures.activities(), or a figure's name; got a figure labelled {name!r}"
            )
        spec = REGISTRY[name]
        frames = tables(spec.tables, given, data_dir)
    alt = spec.alt_text(frames)
    from .render import render

    files = render(fig, ["png", "svg"], spec.title, alt)
    png, svg = files["png"], files["svg"].decode("utf-8")
    width_in, height_in = (float(v) for v in fig.get_size_inches())
    payload: FigurePayload = {
        "name": name,
        "title": spec.title,
        "caption": spec.caption,
        "alt": alt,
        "width_cm": round(width_in * 2.54, 2),
        "height_cm": round(height_in * 2.54, 2),
        "svg": svg,
        "report_lines": report_lines(frames.values(), alt),
        "sources": sources(frames.values()),
    }
    display(
        {
            "image/png": base64.b64encode(png).decode("ascii"),
            "text/plain": f"Figure. {spec.title}.",
            FIGURE_MIME: payload,
        },
        raw=True,
        metadata={"image/png": {"width": round(width_in * SCREEN_PPI)}},
    )
    display(
        Markdown(f"**Figure. {spec.title}.** {spec.caption}\n\n*Alt text:* {alt}"),
        metadata={CAPTION_KEY: {"role": "caption", "figure": name}},
    )


def _show_table(frame: pd.DataFrame, title: str) -> None:
    from IPython.display import display

    table = table_payload(frame, title)
    display(
        {
            "text/html": _table_html(table),
            "text/plain": f"Table. {title}.\n{frame.to_string()}",
            TABLE_MIME: table,
        },
        raw=True,
    )


def _table_html(table: TablePayload) -> str:
    from html import escape

    head = "".join(f"<th>{escape(c)}</th>" for c in table["columns"])
    body = "".join(
        "<tr>"
        + "".join(
            f'<td style="text-align:{"right" if num else "left"}">{escape(cell)}</td>'
            for cell, num in zip(row, table["numeric"], strict=True)
        )
        + "</tr>"
        for row in table["rows"]
    )
    return (
        f"<p><strong>Table. {escape(table['title'])}.</strong></p>"
        f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
