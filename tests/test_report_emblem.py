"""ecove_data.report._emblem: the EU emblem drawn from the regulation's geometry.

The documents' tests measure the emblem as each format embeds it; these measure what the
module draws, at several sizes, and the PNG that Word versions without SVG support show.
"""

from __future__ import annotations

import io

import pytest
from emblem_geometry import measure_emblem
from PIL import Image

from ecove_data.report import _emblem


@pytest.mark.parametrize("height_cm", [1.0, 1.5, 2.4])
def test_the_svg_follows_the_regulation_at_any_height(height_cm: float) -> None:
    svg = _emblem.emblem_svg(height_cm).encode("utf-8")
    measure_emblem(svg)
    assert f'height="{height_cm:g}cm"' in svg.decode()


def test_below_one_centimetre_the_measure_fails() -> None:
    # The minimum height of the emblem is one centimetre: the measure must say so.
    with pytest.raises(AssertionError, match="at least 1 cm high"):
        measure_emblem(_emblem.emblem_svg(0.9).encode("utf-8"))


def test_the_png_is_blue_with_gold_stars_where_the_geometry_puts_them() -> None:
    height = 300  # as the .docx takes it: 1.5 cm at 300 dpi, rounded up
    image = Image.open(io.BytesIO(_emblem.emblem_png(height))).convert("RGB")
    assert image.size == (450, height)
    blue = tuple(int(_emblem.BLUE[i : i + 2], 16) for i in (1, 3, 5))
    gold = tuple(int(_emblem.YELLOW[i : i + 2], 16) for i in (1, 3, 5))
    assert image.getpixel((225, 150)) == blue, "the centre is blue: the circle is invisible"
    assert image.getpixel((2, 2)) == blue
    factor = height / _emblem.HEIGHT
    for star in _emblem.stars():
        points = star[::2]
        centre = (sum(x for x, _ in points) / 5 * factor, sum(y for _, y in points) / 5 * factor)
        shown = image.getpixel((round(centre[0]), round(centre[1])))
        # Drawn four times larger and reduced: a star's centre keeps its colour within 1 %.
        assert all(abs(a - b) <= 3 for a, b in zip(shown, gold, strict=True)), (shown, gold)
