"""Pieces of pandoc's document tree that every part of the document is made of.

Plain text as words and spaces (never read as markup), a walk over a tree, and the widths
of a table's columns. The document, the cover and the cross-references all build on them,
so this module imports none of them.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["AST", "column_widths", "text_em", "text_inlines", "walk"]

AST = dict[str, Any]


def text_inlines(text: str) -> list[AST]:
    r"""Return plain text as pandoc inlines (words and spaces), nothing read as markup.

    Examples
    --------
    >>> text_inlines("two words")
    [{'t': 'Str', 'c': 'two'}, {'t': 'Space'}, {'t': 'Str', 'c': 'words'}]
    >>> text_inlines("700\u00a0000 people")[0]
    {'t': 'Str', 'c': '700\xa0000'}
    """
    inlines: list[AST] = []
    # Only ASCII white space separates words: a no-break space keeps "700 000" one word.
    for word in re.split(r"[ \t\n\r\f\v]+", text.strip(" \t\n\r\f\v")):
        if not word:
            continue
        if inlines:
            inlines.append({"t": "Space"})
        inlines.append({"t": "Str", "c": word})
    return inlines


# A table's width in em of its text: the widest format's, the .docx (A4 less 2.5 cm margins,
# 16 cm, at 11 pt), so that a column wide enough there is wide enough in the PDF (9.5 pt).
LINE_EM = 16 / (11 * 2.54 / 72)
# A cell's padding, both sides, in em (Word's and LibreOffice's 0.19 cm a side at 11 pt).
PADDING_EM = 1.2
# Where a renderer may break a line inside a cell: at white space (never at a no-break space),
# and after a hyphen, which a column is made wide enough to avoid in a word up to LONG_EM
# wide (a date, "2014-2020"); a longer one (a project number) may break at its hyphens.
_SPACES = re.compile(r"[ \t\n]+")
_HYPHENS = re.compile(r"(?<=-)")
LONG_EM = 8.0


@functools.cache
def _advances(bold: bool) -> tuple[dict[int, str], dict[str, int], float]:
    # DejaVu Sans, which matplotlib ships: wider than Arial, Liberation Sans and Ubuntu (the
    # formats' typefaces), so a word that fits in it fits in each of them.
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    spec = importlib.util.find_spec("matplotlib")
    assert spec is not None and spec.submodule_search_locations
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    font = TTFont(Path(spec.submodule_search_locations[0]) / "mpl-data" / "fonts" / "ttf" / name)
    widths = {glyph: advance for glyph, (advance, _) in font["hmtx"].metrics.items()}
    return font.getBestCmap(), widths, float(font["head"].unitsPerEm)


def text_em(text: str, *, bold: bool = False) -> float:
    """Return the width of ``text`` in em, as DejaVu Sans sets it (0.6 em a missing glyph).

    Examples
    --------
    >>> round(text_em("ECoVEM"), 2), round(text_em("ECoVEM", bold=True), 2)
    (4.12, 4.56)
    """
    cmap, widths, units = _advances(bold)
    return sum(widths[cmap[ord(c)]] / units if ord(c) in cmap else 0.6 for c in text)


def _word_em(word: str, *, bold: bool = False) -> float:
    # The width a column needs for one word: all of it, or its widest part between hyphens.
    whole = text_em(word, bold=bold)
    if whole <= LONG_EM:
        return whole
    return max(text_em(part, bold=bold) for part in _HYPHENS.split(word))


def column_widths(columns: list[str], rows: list[list[str]], *, longest: int = 45) -> list[float]:
    """Return each column's share of the width: never below its longest word, then as asked.

    A word cannot wrap, so every column first gets its longest word (a header's in bold) and
    its padding; what is left of the line goes to the columns whose text is longer than
    that, as its longest text (up to ``longest`` characters) asks. A number's no-break
    spaces make it one word; a hyphen breaks only a word wider than :data:`LONG_EM`.

    Examples
    --------
    >>> [round(w, 2) for w in column_widths(["Date", "Members"], [["2021-11", "450"]])]
    [0.46, 0.54]
    >>> [round(w, 2) for w in column_widths(["Value", "Text"], [["700\u00a0000", "a b c d e"]])]
    [0.49, 0.51]
    """
    floors, asks = [], []
    for i, column in enumerate(columns):
        body = [row[i] for row in rows]
        words = [_word_em(w, bold=True) for w in _SPACES.split(column)]
        words += [_word_em(w) for text in body for w in _SPACES.split(text)]
        floor = max(words) + PADDING_EM
        floors.append(floor)
        ask = max(text_em(text[:longest]) for text in body) if body else 0.0
        asks.append(max(ask + PADDING_EM, floor))
    spare = LINE_EM - sum(floors)
    wanted = sum(ask - floor for ask, floor in zip(asks, floors, strict=True))
    if spare <= 0 or wanted <= 0:
        widths = floors
    else:
        share = min(1.0, spare / wanted)
        widths = [f + (a - f) * share for a, f in zip(asks, floors, strict=True)]
    return [width / sum(widths) for width in widths]


def walk(node: Any) -> Iterator[AST]:
    """Yield every node of a pandoc AST (or part of one), parents before children.

    A node's children are read when the walk goes on from it, so a node changed where it
    is yielded is walked as changed. One stack rather than a generator per level: each
    level of ``yield from`` costs every node below it once more.

    Examples
    --------
    >>> tree = [{"t": "Para", "c": [{"t": "Str", "c": "a"}, {"t": "Space"}]}, {"t": "Str"}]
    >>> [node["t"] for node in walk(tree)]
    ['Para', 'Str', 'Space', 'Str']
    """
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(reversed(item.values()))
        elif isinstance(item, list):
            stack.extend(reversed(item))
