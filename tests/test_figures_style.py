"""Every registered figure in the house style: A4 sizes, text of at least 8 pt, nothing clipped."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import matplotlib
import pytest
from figure_text import drawn, shown
from matplotlib.figure import Figure

import ecove_data
from ecove_data import figures

matplotlib.use("agg")

HALF_WIDTH = {"call_2021_countries", "campus_excellence_growth"}


@pytest.fixture(scope="module")
def all_figures() -> dict[str, Figure]:
    return {name: figures.draw(name) for name in figures.names()}


def test_every_figure_is_checked():
    assert set(figures.names()) >= HALF_WIDTH


@pytest.mark.parametrize("name", figures.names())
def test_a4_width_and_constrained_layout(all_figures, name):
    fig = all_figures[name]
    width_cm = fig.get_size_inches()[0] * 2.54
    assert width_cm == pytest.approx(8.0 if name in HALF_WIDTH else 16.0)
    assert fig.get_size_inches()[1] * 2.54 < 24.7  # fits an A4 text block
    assert type(fig.get_layout_engine()).__name__ == "ConstrainedLayoutEngine"


@pytest.mark.parametrize("name", figures.names())
def test_text_is_at_least_8_pt(all_figures, name):
    sizes = [t.get_fontsize() for t in shown(all_figures[name])]
    assert sizes and min(sizes) >= 8


@pytest.mark.parametrize("name", figures.names())
def test_no_text_is_clipped_or_overlapping(all_figures, name):
    fig, renderer = drawn(all_figures[name])
    page = fig.bbox
    boxes = []
    for t in shown(fig):
        box = t.get_window_extent(renderer)
        assert box.x0 >= page.x0 - 0.5 and box.x1 <= page.x1 + 0.5, f"{t.get_text()!r} clipped"
        assert box.y0 >= page.y0 - 0.5 and box.y1 <= page.y1 + 0.5, f"{t.get_text()!r} clipped"
        if t.axes is not None and t in t.axes.texts:
            # Text placed on a panel (a tile, a diagram, a chart) stays inside it.
            inside = t.axes.get_window_extent(renderer).padded(1)
            assert inside.contains(box.x0, box.y0) and inside.contains(box.x1, box.y1), (
                f"{t.get_text()!r} spills out of its panel"
            )
        boxes.append((t.get_text(), box.shrunk(0.98, 0.9)))
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        assert not box_a.overlaps(box_b), f"{a!r} overlaps {b!r}"


def test_the_package_reaches_no_private_name_of_matplotlib():
    import ast

    package = Path(ecove_data.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {"matplotlib", "mpl", "plt", "mdates"}
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
            ):
                found.append(
                    f"{path.relative_to(package)}:{node.lineno} {node.value.id}.{node.attr}"
                )
            if isinstance(node, ast.Constant) and node.value == "_get_backend_mod":
                found.append(f"{path.relative_to(package)}:{node.lineno} {node.value}")
    assert found == []
