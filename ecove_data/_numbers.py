"""Numbers and lists written as the report writes them, for figures, tables and prose alike."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["NBSP", "format_number", "format_value", "join_labels"]

# Between the digits of a number and its words: a no-break space, so that no reader, table
# cell or wrapped label breaks "700 000" or "7 billion" across two lines.
NBSP = "\u00a0"


def format_number(value: Any) -> str:
    r"""Format a number as the report writes it: digits grouped by spaces from 10 000.

    The spaces are no-break spaces (:data:`NBSP`), so a number never breaks across lines.

    Examples
    --------
    >>> [format_number(v).replace(NBSP, " ") for v in (84, 1741, 700000, 7e9, 20.72619, 1e4)]
    ['84', '1741', '700 000', '7 billion', '20.7', '10 000']
    >>> format_number(700000)
    '700\xa0000'
    """
    value = float(value)
    if value >= 1e9 and value % 1e8 == 0:
        return f"{value / 1e9:g}{NBSP}billion"
    if value != round(value):
        return f"{value:.1f}"
    whole = round(value)
    return f"{whole:,}".replace(",", NBSP) if whole >= 10_000 else str(whole)


_UNITS = {
    "percent": "{}\u00a0%",
    "eur": "€{}",
    "eur_per_person": "€{}",
}


def format_value(
    value: Any, unit: str = "count", qualifier: str = "exact", *, words: bool = False
) -> str:
    r"""Format a value with its unit; a ``more_than`` value reads as a lower bound.

    ``words=True`` writes the lower bound for prose (alt text): "more than 500".

    Examples
    --------
    >>> format_value(500, "count", "more_than")
    '>\xa0500'
    >>> format_value(500, "count", "more_than", words=True)
    'more than 500'
    >>> format_value(5, "percent"), format_value(7e9, "eur")
    ('5\xa0%', '€7\xa0billion')
    """
    text = _UNITS.get(str(unit), "{}").format(format_number(value))
    if str(qualifier) != "more_than":
        return text
    return f"more than {text}" if words else f">{NBSP}{text}"


def join_labels(items: Sequence[str]) -> str:
    """Join labels for prose: "a", "a and b", "a, b and c".

    Examples
    --------
    >>> join_labels(["Textiles"]), join_labels(["EU", "non-EU"]), join_labels("abc")
    ('Textiles', 'EU and non-EU', 'a, b and c')
    """
    items = [str(item) for item in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
