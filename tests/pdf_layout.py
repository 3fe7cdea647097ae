"""Where a PDF page puts its words and its rules: text that runs across a table's cell border.

A table cell's border is a vertical line the page strokes; a word that starts on one side of
it and ends on the other has run out of its cell. The words and their boxes come from poppler
(``pdftotext -bbox``), the lines from the page's content stream (pikepdf), with the
transformations in force when each was stroked.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from html import unescape
from pathlib import Path

import pikepdf

# How far past a border a word must reach to count as crossing it, in points: glyphs'
# boxes may touch a rule that the ink does not cross.
TOLERANCE = 1.0


@dataclass(frozen=True)
class Crossing:
    """A word of a page that runs across a vertical rule."""

    page: int  # 1-based
    word: str
    x: float  # the rule's x, in points from the left

    def __str__(self) -> str:
        return f"page {self.page}: {self.word!r} runs across the cell border at x={self.x:.1f} pt"


def _multiply(a: tuple[float, ...], b: tuple[float, ...]) -> tuple[float, ...]:
    # PDF matrices [a b c d e f]; the new CTM is a x b.
    return (
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    )


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def vertical_rules(page: pikepdf.Page) -> list[tuple[float, float, float]]:
    """Return ``(x, y_bottom, y_top)`` of every vertical line the page strokes (PDF space)."""
    ctm: tuple[float, ...] = (1, 0, 0, 1, 0, 0)
    stack: list[tuple[float, ...]] = []
    path: list[tuple[tuple[float, float], tuple[float, float]]] = []
    current: tuple[float, float] | None = None
    rules = []
    for operands, operator in pikepdf.parse_content_stream(page):
        op = str(operator)
        values = [float(v) for v in operands] if op in ("cm", "m", "l", "re") else []
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            ctm = _multiply(tuple(values), ctm)
        elif op == "m":
            current = _apply(ctm, *values)
        elif op == "l" and current is not None:
            end = _apply(ctm, *values)
            path.append((current, end))
            current = end
        elif op == "re":
            x, y, w, h = values
            corners = [_apply(ctm, x, y), _apply(ctm, x, y + h)]
            corners += [_apply(ctm, x + w, y + h), _apply(ctm, x + w, y)]
            path += list(zip(corners, corners[1:] + corners[:1], strict=True))
        elif op in ("S", "s", "B", "B*", "b", "b*"):
            for (x0, y0), (x1, y1) in path:
                if abs(x0 - x1) < 0.01 and abs(y0 - y1) > 2:
                    rules.append((x0, min(y0, y1), max(y0, y1)))
            path, current = [], None
        elif op in ("n", "f", "F", "f*"):
            path, current = [], None
    return rules


_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def crossings(pdf: Path) -> list[Crossing]:
    """Return every word of ``pdf`` that runs across a vertical rule (a cell's border)."""
    tool = shutil.which("pdftotext")
    assert tool, "pdftotext (poppler-utils) is needed"
    boxes = subprocess.run(
        [tool, "-bbox", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    found = []
    with pikepdf.open(pdf) as document:
        for number, (page, (_, height, words)) in enumerate(
            zip(document.pages, _PAGE.findall(boxes), strict=True), start=1
        ):
            rules = vertical_rules(page)
            for x_min, y_min, x_max, y_max, text in _WORD.findall(words):
                left, right = float(x_min), float(x_max)
                # pdftotext measures from the top of the page, PDF from the bottom.
                top, bottom = float(height) - float(y_min), float(height) - float(y_max)
                for x, low, high in rules:
                    beside = low < (top + bottom) / 2 < high
                    if beside and left + TOLERANCE < x < right - TOLERANCE:
                        found.append(Crossing(number, unescape(text), x))
    return found
