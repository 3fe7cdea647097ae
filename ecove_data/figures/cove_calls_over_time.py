"""The CoVE calls from public sources: applications, projects selected, derived success rate."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from ._parts import FULL_CHARS, footnote, source_list
from ._registry import Chart
from ._style import COLOURS, format_number, format_value, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

__all__ = ["cove_calls_over_time"]

# The call the report describes: its key figures are those of the 2021 call
# (key_figures cove_call_2021_*), so that call is the one highlighted among the others.
REPORT_CALL = 2021
APPLICATIONS, SELECTED = "applications", "selected"
# Each call year's pair of bars spans BAR_GROUP (seaborn's default width); its two bars
# sit a quarter of it either side of the year, narrowed by BAR_GAP to leave a gap between.
BAR_GROUP, BAR_GAP = 0.8, 0.1
BAR_OFFSETS = {APPLICATIONS: -BAR_GROUP / 4, SELECTED: BAR_GROUP / 4}
BAR_COLOURS = {APPLICATIONS: COLOURS["stated"], SELECTED: COLOURS["positive"]}
# Selected projects are hatched as well, so the two bars differ in more than colour.
BAR_HATCHES = {APPLICATIONS: None, SELECTED: "///"}
BAR_LABELS = {APPLICATIONS: "applications submitted", SELECTED: "projects selected"}


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
    return source_list(pairs)


class CallsFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    years: list[int]
    rows: dict[str, dict[int, Any]]  # {measure: {call year: table row}}
    rates: dict[int, float | None]
    sources: str


def facts(*, context_cove_calls: pd.DataFrame) -> CallsFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    years, rows = _calls(context_cove_calls)
    rates = {year: _rate(rows[APPLICATIONS].get(year), rows[SELECTED].get(year)) for year in years}
    return {
        "years": years,
        "rows": rows,
        "rates": rates,
        "sources": _calls_sources(years, rows),
    }


def alt_text(f: CallsFacts) -> str:
    """Write the alt text from the facts."""
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


def _not_given(ax: Axes, x: float, y: float, text: str, **placement: Any) -> None:
    """Say in muted italics, where a mark would be, that the source gives no number."""
    ax.text(
        x,
        y,
        text,
        ha="center",
        fontsize=8,
        fontstyle="italic",
        color=COLOURS["text_muted"],
        linespacing=1.1,
        **placement,
    )


def _missing(ax: Axes, x: float, what: str) -> None:
    # No bar: a bar of height 0 would read as "none", and the source gives no number.
    _not_given(ax, x, 0, f"{what}\nnot given", va="bottom", rotation=90)


def draw(f: CallsFacts) -> Figure:
    r"""Draw applications and selected projects per call year, with the derived success rate."""
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
            text = f"no rate:\n{_missing_counts(a, s)}\nnot given"
            _not_given(bottom, x, rate_top * 0.45, text, va="center")
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
    footnote(fig, f"Sources: {f['sources']}.", FULL_CHARS)
    return fig


def cove_calls_over_time(*, context_cove_calls: pd.DataFrame | None = None) -> Figure:
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
    return CHART.figure(context_cove_calls=context_cove_calls)


CHART = Chart("cove_calls_over_time", facts, alt_text, draw)
