"""ecove_data.figures.call_2021_countries: 55 squares, the non-EU ones hatched, from the data."""

from __future__ import annotations

import matplotlib
from figure_text import flat, texts

from ecove_data import figures

matplotlib.use("agg")


def test_call_2021_countries(all_figures):
    fig = all_figures["call_2021_countries"]
    ax = fig.axes[0]
    assert ax.get_title() == "55 countries"
    text = flat(fig)
    assert "27 EU" in text and "28 non-EU" in text
    assert "50.9 % (derived: 28 / 55)" in text
    squares = ax.patches
    assert len(squares) == 55
    assert sum(1 for p in squares if p.get_hatch()) == 28


def test_a_corrected_value_changes_figure_and_alt_text(edit_csv, edit_report):
    # A corrected report (28 EU + 27 non-EU) and the two rows corrected to match it.
    edit_report("(27 EU + 28 non-EU)", "(28 EU + 27 non-EU)")
    edit_csv("key_figures", "55 countries (27 EU + 28 non-EU)", "55 countries (28 EU + 27 non-EU)")
    edit_csv("key_figures", ",27,count,exact,27 EU,", ",28,count,exact,28 EU,")
    data = edit_csv("key_figures", ",28,count,exact,28 non-EU,", ",27,count,exact,27 non-EU,")
    alt = figures.alt_text("call_2021_countries", data_dir=data)
    assert "28 EU countries and 27 non-EU countries" in alt
    assert "non-EU share, 49.1 %" in alt
    fig = figures.draw("call_2021_countries", data_dir=data)
    assert "■ 28 EU" in texts(fig) and "27 non-EU ▨" in texts(fig)
    assert sum(1 for p in fig.axes[0].patches if p.get_hatch()) == 27
    assert figures.alt_text("call_2021_countries") != alt
