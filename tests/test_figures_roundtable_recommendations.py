"""ecove_data.figures.roundtable_recommendations: the six recommendations, in wrapped labels."""

from __future__ import annotations

import matplotlib

import ecove_data
from ecove_data import figures

matplotlib.use("agg")


def test_roundtable_recommendations(all_figures):
    fig = all_figures["roundtable_recommendations"]
    ax = fig.axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    expected = [str(r) for r in ecove_data.load("roundtable_recommendations")["recommendation"]]
    assert labels == expected and len(labels) == 6
    assert fig.get_suptitle() == "6 of the 6 recommendations are covered by ECoVEM"
    xs = [line.get_xdata()[0] for line in ax.lines if line.get_marker() in ("o", "D")]
    assert xs == [0] * 6


def test_long_labels_wrap():
    fig = figures.roundtable_recommendations()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert max(len(line) for label in labels for line in label.split("\n")) <= 44
    assert any("\n" in label for label in labels)
