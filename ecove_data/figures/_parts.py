"""Drawing parts the figures share: their tables, key figures, tiles, membership grids, dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypedDict

from ..provenance import source_name
from ._style import COLOURS, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "FULL_CHARS",
    "HALF_CHARS",
    "REPORT_COLOUR",
    "MembershipFacts",
    "day_number",
    "derived_values",
    "figure_values",
    "footnote",
    "heading",
    "membership",
    "membership_facts",
    "middle",
    "note",
    "source_list",
    "span_bar",
    "tables",
    "tile",
    "tile_grid",
]

# The colour of what the report itself says, where a figure sets it beside public sources.
REPORT_COLOUR = COLOURS["exception"]
# Characters of 8 pt text per line of a footnote across the full and the half A4 width.
FULL_CHARS, HALF_CHARS = 98, 46

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


class MembershipFacts(TypedDict):
    """The facts of a figure of which rows belong to a set, drawn with :func:`membership`."""

    names: list[str]
    flags: list[bool]  # in the set, per name
    outside: list[str]  # the names not in it, in order


def membership_facts(names: Iterable[Any], flags: Iterable[Any]) -> MembershipFacts:
    """Return the names, whether each is in the set, and those that are not.

    Examples
    --------
    >>> membership_facts(["a", "b", "c"], [True, False, True])["outside"]
    ['b']
    """
    words = [str(name) for name in names]
    marks = [bool(flag) for flag in flags]
    outside = [name for name, flag in zip(words, marks, strict=True) if not flag]
    return {"names": words, "flags": marks, "outside": outside}


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


def figure_values(key_figures: pd.DataFrame) -> dict[str, float]:
    """Return ``{figure_id: value}`` of the key figures."""
    return {
        str(fid): float(value)
        for fid, value in zip(key_figures["figure_id"], key_figures["value"], strict=True)
    }


def derived_values(derived: pd.DataFrame) -> dict[str, float]:
    """Return ``{indicator_id: value}`` of the derived indicators."""
    return {
        str(iid): float(value)
        for iid, value in zip(derived["indicator_id"], derived["value"], strict=True)
    }


def middle(start: dt.date, end: dt.date) -> dt.date:
    """Return the day halfway between ``start`` and ``end``."""
    return start + (end - start) / 2


def day_number(day: dt.date) -> float:
    """Return the number a matplotlib date axis places ``day`` at (days since its epoch)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))


def span_bar(ax: Axes, start: dt.date, end: dt.date, value: int, colour: str) -> None:
    """Draw the month or year of a source that gives no day, as a bar at its value."""
    # Opaque: a translucent bar would fall below 3:1 against the paper (WCAG 1.4.11).
    ax.plot([day_number(start), day_number(end)], [value, value], color=colour, lw=2.5, zorder=2)


def source_list(pairs: Sequence[tuple[str, str]]) -> str:
    """``[(url, what)]`` -> "site (what, what); site (what)", sites in order of first use.

    Examples
    --------
    >>> pairs = [("https://a.eu/1", "2021"), ("https://b.eu", "2022"), ("https://a.eu/2", "2023")]
    >>> source_list(pairs)
    'a.eu (2021, 2023); b.eu (2022)'
    """
    grouped: dict[str, list[str]] = {}
    for url, what in pairs:
        grouped.setdefault(source_name(url), []).append(what)
    return "; ".join(f"{site} ({', '.join(whats)})" for site, whats in grouped.items())


def heading(fig: Figure, text: str, x: float = 0.01) -> None:
    """Write the figure's statement above its panels: bold, flush left."""
    fig.suptitle(text, x=x, ha="left", fontweight="bold", fontsize=9)


def note(fig: Figure, text: str) -> None:
    """Write one line under the figure, flush left: how to read it."""
    fig.supxlabel(text, x=0.01, ha="left", fontsize=8)


def footnote(fig: Figure, text: str, width: int) -> None:
    """Write the figure's footnote under it, wrapped at ``width`` characters."""
    fig.supxlabel(wrap(text, width), x=0.01, ha="left", fontsize=8, linespacing=1.2)
