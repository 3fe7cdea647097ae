"""The EU emblem, drawn from its published geometry (never a copied image).

Commission Implementing Regulation (EU) No 763/2014, Annex, and the Council of Europe's
description of the flag: a blue rectangle whose width is one and a half times its height;
twelve gold stars at equal intervals on an invisible circle centred where the diagonals
cross, of radius one third of the height; each star's five points on a circle of radius
one eighteenth of the height; every star upright, one point vertical and two on a line
perpendicular to the upright edge; Reflex Blue (web ``#003399``) and Yellow (``#FFCC00``).

:func:`emblem_svg` writes it as SVG (vector, for the .docx, the PDF and the HTML) and
:func:`emblem_png` as the picture Word versions without SVG support show instead.
"""

from __future__ import annotations

import io
import math

__all__ = ["ALT", "BLUE", "HEIGHT", "WIDTH", "YELLOW", "emblem_png", "emblem_svg", "stars"]

BLUE = "#003399"
YELLOW = "#FFCC00"
ALT = "European Union emblem"
HEIGHT = 200.0  # drawing units: the regulation's fractions of the height are exact enough
WIDTH = 1.5 * HEIGHT
STARS = 12
# A regular five-pointed star: its inner corners lie on a circle this fraction of the
# outer one (cos 72° / cos 36°).
INNER = math.cos(math.radians(72)) / math.cos(math.radians(36))


def stars(height: float = HEIGHT) -> list[list[tuple[float, float]]]:
    """Return the 12 stars as polygons of 10 corners (point, inner corner, ...), in SVG axes.

    The first star is at twelve o'clock; each polygon starts at its upward point.

    Examples
    --------
    >>> first = stars(18.0)[0]
    >>> [round(v, 6) for v in first[0]]  # its top point: centre (13.5, 3), radius 1
    [13.5, 2.0]
    >>> len(stars()), {len(star) for star in stars()}
    (12, {10})
    """
    cx, cy = 0.75 * height, 0.5 * height
    ring, outer = height / 3, height / 18
    polygons = []
    for hour in range(STARS):
        # Clockwise from the top, as the hours on a clock face; SVG's y axis points down.
        angle = math.radians(90 - 30 * hour)
        sx, sy = cx + ring * math.cos(angle), cy - ring * math.sin(angle)
        corners = []
        for k in range(10):
            radius = outer if k % 2 == 0 else outer * INNER
            theta = math.radians(90 + 36 * k)
            corners.append((sx + radius * math.cos(theta), sy - radius * math.sin(theta)))
        polygons.append(corners)
    return polygons


def _number(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def emblem_svg(height_cm: float = 1.5) -> str:
    """Return the emblem as a standalone SVG document ``height_cm`` high, with its title.

    Examples
    --------
    >>> svg = emblem_svg(1.5)
    >>> svg.count("<polygon"), 'width="2.25cm"' in svg, "<title>European Union emblem" in svg
    (12, True, True)
    """
    polygons = "".join(
        f'<polygon points="{" ".join(f"{_number(x)},{_number(y)}" for x, y in star)}"/>'
        for star in stars()
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'width="{_number(1.5 * height_cm)}cm" height="{_number(height_cm)}cm" '
        f'viewBox="0 0 {_number(WIDTH)} {_number(HEIGHT)}" role="img">'
        f"<title>{ALT}</title>"
        f'<rect x="0" y="0" width="{_number(WIDTH)}" height="{_number(HEIGHT)}" fill="{BLUE}"/>'
        f'<g fill="{YELLOW}">{polygons}</g>'
        "</svg>\n"
    )


def emblem_png(height_px: int = 300) -> bytes:
    r"""Return the emblem as a PNG ``height_px`` high (drawn four times larger, then reduced).

    Examples
    --------
    >>> png = emblem_png(60)
    >>> png[:8] == b"\x89PNG\r\n\x1a\n", int.from_bytes(png[16:20], "big")
    (True, 90)
    """
    from PIL import Image, ImageDraw

    scale = 4
    size = (round(1.5 * height_px) * scale, height_px * scale)
    image = Image.new("RGB", size, BLUE)
    draw = ImageDraw.Draw(image)
    factor = size[1] / HEIGHT
    for star in stars():
        draw.polygon([(x * factor, y * factor) for x, y in star], fill=YELLOW)
    image = image.resize((size[0] // scale, size[1] // scale), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
