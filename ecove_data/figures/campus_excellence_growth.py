"""French campuses of excellence at each dated public source; the last the report's count."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from ..provenance import date_span
from ._parts import (
    HALF_CHARS,
    REPORT_COLOUR,
    day_number,
    footnote,
    heading,
    middle,
    source_list,
    span_bar,
)
from ._registry import Chart
from ._style import COLOURS, format_number, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["campus_excellence_growth"]


def _report_campuses(key_figures: pd.DataFrame) -> int | None:
    rows = key_figures[key_figures["figure_id"] == "campus_des_metiers_excellence"]
    return int(rows["value"].iloc[0]) if len(rows) else None


def _campus_sources(campus: pd.DataFrame) -> str:
    pairs = [
        (str(row.source_url), date_span(str(row.date))[2]) for row in campus.itertuples(index=False)
    ]
    return source_list(pairs)


class CampusFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    values: list[int]
    spans: list[tuple[dt.date, dt.date, str]]
    stated: int | None
    last_is_report: bool
    sources: str


def facts(*, context_campus_excellence: pd.DataFrame, key_figures: pd.DataFrame) -> CampusFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    campus = context_campus_excellence
    values = [int(v) for v in campus["excellence_campuses"]]
    stated = _report_campuses(key_figures)
    return {
        "values": values,
        "spans": [date_span(str(d)) for d in campus["date"]],
        "stated": stated,
        # The last count is also the report's: drawn and described as such.
        "last_is_report": bool(values) and stated is not None and values[-1] == stated,
        "sources": _campus_sources(campus),
    }


def alt_text(f: CampusFacts) -> str:
    """Write the alt text from the facts."""
    points = [
        f"{format_number(value)} on {label}"
        for value, (_, _, label) in zip(f["values"], f["spans"], strict=True)
    ]
    counts = " \u2192 ".join(format_number(v) for v in f["values"])
    text = (
        "French Campus des m\u00e9tiers et des qualifications labelled \u201cof excellence\u201d "
        f"at {len(points)} dates, one stem per public source ({counts}): "
        + "; ".join(points)
        + ". Each is the count at that date, not a sum of new labels."
    )
    if f["last_is_report"]:
        text += f" The report states the same {format_number(f['stated'])}."
    return text + f" Sources: {f['sources']}."


def draw(f: CampusFacts) -> Figure:
    """Draw the number of campuses of excellence at each dated source, as stems from zero."""
    values, spans = f["values"], f["spans"]
    fig = new_figure("half", 8.5)
    ax = fig.add_subplot()
    ax.xaxis_date()
    highest = max(values, default=1)
    mids = [day_number(middle(start, end)) for start, end, _ in spans]
    for i, (value, mid, (start, end, _)) in enumerate(zip(values, mids, spans, strict=True)):
        also_report = f["last_is_report"] and i == len(values) - 1
        colour = REPORT_COLOUR if also_report else COLOURS["stated"]
        ax.plot([mid, mid], [0, value], color=colour, lw=3, solid_capstyle="butt", zorder=2)
        if start != end:
            span_bar(ax, start, end, value, colour)
        ax.plot(mid, value, marker="o", markersize=8, color=colour, zorder=3)
        ax.text(
            mid,
            value + highest * 0.05,
            format_number(value),
            ha="center",
            va="bottom",
            fontsize=11,
            fontweight="bold",
            color=colour,
        )
        if also_report:
            ax.text(
                mid,
                value * 0.5,
                "the report \nstates the \nsame ",
                ha="right",
                va="center",
                fontsize=8,
                color=COLOURS["exception_text"],
                linespacing=1.1,
            )
    ax.set_xticks(mids, [label for _, _, label in spans])
    if mids:
        ax.set_xlim(min(mids) - 150, max(mids) + 200)
    ax.set_ylim(0, highest * 1.25)
    ax.set_ylabel("campuses of excellence")
    heading(
        fig, "Campuses of excellence: " + " \u2192 ".join(format_number(v) for v in values), x=0.02
    )
    footnote(
        fig,
        "Counts at each date, not sums of new labels. Sources: " + f["sources"] + ".",
        HALF_CHARS,
    )
    return fig


def campus_excellence_growth(
    *,
    context_campus_excellence: pd.DataFrame | None = None,
    key_figures: pd.DataFrame | None = None,
) -> Figure:
    """Draw the number of campuses of excellence at each dated source, as stems from zero.

    Parameters
    ----------
    context_campus_excellence : DataFrame, optional
        The ``context_campus_excellence`` table (loaded when omitted).
    key_figures : DataFrame, optional
        The report's ``key_figures``, to mark the count the report states as well.

    Returns
    -------
    Figure
        One half-width panel: one stem per date.

    Examples
    --------
    >>> fig = campus_excellence_growth()
    >>> fig.get_suptitle()
    'Campuses of excellence: 23 → 40 → 43'
    """
    return CHART.figure(
        context_campus_excellence=context_campus_excellence, key_figures=key_figures
    )


CHART = Chart("campus_excellence_growth", facts, alt_text, draw)
