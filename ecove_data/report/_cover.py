"""The cover of every format: the EU emblem and funding statement, identity, history.

Page 1 (the cover): the EU emblem (drawn by :mod:`._emblem`, at least 1 cm high, alt text
"European Union emblem") with the funding statement of the grant's period beside it, the
title and subtitle, and three tables with header rows: the project (acronym, full name,
number, programme), the deliverable (work package, number, dissemination level, lead
partner, version, date) and its authors. Page 2 (the inside cover): what the document is,
its history as a table, and the disclaimer of the grant's period. Then the contents, the
List of Figures and the List of Tables.

The statement is set in a typeface the EU's rules allow beside the emblem: Arial in Word
(direct formatting, so a team's template cannot change it), Ubuntu in the PDF (shipped in
``fonts/``, embedded by Typst) and in the HTML (the statement's glyphs embedded).
"""

from __future__ import annotations

import base64
import io
import json
import re
from pathlib import Path
from typing import Any

from . import _emblem, _fields
from ._ast import column_widths, text_inlines, walk
from ._crossref import reference, xrefs
from ._deliverable import Deliverable

__all__ = [
    "EMBLEM_HEIGHT_CM",
    "EMBLEM_PNG",
    "EMBLEM_SVG",
    "FONTS",
    "about",
    "caption_entries",
    "cover_tables",
    "docx_blocks",
    "docx_properties",
    "finish_docx_part",
    "html_blocks",
    "html_css",
    "typst_front",
    "write_emblem",
]

AST = dict[str, Any]
FONTS = Path(__file__).with_name("fonts")
EMBLEM_SVG = "eu-emblem.svg"
EMBLEM_PNG = "eu-emblem.png"
EMBLEM_HEIGHT_CM = 1.5  # the rules' minimum is 1 cm
FONT_PX = 11 * 96 / 72
ARIAL = '<w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:cs="Arial" w:eastAsia="Arial" />'
PNG_RELATIONSHIP = "rIdEuEmblemPng"


def write_emblem(work: Path) -> None:
    """Write the emblem's SVG and its PNG stand-in into the build's folder.

    Each file is written whole (writers that run at once may both ask), and only once.
    """
    from .._files import write_atomic

    if not (work / EMBLEM_SVG).is_file():
        write_atomic(work / EMBLEM_SVG, _emblem.emblem_svg(EMBLEM_HEIGHT_CM))
    if not (work / EMBLEM_PNG).is_file():
        write_atomic(work / EMBLEM_PNG, _emblem.emblem_png(round(EMBLEM_HEIGHT_CM / 2.54 * 300)))


def about(version: str) -> str:
    """Return what the document is, said on the inside cover."""
    return (
        "A deliverable draft made from the executed ecove-data notebooks: each chapter is one "
        "notebook's discussion, with its figures and tables. Every number is computed from "
        f"the tables of the data package ecove-data, version {version}, which takes it from "
        "the conference report or from a public source named in the Sources at the end; "
        "values computed from them are marked as derived."
    )


def cover_tables(d: Deliverable) -> list[tuple[str, list[str], list[list[str]]]]:
    """Return the cover's tables and the history: (caption, header row, rows).

    Examples
    --------
    >>> from ecove_data.report._deliverable import load_deliverable
    >>> tables = cover_tables(load_deliverable("notebooks/deliverable.toml"))
    >>> [caption for caption, _, _ in tables]
    ['Project', 'Deliverable', 'Authors', 'Document history']
    >>> tables[0][1]
    ['Acronym', 'Full name', 'Project number', 'Programme']
    """
    return [
        (
            "Project",
            ["Acronym", "Full name", "Project number", "Programme"],
            [[d.acronym, d.full_name, d.project_number, d.programme]],
        ),
        (
            "Deliverable",
            ["Work package", "Number", "Dissemination level", "Lead partner", "Version", "Date"],
            [
                [
                    d.work_package,
                    d.number,
                    d.dissemination_label,
                    d.lead_partner,
                    d.version,
                    d.date.isoformat(),
                ]
            ],
        ),
        ("Authors", ["Author", "Organisation"], [[a.name, a.organisation] for a in d.authors]),
        (
            "Document history",
            ["Version", "Date", "Author", "Change"],
            [[r.version, r.date.isoformat(), r.author, r.change] for r in d.history],
        ),
    ]


def caption_entries(document: Any, kind: str) -> list[tuple[int, str]]:
    """Return (number, "Figure N. Title.") of every figure or table, in reading order."""
    items = document.figures() if kind == "Figure" else document.tables()
    return [(item.number, f"{kind} {item.number}. {item.title}.") for item in items]


# --- pandoc AST pieces (Word and HTML) -----------------------------------------------------


_words = text_inlines


def _cell(text: str) -> list[Any]:
    return [["", [], []], {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": _words(text)}]]


def table_ast(caption: str, columns: list[str], rows: list[list[str]], ident: str) -> AST:
    """Return a pandoc table with a caption and one header row."""
    widths = column_widths(columns, rows, longest=36)
    return {
        "t": "Table",
        "c": [
            [ident, ["cover"], []],
            [None, [{"t": "Plain", "c": [{"t": "Strong", "c": _words(caption)}]}]],
            [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": w}] for w in widths],
            [["", [], []], [[["", [], []], [_cell(c) for c in columns]]]],
            [[["", [], []], 0, [], [[["", [], []], [_cell(v) for v in row]] for row in rows]]],
            [["", [], []], []],
        ],
    }


def _styled(style: str, blocks: list[AST]) -> AST:
    return {"t": "Div", "c": [["", [], [["custom-style", style]]], blocks]}


def _emblem_image() -> AST:
    return {
        "t": "Image",
        "c": [
            # Both sides given: pandoc's own reading of the SVG's size is not exactly 3:2.
            [
                "",
                [],
                [["width", f"{1.5 * EMBLEM_HEIGHT_CM:g}cm"], ["height", f"{EMBLEM_HEIGHT_CM:g}cm"]],
            ],
            _words(_emblem.ALT),
            [EMBLEM_SVG, ""],
        ],
    }


def _tables(d: Deliverable, which: slice) -> list[AST]:
    return [
        table_ast(caption, columns, rows, f"cover-{caption.lower().replace(' ', '-')}")
        for caption, columns, rows in cover_tables(d)[which]
    ]


def docx_blocks(document: Any, version: str) -> list[AST]:
    """Return the .docx's front matter: cover, inside cover, contents and the two lists."""
    d: Deliverable = document.deliverable
    # Raised by half the difference of the emblem's and the text's heights (half-points),
    # so the statement stands level with the emblem's middle.
    raise_by = round((EMBLEM_HEIGHT_CM / 2.54 * 72 - 11) / 2 * 2)
    statement = (
        f'<w:r><w:rPr>{ARIAL}<w:i w:val="0" /><w:u w:val="none" />'
        f'<w:position w:val="{raise_by}" /><w:sz w:val="22" /></w:rPr>'
        f'<w:t xml:space="preserve">  {_escape(d.statement)}</w:t></w:r>'
    )
    blocks: list[AST] = [
        _styled(
            "EU Funding Statement",
            [
                {
                    "t": "Para",
                    "c": [_emblem_image(), {"t": "RawInline", "c": ["openxml", statement]}],
                }
            ],
        ),
        _styled("Title", [{"t": "Para", "c": _words(d.title)}]),
        _styled("Subtitle", [{"t": "Para", "c": _words(d.subtitle)}]),
        *_tables(d, slice(0, 3)),
        {"t": "RawBlock", "c": ["openxml", _fields.page_break()]},
        _styled("Abstract Title", [{"t": "Para", "c": _words("About this document")}]),
        _styled("Abstract", [{"t": "Para", "c": _words(about(version))}]),
        *_tables(d, slice(3, 4)),
        _styled("Disclaimer", [{"t": "Para", "c": _words(d.disclaimer)}]),
        {"t": "RawBlock", "c": ["openxml", _fields.contents_field()]},
        {
            "t": "RawBlock",
            "c": [
                "openxml",
                _fields.caption_list(
                    "List of Figures", "Figure", caption_entries(document, "Figure")
                )
                + _fields.caption_list(
                    "List of Tables", "Table", caption_entries(document, "Table")
                ),
            ],
        },
    ]
    return blocks


def docx_properties(d: Deliverable) -> dict[str, str]:
    """Return the custom document properties the running header's DOCPROPERTY fields show."""
    return {
        "Project": d.acronym,
        "Deliverable": d.number,
        "Short title": d.short_title,
        "Version": d.version,
        "Dissemination level": d.dissemination,
    }


def _escape(text: str) -> str:
    from xml.sax.saxutils import escape

    return escape(text)


def finish_docx_part(name: str, content: bytes, d: Deliverable) -> bytes:
    """Fill the header and footer fields; give the emblem its PNG for readers without SVG."""
    if re.fullmatch(r"word/(header|footer)\d*\.xml", name):
        values = {**docx_properties(d), "Title": d.title}
        return _fields.fill_docproperties(content, values)
    if name == "word/document.xml":
        # The emblem is the only SVG picture: pandoc writes it as an SVG blip with no
        # picture behind it, which LibreOffice and Word before 2016 cannot show.
        return content.replace(b"<a:blip>", f'<a:blip r:embed="{PNG_RELATIONSHIP}">'.encode())
    if name == "word/_rels/document.xml.rels":
        rel = (
            f'<Relationship Id="{PNG_RELATIONSHIP}" Type="http://schemas.openxmlformats.org/'
            f'officeDocument/2006/relationships/image" Target="media/{EMBLEM_PNG}" />'
        )
        return content.replace(b"</Relationships>", rel.encode() + b"</Relationships>")
    if name == "[Content_Types].xml" and b'Extension="png"' not in content:
        png = '<Default Extension="png" ContentType="image/png" />'
        return content.replace(b"</Types>", png.encode() + b"</Types>")
    return content


def docx_captions(document: Any, blocks: list[AST]) -> list[AST]:
    """Return the chapters' blocks with Word captions: SEQ numbers in bookmarks, REF links.

    A figure's caption becomes two paragraphs, "Figure N. Title." (which the List of
    Figures lists) and the registry's caption; a table's is "Table N. Title.".
    """
    figures = {f.number: f for f in document.figures()}
    tables = {t.number: t for t in document.tables()}
    out: list[AST] = json.loads(json.dumps(blocks))
    for node in walk(out):
        ident = node["c"][0][0] if node.get("t") in ("Figure", "Table") else ""
        if node.get("t") == "Figure" and ident.startswith("figure-"):
            figure = figures[int(ident.split("-")[1])]
            node["c"][1] = [
                None,
                [
                    _label("Figure", figure.number, figure.title),
                    {"t": "Plain", "c": _words(figure.caption)},
                ],
            ]
        elif node.get("t") == "Table" and ident.startswith("table-"):
            table = tables[int(ident.split("-")[1])]
            node["c"][1] = [None, [_label("Table", table.number, table.title)]]
    for link in list(xrefs(out)):
        kind, number, _ = reference(link)
        link["t"] = "RawInline"
        link["c"] = ["openxml", _fields.ref_field(kind, number)]
    return out


def _label(kind: str, number: int, title: str) -> AST:
    return {
        "t": "Plain",
        "c": [
            {"t": "RawInline", "c": ["openxml", _fields.caption_label(kind, number)]},
            {"t": "Strong", "c": [{"t": "Str", "c": "."}, {"t": "Space"}, *_words(f"{title}.")]},
        ],
    }


def html_blocks(document: Any, version: str, links: list[tuple[str, str]]) -> list[AST]:
    """Return the HTML index page: the cover, the contents and the two lists."""
    d: Deliverable = document.deliverable
    statement = {"t": "Span", "c": [["", ["eu-funding-statement"], []], _words(d.statement)]}

    def listed(kind: str, items: list[tuple[int, str]], pages: dict[int, str]) -> AST:
        return {
            "t": "BulletList",
            "c": [
                [{"t": "Plain", "c": [_link(f"{pages[n]}#{kind.lower()}-{n}", _words(text))]}]
                for n, text in items
            ],
        }

    figure_pages = {
        f.number: f"{c.stem}.html"
        for c in document.chapters
        for f in c.blocks
        if type(f).__name__ == "Figure"
    }
    table_pages = {
        t.number: f"{c.stem}.html"
        for c in document.chapters
        for t in c.blocks
        if type(t).__name__ == "Table"
    }
    return [
        # The emblem with the statement beside it: a figure whose caption is the statement,
        # so the picture and its words stay one unit for a screen reader too.
        {
            "t": "Figure",
            "c": [
                ["eu-funding", ["eu-funding"], []],
                [None, [{"t": "Plain", "c": [statement]}]],
                [{"t": "Plain", "c": [_emblem_image()]}],
            ],
        },
        {"t": "Header", "c": [1, ["title", [], []], _words(d.title)]},
        {"t": "Para", "c": _words(d.subtitle)},
        *_tables(d, slice(0, 3)),
        {"t": "Header", "c": [2, ["about", [], []], _words("About this document")]},
        {"t": "Para", "c": _words(about(version))},
        *_tables(d, slice(3, 4)),
        {
            "t": "Div",
            "c": [["disclaimer", ["disclaimer"], []], [{"t": "Para", "c": _words(d.disclaimer)}]],
        },
        {"t": "Header", "c": [2, ["contents", [], []], _words("Contents")]},
        {
            "t": "OrderedList",
            "c": [
                [1, {"t": "Decimal"}, {"t": "Period"}],
                [[{"t": "Plain", "c": [_link(href, _words(text))]}] for text, href in links],
            ],
        },
        {"t": "Header", "c": [2, ["list-of-figures", [], []], _words("List of Figures")]},
        listed("Figure", caption_entries(document, "Figure"), figure_pages),
        {"t": "Header", "c": [2, ["list-of-tables", [], []], _words("List of Tables")]},
        listed("Table", caption_entries(document, "Table"), table_pages),
    ]


def _link(url: str, inlines: list[AST]) -> AST:
    return {"t": "Link", "c": [["", [], []], inlines, [url, ""]]}


def html_css(d: Deliverable) -> str:
    """Return the cover's CSS: the statement in Ubuntu, its glyphs embedded as a subset."""
    from fontTools import subset  # type: ignore[import-untyped]

    options = subset.Options()
    options.name_IDs = ["*"]  # keep the name table: it carries the font's copyright
    options.notdef_outline = True
    font = subset.load_font(str(FONTS / "Ubuntu-R.ttf"), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=d.statement)
    subsetter.subset(font)
    raw = io.BytesIO()
    font.save(raw)
    data = base64.b64encode(raw.getvalue()).decode("ascii")
    return (
        "@font-face { font-family: 'Ubuntu EU statement'; font-style: normal; "
        f"font-weight: 400; src: url(data:font/ttf;base64,{data}) format('truetype'); }}\n"
        "figure.eu-funding { display: flex; align-items: center; gap: 0.6em; margin: 0 0 2em; }\n"
        "figure.eu-funding figcaption { font-size: 1em; }\n"
        ".eu-funding-statement { font-family: 'Ubuntu EU statement', Arial, Verdana, Tahoma, "
        "sans-serif; font-style: normal; font-weight: 400; text-decoration: none; "
        "font-size: 1.05em; }\n"
        ".disclaimer { font-size: 0.92em; border-top: 1px solid #ccc; margin-top: 2em; }\n"
    )


# --- Typst -------------------------------------------------------------------------------


def _s(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _typst_table(caption: str, columns: list[str], rows: list[list[str]]) -> str:
    header = ", ".join(f"[#{_s(c)}]" for c in columns)
    cells = ", ".join(f"[#{_s(v)}]" for row in rows for v in row)
    return (
        f"#figure(kind: table, caption: [#strong({_s(caption)})], table(columns: {len(columns)}, "
        f"align: left, table.header({header}), {cells}))\n"
    )


def typst_front(document: Any, version: str) -> str:
    """Return the PDF's cover, inside cover, contents and lists, and the running header."""
    d: Deliverable = document.deliverable
    tables = cover_tables(d)
    lists = []
    for kind, title in (("Figure", "List of Figures"), ("Table", "List of Tables")):
        entries = caption_entries(document, kind)
        lines = (
            "".join(f"#listed(<{kind.lower()}-{n}>, {_s(text)})\n" for n, text in entries)
            or f"No {kind.lower()}s.\n"
        )
        lists.append(
            f"#heading(level: 1, outlined: false, bookmarked: true)[#{_s(title)}]\n{lines}"
        )
    header = f"{d.identifier} \u00b7 {d.short_title}"
    return (
        "#let listed(target, body) = block(spacing: 0.55em, link(target, text(fill: black)[#body "
        "#box(width: 1fr, repeat[.#h(0.3em)]) #context counter(page).at(target).first()]))\n"
        "#page(numbering: none)[\n"
        "  #show figure: set align(left)\n"
        "  #grid(columns: (auto, 1fr), column-gutter: 0.45cm, align: horizon,\n"
        f'    image("{EMBLEM_SVG}", height: {EMBLEM_HEIGHT_CM:g}cm, alt: {_s(_emblem.ALT)}),\n'
        f'    text(font: "Ubuntu", size: 11pt, style: "normal")[#{_s(d.statement)}])\n'
        "  #v(2.5cm)\n"
        '  #set text(font: "Ubuntu")\n'
        f"  #title[#{_s(d.title)}]\n"
        "  #v(0.4cm)\n"
        f"  #text(size: 14pt)[#{_s(d.subtitle)}]\n"
        "  #v(1.2cm)\n"
        "  #set text(size: 9.5pt)\n"
        + "".join("  " + _typst_table(*table) for table in tables[:3])
        + "]\n"
        "#page(numbering: none)[\n"
        "  #show figure: set align(left)\n"
        '  #set text(font: "Ubuntu", size: 10pt)\n'
        "  #strong[About this document]\n\n"
        f"  #{_s(about(version))}\n"
        "  #v(0.6cm)\n"
        "  #set text(size: 9.5pt)\n"
        f"  {_typst_table(*tables[3])}"
        "  #v(1fr)\n"
        f"  #{_s(d.disclaimer)}\n"
        "]\n"
        '#set page(numbering: "1", number-align: center, header: align(right, '
        f'text(font: "Ubuntu", size: 8.5pt, fill: luma(80))[#{_s(header)}]))\n'
        "#counter(page).update(1)\n"
        "#heading(level: 1, outlined: false, bookmarked: true)[Contents]\n"
        "#outline(title: none, depth: 2)\n"
        "#v(1em)\n" + "#v(1em)\n".join(lists)
    )
