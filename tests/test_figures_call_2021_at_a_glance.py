"""ecove_data.figures.call_2021_at_a_glance: the four tiles, the derived one dashed."""

from __future__ import annotations

import matplotlib
from figure_text import texts

matplotlib.use("agg")


def test_call_2021_at_a_glance(all_figures):
    fig = all_figures["call_2021_at_a_glance"]
    shown = texts(fig)
    for number in ("84", "1741", "55", "20.7"):
        assert number in shown
    assert "derived: 1741 / 84" in shown
    # The derived tile is the only dashed one.
    styles = [patch.get_linestyle() for patch in fig.axes[0].patches]
    assert styles == ["solid", "solid", "solid", "dashed"]
