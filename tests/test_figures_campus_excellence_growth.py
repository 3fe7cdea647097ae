"""ecove_data.figures.campus_excellence_growth: the three dated counts and their sources."""

from __future__ import annotations

import matplotlib
from figure_text import footnote, site

import ecove_data

matplotlib.use("agg")


def test_campus_counts_dated(all_figures):
    fig = all_figures["campus_excellence_growth"]
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
