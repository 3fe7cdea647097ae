"""ecove_data.figures.cove_calls_over_time: the used rows as bars, the rate derived, gaps shown."""

from __future__ import annotations

import matplotlib
import pandas as pd
import pytest
from figure_text import footnote, site, texts
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

import ecove_data
from ecove_data import figures

matplotlib.use("agg")


def used_calls(data_dir=None) -> pd.DataFrame:
    """The rows of context_cove_calls the figures may use, as year x measure."""
    calls = ecove_data.load("context_cove_calls", data_dir=data_dir)
    used = calls[calls["used_in_figures"]]
    return used.pivot(index="call_year", columns="measure", values="value")


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


def test_calls_bars_are_the_used_rows_only(all_figures):
    fig = all_figures["cove_calls_over_time"]
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


def test_calls_missing_count_is_shown_as_missing_not_zero(all_figures):
    fig = all_figures["cove_calls_over_time"]
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


def test_calls_success_rate_is_computed_and_marked_derived(all_figures):
    fig = all_figures["cove_calls_over_time"]
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


def test_calls_2021_is_highlighted(all_figures):
    fig = all_figures["cove_calls_over_time"]
    top, bottom = fig.axes[:2]
    ticks = {t.get_text(): t for t in bottom.get_xticklabels()}
    assert ticks["2021 call"].get_fontweight() == "bold"
    assert all(t.get_fontweight() == "normal" for k, t in ticks.items() if k != "2021 call")
    years = sorted(used_calls().index)
    x = years.index(2021)
    spans = [p for p in top.patches if p.get_width() > 0.9]
    assert len(spans) == 1 and spans[0].get_x() == pytest.approx(x - 0.48)
    assert "the report's call" in texts(fig)


def test_calls_footnote_names_the_sources_of_the_drawn_rows(all_figures):
    note = footnote(all_figures["cove_calls_over_time"])
    calls = ecove_data.load("context_cove_calls")
    drawn_rows = calls[
        calls["used_in_figures"] & calls["measure"].isin(["applications", "selected"])
    ]
    for url in drawn_rows["source_url"]:
        assert site(url) in note
    for url in calls.loc[~calls["used_in_figures"], "source_url"]:
        if url not in set(calls.loc[calls["used_in_figures"], "source_url"]):
            assert site(url) not in note, f"{site(url)}: a source of a row not all_figures"


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
