"""Text from the data written into Markdown so that every reader shows it as typed.

Markdown gives meaning to punctuation: ``*`` and ``_`` make emphasis, ``<b>`` an HTML
element, ``&amp;`` a character, ``$a$`` math, ``@key`` a citation, ``[1]`` a link or a
footnote, ``:name:`` an emoji, and ``#``, ``-``, ``>`` or ``1.`` at the start of a line
a heading, a list or a quote. :func:`escape` puts a backslash before each character that
could start such markup where it stands (CommonMark lets any ASCII punctuation be
escaped), so pandoc, JupyterLab and GitHub show the text exactly as it is, and leaves the
rest alone so that the Markdown stays readable (``cove_call_2021``, ``e.g.``, ``Note: x``).
"""

from __future__ import annotations

import re

__all__ = ["Markdown", "escape"]

# Markup anywhere in a line: code, emphasis, links, HTML and entities, tables, strikeout,
# super- and subscripts, math, citations.
_ALWAYS = re.compile(r"[\\`*\[\]<&|~^$@]")
# "_" opens emphasis only where no letter or digit stands before it; ":" opens an emoji
# (":smile:") only before a name.
_UNDERSCORE = re.compile(r"(?<![^\W_])_")
_COLON = re.compile(r":(?=[\w+-])")
# What makes a block at the start of a line: an ATX heading, a quote, a bullet, a rule or a
# setext underline, a definition or a fenced div, an ordered list item ("1.", "b)", "(iv)",
# "#."). Elsewhere in a line these characters are text.
# (Indented by spaces, as a line break in a value may leave them, they still count.)
_LINE_START = re.compile(
    r"^(?P<indent>[ \t]*)(?:(?P<block>#{1,6}(?=[ \t]|$)|>|[-+](?=[ \t]|$)"
    r"|[-=](?=[-= \t]*$)|:|#(?=[.)]))|(?P<item>\(?\w{1,9})(?P<marker>[.)])(?=[ \t]|$))",
    re.M,
)
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class Markdown(str):
    """Text that is already Markdown: written by an author, never escaped again."""


def escape(text: str, *, line_break: str = "\\\n") -> Markdown:
    r"""Return ``text`` as Markdown that shows exactly ``text``.

    A line break in the text becomes ``line_break``: CommonMark's hard line break (a
    backslash at the end of the line) in prose, ``<br>`` in a table cell, which cannot
    hold a line.

    Examples
    --------
    >>> print(escape("*not emphasis*, <b>not bold</b> & $not math$ [1] @no_citation"))
    \*not emphasis\*, \<b>not bold\</b> \& \$not math\$ \[1\] \@no_citation
    >>> print(escape("# not a heading"), escape("1. not a list"), escape("cove_call_2021"))
    \# not a heading 1\. not a list cove_call_2021
    >>> print(escape("20.7"), escape("-5"), escape("e.g. this"), escape("Note: this"))
    20.7 -5 e.g. this Note: this
    >>> escape("two\nlines", line_break="<br>")
    'two<br>lines'
    """
    escaped = _ALWAYS.sub(lambda m: "\\" + m.group(), _LINE_BREAK.sub("\n", text))
    escaped = _UNDERSCORE.sub(r"\\_", escaped)
    escaped = _COLON.sub(r"\\:", escaped)
    escaped = _LINE_START.sub(_escape_line_start, escaped)
    return Markdown(escaped.replace("\n", line_break))


def _escape_line_start(match: re.Match[str]) -> str:
    indent = match.group("indent")
    if match.group("block") is not None:
        return f"{indent}\\{match.group('block')}"
    return f"{indent}{match.group('item')}\\{match.group('marker')}"
