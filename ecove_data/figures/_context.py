"""The context figures: the report's snapshot beside public figures from other sources.

Each figure reads context tables (``role: context`` in the descriptor) and is registered
like the report figures: a facts function that names its tables and returns what it
shows, an alt text written from those facts, and a drawing function that draws them.
Where a table has a ``used_in_figures`` column, only the rows marked true are drawn: the
descriptor says which source wins where sources disagree. Every figure names its sources
in a footnote written from the ``source_url`` column, and its alt text names the same.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..provenance import date_span, from_report, source_name
from ._registry import Facts, register
from ._style import COLOURS, format_number, format_value, join_labels, new_figure, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

__all__: list[str] = []

# The call the report describes: its key figures are those of the 2021 call
# (key_figures cove_call_2021_*), so that call is the one highlighted among the others.
REPORT_CALL = 2021
# The report gives no date, so a row taken from it is dated by inference (the conference's
# first day, from the programme); every label of such a date says so.
REPORT_DATE_NOTE = "date inferred: the conference's first day"
APPLICATIONS, SELECTED = "applications", "selected"
# Each call year's pair of bars spans BAR_GROUP (seaborn's default width); its two bars
# sit a quarter of it either side of the year, narrowed by BAR_GAP to leave a gap between.
BAR_GROUP, BAR_GAP = 0.8, 0.1
BAR_OFFSETS = {APPLICATIONS: -BAR_GROUP / 4, SELECTED: BAR_GROUP / 4}
REPORT_COLOUR = COLOURS["exception"]
BAR_COLOURS = {APPLICATIONS: COLOURS["stated"], SELECTED: COLOURS["positive"]}
# Selected projects are hatched as well, so the two bars differ in more than colour.
BAR_HATCHES = {APPLICATIONS: None, SELECTED: "///"}
BAR_LABELS = {APPLICATIONS: "applications submitted", SELECTED: "projects selected"}
# Characters of 8 pt text per line of a footnote across the full and the half A4 width.
FULL_CHARS, HALF_CHARS = 98, 46


def _middle(start: dt.date, end: dt.date) -> dt.date:
    return start + (end - start) / 2


def _day(day: dt.date) -> float:
    """Return the number a matplotlib date axis places ``day`` at (days since its epoch)."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))


def _span_bar(ax: Axes, start: dt.date, end: dt.date, value: int, colour: str) -> None:
    """Draw the month or year of a source that gives no day, as a bar at its value."""
    # Opaque: a translucent bar would fall below 3:1 against the paper (WCAG 1.4.11).
    ax.plot([_day(start), _day(end)], [value, value], color=colour, lw=2.5, zorder=2)


def _sources(pairs: Sequence[tuple[str, str]]) -> str:
    """``[(url, what)]`` -> "site (what, what); site (what)", sites in order of first use."""
    grouped: dict[str, list[str]] = {}
    for url, what in pairs:
        grouped.setdefault(source_name(url), []).append(what)
    return "; ".join(f"{site} ({', '.join(whats)})" for site, whats in grouped.items())


def _footnote(fig: Figure, text: str, width: int) -> None:
    fig.supxlabel(wrap(text, width), x=0.01, ha="left", fontsize=8, linespacing=1.2)


# --- cove_calls_over_time ------------------------------------------------------------------


def _used(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the rows figures may use: all, or those marked ``used_in_figures``."""
    if "used_in_figures" in frame.columns:
        return frame[frame["used_in_figures"].fillna(False).astype(bool)]
    return frame


def _calls(calls: pd.DataFrame) -> tuple[list[int], dict[str, dict[int, Any]]]:
    """Call years and ``{measure: {year: row}}`` for applications and selected projects."""
    used = _used(calls)
    rows: dict[str, dict[int, Any]] = {APPLICATIONS: {}, SELECTED: {}}
    for row in used.itertuples(index=False):
        if str(row.measure) in rows:
            rows[str(row.measure)][int(str(row.call_year))] = row
    years = sorted({year for by_year in rows.values() for year in by_year})
    return years, rows


def _count(row: Any) -> str:
    return format_value(row.value, "count", str(row.qualifier))


def _rate(applications: Any, selected: Any) -> float | None:
    """Return selected / applications in %, where both are exact and applications > 0."""
    if applications is None or selected is None or int(applications.value) == 0:
        return None
    if str(applications.qualifier) != "exact" or str(selected.qualifier) != "exact":
        return None
    return 100 * int(selected.value) / int(applications.value)


def _missing_counts(applications: Any, selected: Any) -> str:
    missing = [w for w, r in ((APPLICATIONS, applications), (SELECTED, selected)) if r is None]
    return " and ".join(missing) or "an exact count"


def _calls_sources(years: list[int], rows: dict[str, dict[int, Any]]) -> str:
    pairs = [
        (str(rows[measure][year].source_url), f"{measure} {year}")
        for measure in (APPLICATIONS, SELECTED)
        for year in years
        if year in rows[measure]
    ]
    return _sources(pairs)


def _calls_facts(*, context_cove_calls: pd.DataFrame) -> Facts:
    years, rows = _calls(context_cove_calls)
    rates = {year: _rate(rows[APPLICATIONS].get(year), rows[SELECTED].get(year)) for year in years}
    return {
        "years": years,
        "rows": rows,
        "rates": rates,
        "sources": _calls_sources(years, rows),
    }


def _calls_alt(f: Facts) -> str:
    years, rows = f["years"], f["rows"]
    parts, rates = [], []
    for year in years:
        a, s = rows[APPLICATIONS].get(year), rows[SELECTED].get(year)
        apps = f"{_count(a)} applications" if a is not None else "applications not given"
        sel = f"{_count(s)} selected" if s is not None else "selected not given"
        parts.append(f"{year}: {apps}, {sel}")
        rate = f["rates"][year]
        rates.append(
            f"{year} {format_number(rate)} % ({_count(s)} of {_count(a)})"
            if rate is not None
            else f"{year} none ({_missing_counts(a, s)} not given)"
        )
    return (
        "Bars of the applications submitted and the projects selected in each Erasmus+ call "
        f"for Centres of Vocational Excellence, {years[0]} to {years[-1]}, from public sources. "
        + "; ".join(parts)
        + f". The {REPORT_CALL} call, the one the report describes, is highlighted. Below, the "
        "success rate, derived (selected / applications), not stated by the sources: "
        + "; ".join(rates)
        + f". Sources: {f['sources']}."
    )


def _bar_label(ax: Axes, x: float, row: Any) -> None:
    ax.text(x, int(row.value), _count(row), ha="center", va="bottom", fontsize=8.5, zorder=3)


def _draw_bars(ax: Axes, years: list[int], rows: dict[str, dict[int, Any]]) -> None:
    """Draw the applications and selected projects of each call year as grouped bars.

    The bars come from the tidy ``call_year, measure, value`` rows: a count no source
    gives has no row, so it gets no bar (not a bar of zero). ``order`` keeps a slot for
    every call year even where neither count is given.
    """
    import pandas as pd
    import seaborn as sns
    from matplotlib.colors import to_hex

    tidy = pd.DataFrame(
        [
            {"call_year": year, "measure": measure, "value": int(row.value)}
            for measure, by_year in rows.items()
            for year, row in by_year.items()
        ],
        columns=["call_year", "measure", "value"],
    )
    if tidy.empty:
        return
    sns.barplot(
        tidy,
        x="call_year",
        y="value",
        hue="measure",
        order=years,
        hue_order=list(BAR_OFFSETS),
        palette=BAR_COLOURS,
        saturation=1,
        errorbar=None,
        width=BAR_GROUP,
        gap=BAR_GAP,
        legend=False,
        ax=ax,
        zorder=2,
    )
    # seaborn names the axes after the columns; the panel's own labels are set by the caller.
    ax.set_xlabel("")
    fills = {to_hex(colour): measure for measure, colour in BAR_COLOURS.items()}
    for bar in ax.patches:
        hatch = BAR_HATCHES[fills[to_hex(bar.get_facecolor())]]
        if hatch:
            # The hatch takes the edge's colour (matplotlib before 3.10 has no hatch colour
            # of its own); a width of 0 keeps the edge itself from being drawn.
            bar.set_hatch(hatch)
            bar.set_edgecolor(COLOURS["paper"])
            bar.set_linewidth(0)


def _bar_key(measure: str) -> Patch:
    """Return the legend's sample of a bar: its colour and its hatch."""
    from matplotlib.patches import Patch

    return Patch(
        facecolor=BAR_COLOURS[measure],
        hatch=BAR_HATCHES[measure],
        edgecolor=COLOURS["paper"],
        linewidth=0,
        label=BAR_LABELS[measure],
    )


def _missing(ax: Axes, x: float, what: str) -> None:
    # No bar: a bar of height 0 would read as "none", and the source gives no number.
    ax.text(
        x,
        0,
        f"{what}\nnot given",
        ha="center",
        va="bottom",
        fontsize=8,
        fontstyle="italic",
        color=COLOURS["text_muted"],
        rotation=90,
        linespacing=1.1,
    )


@register(
    title="The CoVE calls from 2019 to 2023: applications, selected projects and success rate",
    caption=(
        "Applications submitted and projects selected in each Erasmus+ call for Centres of "
        "Vocational Excellence, from public sources (no bar where no source gives a number), "
        "with the 2021 call, the one the report describes, highlighted. The success rate "
        "(selected / applications) is derived, not stated by the sources. Where sources "
        "disagree, the row the data package marks as used is drawn; the footnote names the "
        "sources."
    ),
    facts=_calls_facts,
    alt_text=_calls_alt,
)
def cove_calls_over_time(f: Facts) -> Figure:
    r"""Draw applications and selected projects per call year, with the derived success rate.

    Only rows with ``used_in_figures`` true are drawn, as grouped bars (seaborn) of the
    tidy ``call_year, measure, value`` rows. A missing count is labelled "not given"
    instead of being drawn as a bar of zero, and no rate is computed for it.

    Parameters
    ----------
    context_cove_calls : DataFrame, optional
        The ``context_cove_calls`` table (loaded when omitted).

    Returns
    -------
    Figure
        Two panels: counts per call year (top) and the derived success rate (bottom).

    Examples
    --------
    >>> fig = cove_calls_over_time()
    >>> [t.get_text() for t in fig.axes[1].texts if t.get_text().startswith("15.5")]
    ['15.5 %\n13 / 84']
    """
    years, rows, rates = f["years"], f["rows"], f["rates"]
    fig = new_figure("full", 11.5)
    top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=[2.6, 1.3])
    highest = max(
        (int(row.value) for by_year in rows.values() for row in by_year.values()), default=1
    )
    _draw_bars(top, years, rows)
    for x, year in enumerate(years):
        for measure, offset in BAR_OFFSETS.items():
            row = rows[measure].get(year)
            if row is None:
                _missing(top, x + offset, measure)
            else:
                _bar_label(top, x + offset, row)
    shown_rates = [r for r in rates.values() if r is not None]
    rate_top = max(shown_rates, default=10) * 1.75
    for x, year in enumerate(years):
        rate = rates[year]
        a, s = rows[APPLICATIONS].get(year), rows[SELECTED].get(year)
        if rate is None:
            bottom.text(
                x,
                rate_top * 0.45,
                f"no rate:\n{_missing_counts(a, s)}\nnot given",
                ha="center",
                va="center",
                fontsize=8,
                fontstyle="italic",
                color=COLOURS["text_muted"],
                linespacing=1.1,
            )
            continue
        bottom.plot(x, rate, marker="D", markersize=6, color=COLOURS["derived"], zorder=3)
        bottom.text(
            x + 0.1,
            rate,
            f"{format_number(rate)} %\n{_count(s)} / {_count(a)}",
            ha="left",
            va="center",
            fontsize=8,
            color=COLOURS["derived_text"],
            linespacing=1.1,
        )
    if REPORT_CALL in years:
        x = years.index(REPORT_CALL)
        for ax in (top, bottom):
            ax.axvspan(x - 0.48, x + 0.48, color=COLOURS["exception_fill"], lw=0, zorder=0)
        top.text(
            x,
            highest * 1.3,
            "the report's call",
            ha="center",
            va="top",
            fontsize=8.5,
            fontweight="bold",
            color=COLOURS["exception_text"],
        )
    top.set_ylim(0, highest * 1.32)
    top.set_ylabel("applications / projects")
    top.set_title(
        "Applications submitted and projects selected per call, from public sources", loc="left"
    )
    top.legend(
        handles=[_bar_key(m) for m in BAR_OFFSETS],
        loc="upper left",
        frameon=False,
    )
    bottom.set_ylim(0, rate_top)
    bottom.set_ylabel("%")
    bottom.set_title(
        "Success rate, derived: selected / applications (not stated by the sources)",
        loc="left",
        color=COLOURS["derived_text"],
    )
    bottom.set_xticks(range(len(years)), [f"{year} call" for year in years])
    bottom.set_xlim(-0.6, len(years) - 0.4)
    for label, year in zip(bottom.get_xticklabels(), years, strict=True):
        if year == REPORT_CALL:
            label.set_fontweight("bold")
            label.set_color(COLOURS["exception_text"])
    _footnote(fig, f"Sources: {f['sources']}.", FULL_CHARS)
    return fig


# --- pact_membership_growth ----------------------------------------------------------------


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
    return _sources(pairs)


def _pact_facts(*, context_pact_membership: pd.DataFrame) -> Facts:
    return {
        "rows": list(context_pact_membership.itertuples(index=False)),
        "sources": _pact_sources(context_pact_membership),
    }


def _pact_alt(f: Facts) -> str:
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


@register(
    title="Members of the Pact for Skills over time, and the report's snapshot",
    caption=(
        "Organisations that had joined the Pact for Skills, from its launch to the latest public "
        "source, as public sources give them, and the report's own lower bound placed at the "
        "conference's first day, a date inferred from the conference programme: the report "
        "gives none. Triangles with an arrow are lower bounds (the source "
        "says \u201cmore than\u201d); a horizontal bar spans the month or year of a source that "
        "gives no day. No source gives a count at the launch. The footnote names the sources."
    ),
    facts=_pact_facts,
    alt_text=_pact_alt,
)
def pact_membership_growth(f: Facts) -> Figure:
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
        x = _day(_middle(start, end))
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
            _span_bar(ax, start, end, value, colour)
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
    ax.set_xlim(_day(first - dt.timedelta(days=75)), _day(last + dt.timedelta(days=110)))
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
    _footnote(
        fig,
        f"Sources: {f['sources']}; the report (no date given: placed at the "
        "conference's first day, from the conference programme).",
        FULL_CHARS,
    )
    return fig


# --- campus_excellence_growth --------------------------------------------------------------


def _report_campuses(key_figures: pd.DataFrame) -> int | None:
    rows = key_figures[key_figures["figure_id"] == "campus_des_metiers_excellence"]
    return int(rows["value"].iloc[0]) if len(rows) else None


def _campus_sources(campus: pd.DataFrame) -> str:
    pairs = [
        (str(row.source_url), date_span(str(row.date))[2]) for row in campus.itertuples(index=False)
    ]
    return _sources(pairs)


def _campus_facts(*, context_campus_excellence: pd.DataFrame, key_figures: pd.DataFrame) -> Facts:
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


def _campus_alt(f: Facts) -> str:
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


@register(
    title="French campuses of excellence over time",
    caption=(
        "French Campus des m\u00e9tiers et des qualifications labelled \u201cof excellence\u201d "
        "at the dates public sources give, each the count at that date (not a sum of new labels); "
        "the last is the count the report states. The footnote names the sources."
    ),
    facts=_campus_facts,
    alt_text=_campus_alt,
)
def campus_excellence_growth(f: Facts) -> Figure:
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
    values, spans = f["values"], f["spans"]
    fig = new_figure("half", 8.5)
    ax = fig.add_subplot()
    ax.xaxis_date()
    highest = max(values, default=1)
    mids = [_day(_middle(start, end)) for start, end, _ in spans]
    for i, (value, mid, (start, end, _)) in enumerate(zip(values, mids, spans, strict=True)):
        also_report = f["last_is_report"] and i == len(values) - 1
        colour = REPORT_COLOUR if also_report else COLOURS["stated"]
        ax.plot([mid, mid], [0, value], color=colour, lw=3, solid_capstyle="butt", zorder=2)
        if start != end:
            _span_bar(ax, start, end, value, colour)
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
    fig.suptitle(
        "Campuses of excellence: " + " \u2192 ".join(format_number(v) for v in values),
        x=0.02,
        ha="left",
        fontweight="bold",
        fontsize=9,
    )
    _footnote(
        fig,
        "Counts at each date, not sums of new labels. Sources: " + f["sources"] + ".",
        HALF_CHARS,
    )
    return fig
