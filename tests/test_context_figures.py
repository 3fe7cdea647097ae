"""The context figures: what each one shows, its sources, its alt text, and the house style."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from urllib.parse import urlsplit

import matplotlib
import pandas as pd
import pytest
from figure_text import CONTEXT_FIGURES, REPORT_FIGURES, texts
from matplotlib.colors import to_hex
from matplotlib.dates import num2date
from matplotlib.figure import Figure
from matplotlib.text import Annotation

import ecove_data
from ecove_data import figures

matplotlib.use("agg")

NAMES = CONTEXT_FIGURES
REPORT = "raw/coves-conference-report.txt"


def footnote(fig: Figure) -> str:
    return fig.get_supxlabel().replace("\n", " ")


def site(url: str) -> str:
    return "the report" if url == REPORT else (urlsplit(url).hostname or "").removeprefix("www.")


def used_calls(data_dir=None) -> pd.DataFrame:
    """The rows of context_cove_calls the figures may use, as year x measure."""
    calls = ecove_data.load("context_cove_calls", data_dir=data_dir)
    used = calls[calls["used_in_figures"]]
    return used.pivot(index="call_year", columns="measure", values="value")


@pytest.fixture(scope="module")
def drawn() -> dict[str, Figure]:
    return {name: figures.REGISTRY[name].draw() for name in NAMES}


# --- the registry ----------------------------------------------------------------------------


def test_registered_after_the_report_figures():
    names = list(figures.REGISTRY)
    assert names[: len(REPORT_FIGURES)] == REPORT_FIGURES
    assert set(NAMES) <= set(names[len(REPORT_FIGURES) :])
    context = set(ecove_data.datasets(role="context"))
    for name in NAMES:
        spec = figures.REGISTRY[name]
        assert spec.draw is getattr(figures, name)
        assert spec.title and spec.caption.endswith(".")
        assert "source" in spec.caption.lower()
        assert set(spec.tables) & context


@pytest.mark.slow
def test_alt_text_needs_no_matplotlib():
    code = (
        "import sys, ecove_data; f = ecove_data.figures; "
        + "; ".join(f"f.alt_text({name!r})" for name in NAMES)
        + "; assert 'matplotlib' not in sys.modules, 'alt text imported matplotlib'"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


# --- cove_calls_over_time ---------------------------------------------------------------------

MEASURE_COLOURS = {"applications": "#0072B2", "selected": "#008561"}


def bars_by_slot(fig: Figure, years: list[int]) -> dict[tuple[int, str], int]:
    """``{(year, measure): height}`` of the count bars, read from where each bar stands.

    A year's slot is its place on the x axis; applications stand left of it, selected right.
    """
    found = {}
    for p in fig.axes[0].patches:
        if p.get_width() >= 0.5:
            continue
        centre = p.get_x() + p.get_width() / 2
        slot = round(centre)
        assert abs(abs(centre - slot) - 0.2) < 0.01, f"a bar off its slot at x={centre}"
        measure = "applications" if centre < slot else "selected"
        assert to_hex(p.get_facecolor()) == MEASURE_COLOURS[measure].lower()
        assert (years[slot], measure) not in found, f"two bars for {years[slot]} {measure}"
        found[years[slot], measure] = int(p.get_height())
    return found


def test_calls_bars_are_the_used_rows_only(drawn):
    fig = drawn["cove_calls_over_time"]
    top = fig.axes[0]
    table = used_calls()
    expected = sorted(
        int(v) for m in ("applications", "selected") for v in table[m].dropna().tolist()
    )
    heights = sorted(int(p.get_height()) for p in top.patches if p.get_width() < 0.5)
    assert heights == expected
    years = sorted(table.index)
    assert bars_by_slot(fig, years) == {
        (year, measure): int(table.loc[year, measure])
        for year in years
        for measure in ("applications", "selected")
        if not pd.isna(table.loc[year, measure])
    }
    assert [t.get_text() for t in fig.axes[1].get_xticklabels()] == [f"{y} call" for y in years]
    labels = [t.get_text() for t in top.texts]
    assert "84" in labels and "13" in labels
    # 2019 selected: 5 (official sources), not the 4 of two secondary sources.
    assert "5" in labels and "4" not in labels


def test_calls_missing_count_is_shown_as_missing_not_zero(drawn):
    fig = drawn["cove_calls_over_time"]
    top, bottom = fig.axes[:2]
    table = used_calls()
    years = sorted(table.index)
    missing = [y for y in years if pd.isna(table.loc[y, "applications"])]
    assert missing == [2023], "the data gives no 2023 applications"
    x = years.index(2023)
    assert not [p for p in top.patches if abs(p.get_x() + p.get_width() / 2 - (x - 0.2)) < 0.01]
    assert all(p.get_height() > 0 for p in top.patches if p.get_width() < 0.5)
    assert "applications\nnot given" in [t.get_text() for t in top.texts]
    assert "no rate:\napplications\nnot given" in [t.get_text() for t in bottom.texts]


def test_calls_success_rate_is_computed_and_marked_derived(drawn):
    fig = drawn["cove_calls_over_time"]
    bottom = fig.axes[1]
    table = used_calls().dropna(subset=["applications", "selected"])
    expected = [
        f"{100 * s / a:.1f} %\n{s} / {a}"
        for a, s in zip(table["applications"], table["selected"], strict=True)
    ]
    shown_rates = [t.get_text() for t in bottom.texts if "%" in t.get_text()]
    assert shown_rates == expected
    assert "15.5 %\n13 / 84" in shown_rates
    assert "derived" in bottom.get_title(loc="left")
    points = [line.get_ydata()[0] for line in bottom.lines if line.get_marker() == "D"]
    assert points == pytest.approx(
        [100 * s / a for a, s in zip(table["applications"], table["selected"], strict=True)]
    )


def test_calls_2021_is_highlighted(drawn):
    fig = drawn["cove_calls_over_time"]
    top, bottom = fig.axes[:2]
    ticks = {t.get_text(): t for t in bottom.get_xticklabels()}
    assert ticks["2021 call"].get_fontweight() == "bold"
    assert all(t.get_fontweight() == "normal" for k, t in ticks.items() if k != "2021 call")
    years = sorted(used_calls().index)
    x = years.index(2021)
    spans = [p for p in top.patches if p.get_width() > 0.9]
    assert len(spans) == 1 and spans[0].get_x() == pytest.approx(x - 0.48)
    assert "the report's call" in texts(fig)


def test_calls_footnote_names_the_sources_of_the_drawn_rows(drawn):
    note = footnote(drawn["cove_calls_over_time"])
    calls = ecove_data.load("context_cove_calls")
    drawn_rows = calls[
        calls["used_in_figures"] & calls["measure"].isin(["applications", "selected"])
    ]
    for url in drawn_rows["source_url"]:
        assert site(url) in note
    for url in calls.loc[~calls["used_in_figures"], "source_url"]:
        if url not in set(calls.loc[calls["used_in_figures"], "source_url"]):
            assert site(url) not in note, f"{site(url)}: a source of a row not drawn"


# --- pact_membership_growth -------------------------------------------------------------------


def test_pact_shows_counts_and_lower_bounds(drawn):
    fig = drawn["pact_membership_growth"]
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


def test_pact_report_snapshot_is_placed_and_set_apart(drawn):
    fig = drawn["pact_membership_growth"]
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


def test_pact_launch_is_a_date_not_a_zero(drawn):
    ax = drawn["pact_membership_growth"].axes[0]
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


def test_pact_dates_without_a_day_span_their_month_or_year(drawn):
    ax = drawn["pact_membership_growth"].axes[0]
    spans = {
        tuple(day(x) for x in line.get_xdata())
        for line in ax.lines
        if len(line.get_xdata()) == 2 and line.get_xdata()[0] != line.get_xdata()[1]
    }
    assert spans == {
        (dt.date(2021, 11, 1), dt.date(2021, 11, 30)),
        (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
    }


def test_pact_footnote_names_web_sources_and_the_report(drawn):
    note = footnote(drawn["pact_membership_growth"])
    for url in ecove_data.load("context_pact_membership")["source_url"]:
        assert site(url) in note


# --- campus_excellence_growth -----------------------------------------------------------------


def test_campus_counts_dated(drawn):
    fig = drawn["campus_excellence_growth"]
    ax = fig.axes[0]
    assert fig.get_suptitle() == "Campuses of excellence: 23 \u2192 40 \u2192 43"
    assert [t.get_text() for t in ax.get_xticklabels()] == ["6 Feb 2020", "18 Mar 2021", "Feb 2022"]
    labels = [t.get_text() for t in ax.texts]
    for number in ("23", "40", "43"):
        assert number in labels
    stems = [line.get_ydata().tolist() for line in ax.lines if line.get_ydata()[0] == 0]
    assert stems == [[0, 23], [0, 40], [0, 43]]
    assert "the report \nstates the \nsame " in labels
    note = footnote(fig)
    assert "not sums of new labels" in note
    for url in ecove_data.load("context_campus_excellence")["source_url"]:
        assert site(url) in note


# --- the data flows into the figures and their alt text ---------------------------------------


def test_alt_text_carries_the_numbers_and_sources():
    alt = {name: figures.alt_text(name) for name in NAMES}
    calls = alt["cove_calls_over_time"]
    assert "2021: 84 applications, 13 selected" in calls
    assert "2021 15.5 % (13 of 84)" in calls
    assert "2023: applications not given, 15 selected" in calls
    assert "derived" in calls and "dzs.cz" in calls
    pact = alt["pact_membership_growth"]
    assert "more than 450 (Nov 2021)" in pact and "1000 (10 Nov 2022)" in pact
    assert "The report's own snapshot, more than 500 (3 Feb 2022)" in pact
    assert "launch on 10 Nov 2020 (no count given)" in pact
    campus = alt["campus_excellence_growth"]
    assert "(23 \u2192 40 \u2192 43)" in campus
    assert "The report states the same 43." in campus
    for name, text in alt.items():
        spec = figures.REGISTRY[name]
        assert text == spec.alt_text({t: ecove_data.load(t) for t in spec.tables})


CALLS = "context/cove_calls"
ROW_2022_APPLICATIONS = "2022,applications,76,exact,count,true"


def test_a_corrected_call_value_changes_figure_and_alt_text(edit_csv):
    data = edit_csv(CALLS, ROW_2022_APPLICATIONS, ROW_2022_APPLICATIONS.replace("76", "77"))
    alt = figures.alt_text("cove_calls_over_time", data_dir=data)
    assert "2022: 77 applications" in alt and "76 applications" not in alt
    assert f"2022 {100 * 13 / 77:.1f} % (13 of 77)" in alt
    fig = figures.draw("cove_calls_over_time", data_dir=data)
    assert "77" in texts(fig) and "76" not in texts(fig)
    assert f"{100 * 13 / 77:.1f} %\n13 / 77" in texts(fig)


def test_the_row_marked_used_is_the_one_drawn(edit_csv):
    # Mark the secondary source's 4 as used for 2019 instead of the official 5.
    edit_csv(CALLS, "2019,selected,5,exact,count,true", "2019,selected,5,exact,count,false")
    data = edit_csv(
        CALLS,
        "2019,selected,4,exact,count,false,https://www.stemcoalition",
        "2019,selected,4,exact,count,true,https://www.stemcoalition",
    )
    fig = figures.draw("cove_calls_over_time", data_dir=data)
    assert "4" in texts(fig) and "5" not in [t.get_text() for t in fig.axes[0].texts]
    assert f"{100 * 4 / 15:.1f} %\n4 / 15" in texts(fig)
    assert "stemcoalition.eu" in footnote(fig)
    assert "ecvet-secretariat.eu" not in footnote(fig)
    assert "2019: 15 applications, 4 selected" in figures.alt_text(
        "cove_calls_over_time", data_dir=data
    )


def test_a_removed_count_is_shown_missing(data_copy, edit_csv):
    text = (data_copy / f"{CALLS}.csv").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(ROW_2022_APPLICATIONS))
    data = edit_csv(CALLS, line + "\n", "")
    alt = figures.alt_text("cove_calls_over_time", data_dir=data)
    assert "2022: applications not given, 13 selected" in alt
    assert "2022 none (applications not given)" in alt
    fig = figures.draw("cove_calls_over_time", data_dir=data)
    assert sum(t == "applications\nnot given" for t in texts(fig)) == 2
    assert "76" not in texts(fig)
    shown_bars = bars_by_slot(fig, sorted(used_calls(data).index))
    assert (2022, "applications") not in shown_bars and (2023, "applications") not in shown_bars
    assert shown_bars[2022, "selected"] == 13 and shown_bars[2021, "applications"] == 84


def test_corrected_pact_and_campus_values(edit_csv):
    edit_csv(
        "context/pact_membership",
        "2023,1500,exact",
        "2023,1600,exact",
    )
    data = edit_csv(
        "context/campus_excellence",
        "2021-03-18,40,11",
        "2021-03-18,41,11",
    )
    pact = figures.alt_text("pact_membership_growth", data_dir=data)
    assert "1600 (2023)" in pact and "1500" not in pact
    assert "1600" in [
        t.split("\n")[0] for t in texts(figures.draw("pact_membership_growth", data_dir=data))
    ]
    campus = figures.alt_text("campus_excellence_growth", data_dir=data)
    assert "(23 \u2192 41 \u2192 43)" in campus and "41 on 18 Mar 2021" in campus
    fig = figures.draw("campus_excellence_growth", data_dir=data)
    assert fig.get_suptitle() == "Campuses of excellence: 23 \u2192 41 \u2192 43"
