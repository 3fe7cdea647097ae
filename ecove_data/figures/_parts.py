"""Drawing parts the figures share: loading their tables, tiles and membership grids."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ._style import COLOURS, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

__all__ = ["membership", "tables", "tile", "tile_grid"]

TILE_STYLE = {
    "stated": {"face": COLOURS["fill"], "edge": COLOURS["stated"], "line": "solid"},
    "derived": {"face": COLOURS["derived_fill"], "edge": COLOURS["derived"], "line": "dashed"},
    "lower_bound": {"face": COLOURS["fill"], "edge": COLOURS["stated"], "line": "dotted"},
}


def tables(
    names: Sequence[str],
    given: Mapping[str, pd.DataFrame | None],
    data_dir: Path | str | None = None,
) -> dict[str, pd.DataFrame]:
    """Return each named table: the frame given, else the one ``ecove_data.load`` returns.

    Examples
    --------
    >>> sorted(tables(["workshops"], {"workshops": None})["workshops"].columns)[:2]
    ['conclusion', 'line']
    """
    from .._load import load

    found: dict[str, pd.DataFrame] = {}
    for name in names:
        frame = given.get(name)
        found[name] = frame if frame is not None else load(name, data_dir=data_dir)
    return found


def tile_grid(ax: Axes, rows: int, columns: int) -> None:
    """Prepare an empty axes as a grid of ``rows`` x ``columns`` tiles, row 0 at the top.

    One axes for all tiles keeps the layout cheap to solve, however many tiles there are.
    """
    ax.set_axis_off()
    ax.set_xlim(0, columns)
    ax.set_ylim(rows, 0)


def tile(
    ax: Axes,
    row: int,
    column: int,
    value: str,
    label: str,
    *,
    kind: str = "stated",
    tag: str | None = None,
    value_size: float = 16,
    label_width: int = 24,
    gap: float = 0.03,
) -> None:
    """Draw one number tile in cell (``row``, ``column``) of a :func:`tile_grid`.

    ``kind`` is ``stated`` (solid frame), ``derived`` (dashed, in the derived colour) or
    ``lower_bound`` (dotted): the line style carries the distinction, so it survives
    greyscale printing and does not rest on colour.
    """
    from matplotlib.patches import Rectangle

    style = TILE_STYLE[kind]
    x, y = column, row
    ax.add_patch(
        Rectangle(
            (x + gap, y + gap),
            1 - 2 * gap,
            1 - 2 * gap,
            facecolor=style["face"],
            edgecolor=style["edge"],
            linestyle=style["line"],
            linewidth=1.2,
        )
    )
    ax.text(
        x + 0.5,
        y + 0.24,
        value,
        ha="center",
        va="center",
        fontsize=value_size,
        fontweight="bold",
        color=COLOURS["derived"] if kind == "derived" else COLOURS["stated"],
    )
    ax.text(
        x + 0.5,
        y + (0.6 if tag else 0.64),
        wrap(label, label_width),
        ha="center",
        va="center",
        fontsize=8,
        linespacing=1.15,
    )
    if tag:
        ax.text(
            x + 0.5,
            y + 0.93,
            tag,
            ha="center",
            va="bottom",
            fontsize=8,
            fontstyle="italic",
            color=COLOURS["derived_text"] if kind == "derived" else COLOURS["text_soft"],
        )


def membership(
    ax: Axes,
    labels: Sequence[str],
    flags: Sequence[bool],
    *,
    yes: str,
    no: str,
    label_width: int = 40,
    notes: Mapping[int, str] | None = None,
    right: float = 1.5,
) -> None:
    """Draw which rows belong to a set: one marker per row in a "yes" or a "no" column.

    Rows run top to bottom in the order given. A "no" row is drawn in the exception
    colour with a different marker and a bold label, so it stands out without colour
    too. Marker positions carry membership only: no length or area encodes a quantity.
    """
    rows = list(range(len(labels)))
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(-0.5, right)
    for row, flag in zip(rows, flags, strict=True):
        if not flag:
            ax.axhspan(row - 0.45, row + 0.45, color=COLOURS["exception_fill"], zorder=0, lw=0)
        ax.plot([-0.5, 1], [row, row], color=COLOURS["rule"], lw=0.6, ls=":", zorder=1)
        ax.plot(
            0 if flag else 1,
            row,
            marker="o" if flag else "D",
            markersize=9,
            color=COLOURS["positive"] if flag else COLOURS["exception"],
            markeredgecolor=COLOURS["paper"],
            zorder=3,
        )
    for row, note in (notes or {}).items():
        ax.text(
            1.2, row, note, va="center", ha="left", fontsize=8.5, color=COLOURS["exception_text"]
        )
    ax.set_yticks(rows, [wrap(label, label_width) for label in labels])
    for ticklabel, flag in zip(ax.get_yticklabels(), flags, strict=True):
        if not flag:
            ticklabel.set_fontweight("bold")
            ticklabel.set_color(COLOURS["exception_text"])
    ax.xaxis.tick_top()
    ax.set_xticks([0, 1], [yes, no])
    ax.tick_params(axis="both", length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
