"""The report as quotes are checked against it: white space aside, with the numbers it states."""

from __future__ import annotations

import bisect
import re

__all__ = ["Report", "squash", "stated_numbers"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
_SCALES = {"thousand": 10**3, "million": 10**6, "billion": 10**9}
_UNITS = {"%": "percent", "percent": "percent", "per cent": "percent", "euro": "eur",
          "euros": "eur", "€": "eur", "people/year": "people_per_year"}  # fmt: skip
_NUMBER = re.compile(
    r"(?P<more>more than\s+)?"
    r"(?:(?<![\w.])(?P<digits>\d+(?:\.\d+)?)(?:\s*(?P<scale>thousand|million|billion)\b)?"
    r"|\b(?P<word>" + "|".join(_WORDS) + r")\b)"
    r"(?:\s*(?P<unit>"
    + "|".join(re.escape(u) for u in sorted(_UNITS, key=len, reverse=True))
    + "))?",
    re.IGNORECASE,
)


def stated_numbers(text: str) -> set[tuple[float, str, str]]:
    """Return the numbers a sentence states as ``(value, unit, qualifier)``.

    Scale words ("7 billion") and small number words ("two") are read; the unit is the
    word right after the number (``count`` when there is none) and the qualifier is
    ``more_than`` when "more than" comes right before it.

    Examples
    --------
    >>> text = "5% of employees, 700000 people/year and 7 billion euros"
    >>> for number in sorted(stated_numbers(text)):
    ...     print(number)
    (5.0, 'percent', 'exact')
    (700000.0, 'people_per_year', 'exact')
    (7000000000.0, 'eur', 'exact')
    >>> stated_numbers("to date, more than 500 companies")
    {(500.0, 'count', 'more_than')}
    >>> stated_numbers("cited two times")
    {(2.0, 'count', 'exact')}
    """
    found = set()
    for match in _NUMBER.finditer(text):
        if match["word"]:
            value = float(_WORDS[match["word"].lower()])
        else:
            value = float(match["digits"]) * _SCALES.get((match["scale"] or "").lower(), 1)
        unit = _UNITS[match["unit"].lower()] if match["unit"] else "count"
        found.add((value, unit, "more_than" if match["more"] else "exact"))
    return found


def squash(text: str) -> str:
    return " ".join(text.split())


class Report:
    """The source report with white space squashed, to find quotes and the line they start on.

    ``path`` is where the report is, as the descriptor gives it: problems name it.
    """

    def __init__(self, text: str, path: str = "the report") -> None:
        self.path = path
        words, starts, lines = [], [], []
        offset = 0
        for number, line in enumerate(text.splitlines(), start=1):
            for word in line.split():
                words.append(word)
                starts.append(offset)
                lines.append(number)
                offset += len(word) + 1
        self.text = " ".join(words)
        self._starts = starts
        self._lines = lines

    def find(self, quote: str) -> list[tuple[int, int]]:
        r"""Return ``(offset, line)`` of each place ``quote`` starts, white space aside.

        Examples
        --------
        >>> Report("a b\nc d\n\nc d").find("c  d")
        [(4, 2), (8, 4)]
        """
        needle = squash(quote)
        found, at = [], self.text.find(needle)
        while needle and at != -1:
            found.append((at, self._lines[bisect.bisect_right(self._starts, at) - 1]))
            at = self.text.find(needle, at + 1)
        return found
