"""Members of the Pact for Skills over time from public sources, beside the report's snapshot."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from ..provenance import date_span, from_report
from ._parts import FULL_CHARS, REPORT_COLOUR, day_number, footnote, middle, source_list, span_bar
from ._registry import Chart
from ._style import COLOURS, format_value, join_labels, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["pact_membership_growth"]

# The report gives no date, so a row taken from it is dated by inference (the conference's
# first day, from the programme); every label of such a date says so.
REPORT_DATE_NOTE = "date inferred: the conference's first day"


def _is_report(row: Any) -> bool:
    return from_report(row.source_url, getattr(row, "report_line", None))


def _members(row: Any, *, words: bool = False) -> str:
    return format_value(row.members, "count", str(row.qualifier), words=words)


def _has_members(row: Any) -> bool:
    import pandas as pd

    return not pd.isna(row.members)


def _pact_sources(pact: pd.DataFrame) -> str:
    pairs = [
        (str(row.source_url), date_span(str(row.date))[2])
        for row in pact.itertuples(index=False)
        if not _is_report(row)
    ]
    return source_list(pairs)


class PactFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    rows: list[Any]  # the table's rows, as named tuples
    sources: str


def facts(*, context_pact_membership: pd.DataFrame) -> PactFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    return {
        "rows": list(context_pact_membership.itertuples(index=False)),
        "sources": _pact_sources(context_pact_membership),
    }


def alt_text(f: PactFacts) -> str:
    """Write the alt text from the facts."""
    markers: list[str] = []
    web: list[str] = []
    report: list[str] = []
    for row in f["rows"]:
        when = date_span(str(row.date))[2]
        if not _has_members(row):
            markers.append(f"{row.milestone} on {when} (no count given)")
            continue
        count = _members(row, words=True)
        (report if _is_report(row) else web).append(f"{count} ({when})")
    text = (
        "Members of the Pact for Skills over time, one point per public source: "
        + "; ".join(web)
        + ". Counts a source gives as \u201cmore than\u201d are lower bounds, drawn as upward "
        "triangles with an arrow; a horizontal bar marks a source that gives only a month or "
        "a year."
    )
    if markers:
        text += " A vertical line marks the " + join_labels(markers) + "."
    if report:
        text += (
            " The report's own snapshot, "
            + join_labels(report)
            + ", is drawn apart from the web sources; its date is inferred: the report gives "
            "none, so it is placed at the conference's first day, which the conference "
            "programme gives."
        )
    return text + f" Sources: {f['sources']}; the report."


def draw(f: PactFacts) -> Figure:
    r"""Draw the Pact's members over time, lower bounds as such, and the report's snapshot."""
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    pact = f["rows"]
    fig = new_figure("full", 9.5)
    ax = fig.add_subplot()
    ax.xaxis_date()
    counted = [row for row in pact if _has_members(row)]
    highest = max((int(row.members) for row in counted), default=1)
    rise = highest * 0.08
    for row in pact:
        start, end, label = date_span(str(row.date))
        x = day_number(middle(start, end))
        if not _has_members(row):
            ax.axvline(x, color=COLOURS["neutral"], ls="--", lw=1, zorder=1)
            ax.text(
                x,
                highest * 0.03,
                f" {row.milestone}\n {label}",
                ha="left",
                va="bottom",
                fontsize=8.5,
                color=COLOURS["text_soft"],
            )
            continue
        report = _is_report(row)
        lower = str(row.qualifier) == "more_than"
        colour = REPORT_COLOUR if report else COLOURS["stated"]
        value = int(row.members)
        if start != end:
            span_bar(ax, start, end, value, colour)
        ax.plot(
            x,
            value,
            marker="D" if report else ("^" if lower else "o"),
            markersize=8 if report else 7,
            color=colour,
            markerfacecolor=COLOURS["paper"] if report else colour,
            markeredgewidth=1.6,
            zorder=4,
        )
        if lower:
            ax.annotate(
                "",
                xy=(x, value + rise),
                xytext=(x, value),
                arrowprops={"arrowstyle": "-|>", "color": colour, "lw": 1},
                zorder=3,
            )
        text = (
            f"{_members(row)}\nthe report ({label})\n{REPORT_DATE_NOTE}"
            if report
            else f"{_members(row)}\n{label}"
        )
        if report:
            # Beside its marker: three lines under it would reach the date axis.
            at, ha, va = (x + 35, value + rise * 0.3), "left", "top"
        elif lower:
            at, ha, va = (x, value + rise * 1.25), "center", "bottom"
        else:
            at, ha, va = (x, value - rise * 0.9), "center", "top"
        ax.text(
            *at,
            text,
            ha=ha,
            va=va,
            fontsize=8.5,
            fontweight="bold" if report else "normal",
            color=COLOURS["exception_text"] if report else COLOURS["text"],
            linespacing=1.1,
        )
    dates = [date_span(str(row.date)) for row in pact]
    first = min(s for s, _, _ in dates)
    last = max(e for _, e, _ in dates)
    ax.set_xlim(
        day_number(first - dt.timedelta(days=75)), day_number(last + dt.timedelta(days=110))
    )
    ax.set_ylim(0, highest * 1.25)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_ylabel("organisations that had joined")
    ax.set_title("Members of the Pact for Skills", loc="left")
    ax.legend(
        handles=[
            Line2D([], [], marker="o", ls="", color=COLOURS["stated"], label="web source: count"),
            Line2D(
                [],
                [],
                marker="^",
                ls="",
                color=COLOURS["stated"],
                label="web source: \u201cmore than\u201d (lower bound)",
            ),
            Line2D(
                [],
                [],
                marker="D",
                ls="",
                color=REPORT_COLOUR,
                markerfacecolor=COLOURS["paper"],
                markeredgewidth=1.6,
                label="the report's snapshot (\u201cmore than\u201d; date inferred)",
            ),
            Line2D([], [], color=COLOURS["stated"], lw=2.5, label="month or year only"),
        ],
        loc="upper left",
        bbox_to_anchor=(0.16, 1.0),
        frameon=False,
    )
    footnote(
        fig,
        f"Sources: {f['sources']}; the report (no date given: placed at the "
        "conference's first day, from the conference programme).",
        FULL_CHARS,
    )
    return fig


def pact_membership_growth(*, context_pact_membership: pd.DataFrame | None = None) -> Figure:
    r"""Draw the Pact's members over time, lower bounds as such, and the report's snapshot.

    Parameters
    ----------
    context_pact_membership : DataFrame, optional
        The ``context_pact_membership`` table (loaded when omitted).

    Returns
    -------
    Figure
        One panel: members against dates, the launch as a vertical line.

    Examples
    --------
    >>> fig = pact_membership_growth()
    >>> [t.get_text() for t in fig.axes[0].texts if "report" in t.get_text()]
    [">\xa0500\nthe report (3 Feb 2022)\ndate inferred: the conference's first day"]
    """
    return CHART.figure(context_pact_membership=context_pact_membership)


CHART = Chart("pact_membership_growth", facts, alt_text, draw)
