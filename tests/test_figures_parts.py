"""ecove_data.figures._parts: a number tile keeps its texts inside its frame."""

from __future__ import annotations

import matplotlib
import pytest
from figure_text import drawn

matplotlib.use("agg")


@pytest.mark.parametrize("name", ["call_2021_at_a_glance", "key_figures_panel"])
def test_tile_text_stays_inside_its_tile(all_figures, name):
    fig, renderer = drawn(all_figures[name])
    ax = fig.axes[0]
    frames = [patch.get_window_extent(renderer) for patch in ax.patches]
    for text in ax.texts[: 3 * len(frames)]:
        box = text.get_window_extent(renderer)
        if text.get_text().startswith("Solid frame"):
            continue
        assert any(
            frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1) for frame in frames
        ), f"{text.get_text()!r} leaves its tile"
