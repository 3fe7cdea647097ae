"""ecove_data.figures.activities: the activities as an ordered list, without sizes."""

from __future__ import annotations

import matplotlib
from figure_text import flat

import ecove_data

matplotlib.use("agg")


def test_activities_is_an_ordered_list_without_sizes(all_figures):
    fig = all_figures["activities"]
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.texts]
    frame = ecove_data.load("activities")
    expected = []
    for position, name in zip(frame["position"], frame["activity"], strict=True):
        expected += [str(position), str(name)]
    assert shown == expected
    assert not ax.containers and not ax.patches and not ax.axison
    assert "no sizes" in flat(fig)
