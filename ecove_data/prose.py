"""Prose for the notebooks: Markdown written by the author, values from the data as they are.

A notebook's discussion puts numbers and names from the tables into sentences. Written with
an f-string, a workshop called ``*Staff* <b>exchange</b>`` would come out in emphasis and
bold, and ``$a$`` as math: the documents parse the prose as Markdown. :func:`show` and
:func:`md` take the author's Markdown as a template and the values apart, and escape every
value they put in, so the text of the data reaches JupyterLab, Word, the PDF and the HTML
pages exactly as written::

    prose.show(
        "There were **{count} workshops**, from “{first}” to “{last}”.",
        count=len(workshops), first=workshops["workshop"].iloc[0], last=...,
    )

Numbers without a format spec are written as the figures and tables write them
(:func:`ecove_data.figures.format_number`: ``700 000``, ``7 billion``); with a spec
(``{share:.1f}``) as Python formats them. Pieces made with :func:`md`, :func:`join` or
:func:`ref` are Markdown already and go in unchanged.
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ._markdown import Markdown, escape
from ._numbers import format_number
from .provenance import missing

__all__ = ["Markdown", "code", "join", "link", "md", "ref", "show", "table_key"]


class _Formatter(string.Formatter):
    """``str.format`` whose fields are escaped values; Markdown pieces pass unchanged."""

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        value = super().get_value(key, args, kwargs)
        if missing(value):
            raise ValueError(
                f"prose: the value for {{{key}}} is missing (NA): say in words that the "
                "report or the source gives none, instead of printing an empty value"
            )
        return value

    def format_field(self, value: Any, format_spec: str) -> str:
        if isinstance(value, Markdown):
            return str(value)
        if isinstance(value, bool) and not format_spec:
            return "yes" if value else "no"
        if isinstance(value, numbers.Number) and not format_spec:
            return escape(format_number(value))
        return escape(format(value, format_spec))


_FORMATTER = _Formatter()


def md(template: str, /, *args: Any, **values: Any) -> Markdown:
    r"""Return the Markdown ``template`` with each ``{field}`` replaced by its escaped value.

    Examples
    --------
    >>> print(md("**{n} workshops**, the first “{name}”", n=5, name="*Staff* <b>exchange</b>"))
    **5 workshops**, the first “\*Staff\* \<b>exchange\</b>”
    >>> md("{people} people, {share:.1f} %", people=700000, share=50.909)
    '700\xa0000 people, 50.9 %'
    """
    return Markdown(_FORMATTER.vformat(template, args, values))


def join(parts: Iterable[Any], sep: str = ", ", *, last: str | None = None) -> Markdown:
    r"""Join values (escaped) and Markdown pieces (as they are) with ``sep``, ``last`` last.

    Examples
    --------
    >>> print(join(["a_b", "*c*", md("**d**")], last=" and "))
    a_b, \*c\* and **d**
    """
    items = [_FORMATTER.format_field(part, "") for part in parts]
    if last is not None and len(items) > 1:
        return Markdown(sep.join(items[:-1]) + last + items[-1])
    return Markdown(sep.join(items))


def code(text: Any) -> Markdown:
    """Return ``text`` as inline code (an identifier, a formula), shown exactly as it is.

    Inside code Markdown knows no escapes, so the text is fenced by more backticks than it
    holds in a row instead.

    Examples
    --------
    >>> print(code("a * b"), code("x`y"))
    `a * b` ``x`y``
    """
    import re

    text = str(text)
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markdown(f"{fence}{pad}{text}{pad}{fence}")


def link(text: Any, url: str) -> Markdown:
    r"""Return a link showing ``text`` (escaped) to ``url``, whatever characters either holds.

    Examples
    --------
    >>> print(link("3. ECoVEM *page*", "https://a.eu/x?a=1&b=(2)"))
    [3\. ECoVEM \*page\*](<https://a.eu/x?a=1&b=(2)>)
    """
    from urllib.parse import quote

    target = quote(str(url), safe="/:?#[]@!$&'()*+,;=%~")
    return Markdown(f"[{_FORMATTER.format_field(text, '')}](<{target}>)")


def table_key(title: str) -> str:
    """Return the key a reference uses for a table: its title in lower case, words joined by "-".

    Accents are dropped and apostrophes join the word they are in.

    Examples
    --------
    >>> table_key("The 2021 call's figures as the report states them")
    'the-2021-calls-figures-as-the-report-states-them'
    >>> table_key("Campus des métiers: 23 → 43")
    'campus-des-metiers-23-43'
    """
    import re
    import unicodedata

    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['\u2019]", "", ascii_text.lower())
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text))


def ref(name: str | None = None, *, table: str | None = None) -> Markdown:
    """Return a reference to a registered figure, or to a table by its title: ``as {chart} shows``.

    JupyterLab shows it as the figure's or the table's title; the documents number it:
    "Figure 3" or "Table 2" in every format, a cross-reference field in Word and a link in
    the PDF and HTML pages. A table is named by the title given to ``figures.show``.

    Examples
    --------
    >>> print(ref("activities"))
    [Figure “Main activities of the 2021 call's proposals”](#figure-activities)
    >>> print(ref(table="The 2021 call's figures"))
    [Table “The 2021 call's figures”](#table-the-2021-calls-figures)
    """
    if (name is None) == (table is None):
        raise TypeError('ref() takes a figure\'s name or table="its title", not both')
    if table is not None:
        return Markdown(f"[Table “{escape(table)}”](#table-{table_key(table)})")
    from .figures import spec

    title = spec(str(name)).title
    return Markdown(f"[Figure “{escape(title)}”](#figure-{name})")


def show(template: str, /, *args: Any, **values: Any) -> None:
    """Display :func:`md` of the template and values as Markdown in the notebook."""
    from IPython.display import Markdown as Shown
    from IPython.display import display

    display(Shown(md(template, *args, **values)))
