r"""Word's own fields, written with their results already filled in.

Word recomputes a field (``SEQ``, ``REF``, ``TOC``, ``DOCPROPERTY``, ``PAGE``) when it
updates the document; readers that never do (LibreOffice, previews, converters) show the
result stored in the file. So every field written here carries the result Word would give:

- a caption's number is ``SEQ Figure`` / ``SEQ Table`` inside a bookmark that holds the
  label and the number, as Word's Insert Caption makes it, so a figure inserted by hand
  renumbers the rest and a cross-reference follows;
- a reference from the prose is a ``REF`` field to that bookmark, showing "Figure 3";
- the List of Figures and the List of Tables are ``TOC \c "Figure"`` / ``TOC \c "Table"``
  fields, listing every caption;
- the running header's ``DOCPROPERTY`` fields (in the reference document or a team's
  template) get the document's properties as their results.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

__all__ = [
    "bookmark_name",
    "caption_label",
    "caption_list",
    "contents_field",
    "fill_docproperties",
    "page_break",
    "ref_field",
]

# Word names its own caption bookmarks _Ref + digits; a leading underscore hides a
# bookmark from the Bookmark dialog. Ids far above pandoc's keep them unique.
BOOKMARK_ID_BASE = {"Figure": 90_000, "Table": 95_000}


def bookmark_name(kind: str, number: int) -> str:
    """Return the bookmark that holds a caption's label and number.

    Examples
    --------
    >>> bookmark_name("Figure", 3)
    '_RefFigure3'
    """
    return f"_Ref{kind}{number}"


def _run(content: str, bold: bool) -> str:
    props = "<w:rPr><w:b /></w:rPr>" if bold else ""
    return f"<w:r>{props}{content}</w:r>"


def _text(text: str) -> str:
    return f'<w:t xml:space="preserve">{escape(text)}</w:t>'


def _field(instruction: str, result: str, bold: bool = False) -> str:
    """Return a complex field: begin, instruction, separate, its result, end."""
    return (
        _run('<w:fldChar w:fldCharType="begin" />', bold)
        + _run(f'<w:instrText xml:space="preserve"> {escape(instruction)} </w:instrText>', bold)
        + _run('<w:fldChar w:fldCharType="separate" />', bold)
        + _run(_text(result), bold)
        + _run('<w:fldChar w:fldCharType="end" />', bold)
    )


def caption_label(kind: str, number: int) -> str:
    r"""Return a caption's "Figure 3" as Word XML: the label and a SEQ field in a bookmark.

    Examples
    --------
    >>> xml = caption_label("Table", 2)
    >>> 'w:name="_RefTable2"' in xml, "SEQ Table \\* ARABIC" in xml, ">2</w:t>" in xml
    (True, True, True)
    """
    ident = BOOKMARK_ID_BASE[kind] + number
    return (
        f'<w:bookmarkStart w:id="{ident}" w:name="{bookmark_name(kind, number)}" />'
        + _run(_text(f"{kind} "), bold=True)
        + _field(f"SEQ {kind} \\* ARABIC", str(number), bold=True)
        + f'<w:bookmarkEnd w:id="{ident}" />'
    )


def ref_field(kind: str, number: int) -> str:
    r"""Return a reference to a caption: a REF field (a link too) showing "Figure 3".

    Examples
    --------
    >>> xml = ref_field("Figure", 3)
    >>> "REF _RefFigure3 \\h" in xml, ">Figure 3</w:t>" in xml
    (True, True)
    """
    return _field(f"REF {bookmark_name(kind, number)} \\h", f"{kind} {number}")


def page_break() -> str:
    """Return an empty paragraph that starts a new page."""
    return '<w:p><w:r><w:br w:type="page" /></w:r></w:p>'


def contents_field(title: str = "Contents") -> str:
    """Return the table of contents as pandoc writes it: a TOC field, its result to fill."""
    return (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents" />'
        "<w:docPartUnique /></w:docPartObj></w:sdtPr><w:sdtContent>"
        f'<w:p><w:pPr><w:pStyle w:val="TOCHeading" /></w:pPr>{_run(_text(title), False)}</w:p>'
        '<w:p><w:r><w:fldChar w:fldCharType="begin" w:dirty="true" />'
        '<w:instrText xml:space="preserve">TOC \\o &quot;1-2&quot; \\h \\z \\u</w:instrText>'
        '<w:fldChar w:fldCharType="separate" /><w:fldChar w:fldCharType="end" /></w:r></w:p>'
        "</w:sdtContent></w:sdt>"
    )


def caption_list(title: str, kind: str, entries: Sequence[tuple[int, str]]) -> str:
    r"""Return a List of Figures or Tables: a heading, then a ``TOC \c`` field pre-filled.

    ``entries`` are (number, caption text) pairs; each listed caption links to its bookmark.
    The heading is a contents heading that does not start a page of its own.

    Examples
    --------
    >>> xml = caption_list("List of Tables", "Table", [(1, "Table 1. Three.")])
    >>> 'TOC \\h \\z \\c &quot;Table&quot;' in xml, 'w:anchor="_RefTable1"' in xml
    (True, True)
    """
    heading = (
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading" /><w:pageBreakBefore w:val="0" /></w:pPr>'
        f"{_run(_text(title), False)}</w:p>"
    )
    begin = (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true" />'
        f'<w:instrText xml:space="preserve">TOC \\h \\z \\c &quot;{kind}&quot;</w:instrText>'
        '<w:fldChar w:fldCharType="separate" /></w:r>'
    )
    end = '<w:r><w:fldChar w:fldCharType="end" /></w:r>'
    if not entries:
        return heading + f"<w:p>{begin}{_run(_text(f'No {kind.lower()}s.'), False)}{end}</w:p>"
    paragraphs = []
    for index, (number, text) in enumerate(entries):
        link = (
            f'<w:hyperlink w:anchor="{bookmark_name(kind, number)}" w:history="1">'
            f"{_run(_text(text), False)}</w:hyperlink>"
        )
        paragraphs.append(
            '<w:p><w:pPr><w:pStyle w:val="TableofFigures" /></w:pPr>'
            f"{begin if index == 0 else ''}{link}{end if index == len(entries) - 1 else ''}</w:p>"
        )
    return heading + "".join(paragraphs)


_RUN = re.compile(r"<w:r(?:\s[^>]*)?>.*?</w:r>", re.S)
_TOKEN = re.compile(
    r'<w:fldChar\b[^>]*w:fldCharType="(?P<char>\w+)"[^>]*/>'
    r"|<w:instrText\b[^>]*>(?P<instr>[^<]*)</w:instrText>"
    r"|(?P<text><w:t[\s>])"
)
_PROPERTY = re.compile(r'^\s*DOCPROPERTY\s+(?:"([^"]+)"|&quot;(.+?)&quot;|(\S+))')
_SIMPLE = re.compile(r'(<w:fldSimple\b[^>]*w:instr="([^"]*)"[^>]*?)(?:/>|>.*?</w:fldSimple>)', re.S)


def _property(instruction: str) -> str:
    found = _PROPERTY.match(instruction)
    return next((g for g in found.groups() if g), "") if found else ""


def fill_docproperties(xml: bytes, values: Mapping[str, str]) -> bytes:
    r"""Give each ``DOCPROPERTY`` field whose property is in ``values`` that value as result.

    Works on the header and footer parts of a reference document or a team's template,
    complex fields and simple ones alike, with or without a result already; other fields
    and text are left as they are.

    Examples
    --------
    >>> header = (
    ...     b'<w:p><w:r><w:fldChar w:fldCharType="begin" /></w:r><w:r><w:instrText>'
    ...     b' DOCPROPERTY Deliverable </w:instrText></w:r><w:r><w:fldChar '
    ...     b'w:fldCharType="separate" /></w:r><w:r><w:t>D0</w:t></w:r><w:r><w:fldChar '
    ...     b'w:fldCharType="end" /></w:r></w:p>')
    >>> out = fill_docproperties(header, {"Deliverable": "D2.1"})
    >>> b'<w:t xml:space="preserve">D2.1</w:t>' in out, b">D0<" in out
    (True, False)
    """
    text = xml.decode("utf-8")
    edits: list[tuple[int, int, str]] = []
    # One open field per nesting level: its instruction, whether past its separator, the
    # runs of its result so far.
    stack: list[dict[str, Any]] = []
    for run in _RUN.finditer(text):
        holds_text = False
        for token in _TOKEN.finditer(run.group(0)):
            at = run.start() + token.start()
            if token.group("char") == "begin":
                stack.append({"instr": "", "separate": None, "results": []})
            elif stack and token.group("instr") is not None:
                stack[-1]["instr"] += token.group("instr")
            elif stack and token.group("char") == "separate":
                stack[-1]["separate"] = at
            elif stack and token.group("char") == "end":
                field = stack.pop()
                name = _property(field["instr"])
                if name in values:
                    edits.extend(_result_edits(field, values[name], at, run, token))
            elif token.group("text"):
                holds_text = True
        if holds_text and stack and stack[-1]["separate"] is not None:
            stack[-1]["results"].append(run)
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]

    def simple(match: re.Match[str]) -> str:
        name = _property(match.group(2))
        if name not in values:
            return match.group(0)
        return f"{match.group(1)}><w:r>{_text(values[name])}</w:r></w:fldSimple>"

    return _SIMPLE.sub(simple, text).encode("utf-8")


def _result_edits(
    field: dict[str, Any], value: str, end_at: int, end_run: re.Match[str], end: re.Match[str]
) -> list[tuple[int, int, str]]:
    """Return the changes that make ``value`` a field's only result, before its end."""
    results: list[re.Match[str]] = field["results"]
    if results:
        first = results[0].group(0)
        props = re.search(r"<w:rPr>.*?</w:rPr>", first, re.S)
        run = f"<w:r>{props.group(0) if props else ''}{_text(value)}</w:r>"
        edits = [(results[0].start(), results[0].end(), run)]
        edits += [(r.start(), r.end(), "") for r in results[1:]]
        return edits
    # No result yet: close the run at the end character, put the result in a run of its
    # own, and open a run for the end character (with a separator first if there is none).
    separate = "" if field["separate"] is not None else '<w:fldChar w:fldCharType="separate" />'
    token_end = end_at + len(end.group(0))
    return [
        (
            end_at,
            token_end,
            f"{separate}</w:r><w:r>{_text(value)}</w:r><w:r>{end.group(0)}",
        )
    ]
