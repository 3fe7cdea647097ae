"""ecove_data.figures.automotive_coalition: the coalition's numbers and the two derived ratios."""

from __future__ import annotations

import matplotlib
from figure_text import flat, texts

matplotlib.use("agg")


def test_automotive_coalition(all_figures):
    fig = all_figures["automotive_coalition"]
    shown = texts(fig)
    # Numbers as the figures write them: no-break spaces, so none breaks across lines.
    for value in (
        "5\u00a0%",
        "700\u00a0000",
        "7\u00a0billion",
        "14\u00a0000\u00a0000",
        "€10\u00a0000",
    ):
        assert value in shown
    text = flat(fig)
    assert "derived: 700\u00a0000 / 5\u00a0%" in text
    assert "derived: 7\u00a0billion / 700\u00a0000" in text
    dashed = [p for p in fig.axes[0].patches if p.get_linestyle() == "dashed"]
    assert len(dashed) == 2
