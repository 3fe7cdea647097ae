"""Where the numbers come from: the report as a source, public sources, and the rows used.

The report has no public address: rows taken from it name its file in the data package, and
that path is the descriptor's source resource, read here and nowhere else. Figures, the
notebook display and the documents name sources, date them and list the report lines and
public pages a figure or a table rests on with the functions of this module.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import numbers
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ._numbers import format_number

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "MONTHS",
    "Source",
    "date_span",
    "from_report",
    "missing",
    "report_lines",
    "report_source",
    "source_name",
    "sources",
]


# A public page a figure or a table rests on: its "url", "title" and "date" (as the source
# gives it, or "" where it gives none).
Source = dict[str, str]


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@functools.cache
def report_source() -> str:
    """Return the report's path in the data package: what rows taken from it give as URL.

    Examples
    --------
    >>> report_source()
    'raw/coves-conference-report.txt'
    """
    from ._descriptor import package_data_dir, read_package

    return read_package(package_data_dir()).source.path


def source_name(url: str) -> str:
    """Return a short name for a source: the site of a web page, or "the report".

    Examples
    --------
    >>> source_name("https://www.dzs.cz/en/article/x")
    'dzs.cz'
    >>> source_name("raw/coves-conference-report.txt")
    'the report'
    """
    if str(url) == report_source():
        return "the report"
    host = urlsplit(str(url)).hostname or str(url)
    return host.removeprefix("www.")


def date_span(text: str) -> tuple[dt.date, dt.date, str]:
    """Return the first and last day an ISO date of any precision covers, and a label.

    A source that gives only a month or a year is not given a day: the span covers the
    whole month or year, and the label says no more than the source does.

    Examples
    --------
    >>> date_span("2022-11-10")
    (datetime.date(2022, 11, 10), datetime.date(2022, 11, 10), '10 Nov 2022')
    >>> date_span("2021-11")[1:], date_span("2023")[2]
    ((datetime.date(2021, 11, 30), 'Nov 2021'), '2023')
    """
    parts = [int(p) for p in str(text).split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day, f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if len(parts) == 2:
        year, month = parts
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1), dt.date(year, month, last), f"{MONTHS[month - 1]} {year}"
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31), str(parts[0])


def missing(value: Any) -> bool:
    """Whether a cell is empty (None, NaN, pandas' NA, NaT); a container is not one cell.

    Examples
    --------
    >>> import pandas as pd
    >>> [missing(v) for v in (None, float("nan"), pd.NA, "", 0, "None", [1, None])]
    [True, True, True, False, False, False, False]
    """
    if value is None:
        return True
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False  # a list or another container: not a single missing value


def from_report(source_url: Any, report_line: Any = None) -> bool:
    """Whether a context row is taken from the report: its URL, or a report line it quotes.

    Examples
    --------
    >>> import pandas as pd
    >>> from_report("raw/coves-conference-report.txt"), from_report("https://x.eu", 23)
    (True, True)
    >>> from_report("https://x.eu", pd.NA)
    False
    """
    return str(source_url) == report_source() or not missing(report_line)


def report_lines(frames: Iterable[pd.DataFrame], alt: str | None = None) -> list[int]:
    """Return the lines of the report that the rows of these tables quote.

    For a figure (``alt`` given), a table of numbers (``value``) counts only the rows whose
    number the figure states in its alt text: a figure of three key figures rests on their
    lines, not on every line of ``key_figures``.

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"value": [84, 28], "line": [44, 45]})
    >>> report_lines([frame]), report_lines([frame], alt="84 projects")
    ([44, 45], [44])
    """
    lines: set[int] = set()
    for frame in frames:
        rows = frame
        if alt is not None and "value" in frame.columns:
            stated = [_stated(v, alt) for v in frame["value"]]
            rows = frame[stated]
        for column in ("line", "report_line"):
            if column in rows.columns:
                lines.update(int(v) for v in rows[column].dropna())
    return sorted(lines)


def sources(frames: Iterable[pd.DataFrame]) -> list[Source]:
    """Return the public pages the rows of these tables come from (the rows a figure uses).

    Examples
    --------
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"source_url": ["https://x.eu", "raw/coves-conference-report.txt"],
    ...                       "source_title": ["X", ""], "published": [pd.NA, pd.NA]})
    >>> sources([frame])
    [{'url': 'https://x.eu', 'title': 'X', 'date': ''}]
    """
    found: dict[str, Source] = {}
    for frame in frames:
        if "source_url" not in frame.columns:
            continue
        rows = frame[frame["used_in_figures"]] if "used_in_figures" in frame.columns else frame
        for row in rows.to_dict("records"):
            url = str(row["source_url"])
            if url == report_source() or url in found:
                continue
            published = row.get("published")
            found[url] = {
                "url": url,
                "title": str(row.get("source_title", "") or ""),
                "date": "" if missing(published) else str(published),
            }
    return list(found.values())


def _stated(value: Any, alt: str) -> bool:
    """Whether the alt text states ``value``: a number as figures write it, or the text."""
    if missing(value):
        return False
    if isinstance(value, numbers.Number):
        return bool(re.search(rf"(?<![\d.]){re.escape(format_number(value))}(?![\d])", alt))
    return " ".join(str(value).split()) in " ".join(alt.split())
