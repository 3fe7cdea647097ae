"""ecove_data.figures.key_figures_panel: every stated number, the lower bound read as one."""

from __future__ import annotations

import matplotlib
from figure_text import texts

import ecove_data

matplotlib.use("agg")


def test_key_figures_panel(all_figures):
    fig = all_figures["key_figures_panel"]
    shown = texts(fig)
    for value in ("84", "1741", "55", "27", "28", "43", ">\u00a0500", "5\u00a0%", "700\u00a0000"):
        assert value in shown
    assert "20.7" in shown
    assert "500" not in shown, "more than 500 must read as a lower bound"
    assert "lower bound" in shown
    assert "derived: 1741 / 84" in shown
    assert len(fig.axes[0].patches) == len(ecove_data.load("key_figures")) + 1
    styles = [patch.get_linestyle() for patch in fig.axes[0].patches]
    assert styles.count("dashed") == 1 and styles.count("dotted") == 1
