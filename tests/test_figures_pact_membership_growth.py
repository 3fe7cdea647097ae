"""ecove_data.figures.pact_membership_growth: dated counts, lower bounds, the report's snapshot."""

from __future__ import annotations

import datetime as dt

import matplotlib
from figure_text import footnote, site
from matplotlib.dates import num2date
from matplotlib.text import Annotation

import ecove_data

matplotlib.use("agg")


def test_pact_shows_counts_and_lower_bounds(all_figures):
    fig = all_figures["pact_membership_growth"]
    labels = [t.get_text().split("\n")[0] for t in fig.axes[0].texts]
    pact = ecove_data.load("context_pact_membership").dropna(subset=["members"])
    for members, qualifier in zip(pact["members"], pact["qualifier"], strict=True):
        number = str(int(members)) if members < 10_000 else f"{int(members):,}"
        number = number.replace(",", "\u00a0")
        assert (f">\u00a0{number}" if qualifier == "more_than" else number) in labels
    assert "500" not in labels and "450" not in labels, "a lower bound must read as one"
    triangles = [line for line in fig.axes[0].lines if line.get_marker() == "^"]
    lower = pact[(pact["qualifier"] == "more_than") & pact["report_line"].isna()]
    assert len(triangles) == len(lower)
    arrows = [t for t in fig.axes[0].texts if isinstance(t, Annotation) and t.arrow_patch]
    assert len(arrows) == int((pact["qualifier"] == "more_than").sum())


def day(x: float) -> dt.date:
    """The day a date axis's number stands for."""
    return num2date(x).date()


def test_pact_report_snapshot_is_placed_and_set_apart(all_figures):
    fig = all_figures["pact_membership_growth"]
    ax = fig.axes[0]
    assert ">\u00a0500\nthe report (3 Feb 2022)\ndate inferred: the conference's first day" in [
        t.get_text() for t in ax.texts
    ]
    diamonds = [line for line in ax.lines if line.get_marker() == "D"]
    assert len(diamonds) == 1
    (report,) = diamonds
    when = report.get_xdata()[0]
    assert day(when) == dt.date(2022, 2, 3)
    assert report.get_ydata()[0] == 500
    web = [line for line in ax.lines if line.get_marker() in ("o", "^")]
    assert web and all(line.get_color() != report.get_color() for line in web)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("the report's snapshot" in t for t in legend)
    assert any("lower bound" in t for t in legend)


def test_pact_launch_is_a_date_not_a_zero(all_figures):
    ax = all_figures["pact_membership_growth"].axes[0]
    assert " launch\n 10 Nov 2020" in [t.get_text() for t in ax.texts]
    vertical = [
        line
        for line in ax.lines
        if len(line.get_xdata()) == 2 and line.get_xdata()[0] == line.get_xdata()[1]
    ]
    assert len(vertical) == 1
    assert day(vertical[0].get_xdata()[0]) == dt.date(2020, 11, 10)
    assert all(
        y != 0
        for line in ax.lines
        if line.get_marker() not in ("None", "")
        for y in line.get_ydata()
    )


def test_pact_dates_without_a_day_span_their_month_or_year(all_figures):
    ax = all_figures["pact_membership_growth"].axes[0]
    spans = {
        tuple(day(x) for x in line.get_xdata())
        for line in ax.lines
        if len(line.get_xdata()) == 2 and line.get_xdata()[0] != line.get_xdata()[1]
    }
    assert spans == {
        (dt.date(2021, 11, 1), dt.date(2021, 11, 30)),
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    }


def test_pact_footnote_names_web_sources_and_the_report(all_figures):
    note = footnote(all_figures["pact_membership_growth"])
    for url in ecove_data.load("context_pact_membership")["source_url"]:
        assert site(url) in note
