"""The EU emblem's geometry as the regulation gives it, measured on an SVG (for the tests)."""

from __future__ import annotations

import math

import pytest
from lxml import etree

NS = {"svg": "http://www.w3.org/2000/svg"}


def measure_emblem(svg: bytes) -> None:
    """Assert the regulation's geometry on an SVG emblem: 3:2, 12 stars, radii h/3, h/18."""
    root = etree.fromstring(svg)
    x0, y0, width, height = (float(v) for v in root.get("viewBox").split())
    assert width / height == pytest.approx(1.5)
    assert root.get("width").endswith("cm")
    assert float(root.get("height").removesuffix("cm")) >= 1.0, "at least 1 cm high"
    assert float(root.get("width").removesuffix("cm")) / float(
        root.get("height").removesuffix("cm")
    ) == pytest.approx(1.5)
    rect = root.find("svg:rect", NS)
    assert rect.get("fill").upper() == "#003399"
    assert (float(rect.get("width")), float(rect.get("height"))) == (width, height)
    group = root.find("svg:g", NS)
    assert group.get("fill").upper() == "#FFCC00"
    polygons = group.findall("svg:polygon", NS)
    assert len(polygons) == 12
    cx, cy = x0 + width / 2, y0 + height / 2  # where the diagonals cross
    angles = []
    for polygon in polygons:
        corners = [tuple(map(float, p.split(","))) for p in polygon.get("points").split()]
        assert len(corners) == 10, "five points and five inner corners"
        points = corners[::2]
        sx = sum(x for x, _ in points) / 5
        sy = sum(y for _, y in points) / 5
        assert math.dist((sx, sy), (cx, cy)) == pytest.approx(height / 3, abs=1e-3)
        for point in points:
            assert math.dist(point, (sx, sy)) == pytest.approx(height / 18, abs=1e-3)
        top = min(points, key=lambda p: p[1])
        assert top[0] == pytest.approx(sx, abs=1e-3), "one point straight up"
        assert top[1] == pytest.approx(sy - height / 18, abs=1e-3)
        angles.append(math.degrees(math.atan2(cy - sy, sx - cx)) % 360)
    steps = sorted(angles)
    gaps = [(b - a) for a, b in zip(steps, [*steps[1:], steps[0] + 360], strict=True)]
    assert gaps == pytest.approx([30.0] * 12, abs=1e-3), "at equal intervals"
