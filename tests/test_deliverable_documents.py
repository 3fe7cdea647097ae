"""The deliverable's cover, captions, references, lists and running header, in every format.

A synthetic chapter (prose that refers to a figure and a table, one figure, one table, as a
kernel leaves them; see test_report.py) is written once per format by the same
writers `make report` uses, and the tests read the files: the Word XML, the PDF's text,
outline, structure tree and drawing, the HTML. The emblem is measured from the SVG the
documents embed.
"""

from __future__ import annotations

import base64
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import nbformat
import pytest
from conftest import ROOT
from emblem_geometry import measure_emblem
from lxml import etree

import ecove_data
from ecove_data import figures
from ecove_data.report import _cover, _crossref, _document, _notebooks, _writers
from ecove_data.report._deliverable import load_deliverable
from ecove_data.report._reference import make_reference

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "svg": "http://www.w3.org/2000/svg",
}
SVG_BLIP = "{http://schemas.microsoft.com/office/drawing/2016/SVG/main}svgBlip"
DELIVERABLE = load_deliverable(ROOT / "notebooks" / "deliverable.toml")
TABLE_TITLE = "Three key figures"
PROSE = (
    "# What is asked?\n\nSome prose, line 44. As [the chart of the countries]"
    "(#figure-call_2021_countries) shows, and [the table](#table-three-key-figures) lists."
)


def _recorded_outputs(*calls: Any) -> list[nbformat.NotebookNode]:
    """What figures.show displays for each call, as a kernel records it."""
    import IPython.display

    shown: list[tuple[dict, dict]] = []

    def record(obj, raw: bool = False, metadata: dict | None = None, **_: object) -> None:
        if raw:
            shown.append((obj, metadata or {}))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(IPython.display, "display", record)
        for call in calls:
            call()
    return [nbformat.v4.new_output("display_data", data=d, metadata=m) for d, m in shown]


def _notebook(prose: str = PROSE) -> nbformat.NotebookNode:
    outputs = _recorded_outputs(
        lambda: figures.show(figures.call_2021_countries()),
        lambda: figures.show(
            ecove_data.load("key_figures")[["label", "value", "line"]].head(3), TABLE_TITLE
        ),
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(prose),
        nbformat.v4.new_code_cell("figures.show(...)", outputs=outputs),
        nbformat.v4.new_markdown_cell(
            "## What it means for ECoVEM\n\nSee [Figure](#figure-call_2021_countries)."
        ),
    ]
    return nb


def _make(work: Path, deliverable=DELIVERABLE, prose: str = PROSE):
    chapter = _notebooks.read("01_x", _notebook(prose))
    _notebooks.number([chapter])
    figure = chapter.blocks[1]
    (work / "figure-1.png").write_bytes(figure.png)
    (work / "figure-1.svg").write_text(figure.svg, encoding="utf-8")
    return _document.make_document([chapter], {1: "figure-1.png"}, deliverable=deliverable)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    work = tmp_path_factory.mktemp("deliverable")
    document = _make(work)
    return {
        "document": document,
        "docx": _writers.write_docx(document, work),
        "pdf": _writers.write_pdf(document, work, {1: "figure-1.svg"}),
        "html": _writers.write_html(document, work),
    }


def _member(docx: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(docx)) as zipped:
        return zipped.read(name)


def _body(docx: bytes) -> etree._Element:
    return etree.fromstring(_member(docx, "word/document.xml")).find("w:body", NS)


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{W}}}t"))


def _style(paragraph: etree._Element) -> str:
    style = paragraph.find("w:pPr/w:pStyle", NS)
    return style.get(f"{{{W}}}val") if style is not None else ""


def _instructions(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{{{W}}}instrText"))


# --- the emblem, measured --------------------------------------------------------------------


def test_the_docx_embeds_the_emblem_as_svg_with_a_png_for_other_readers(built) -> None:
    docx = built["docx"]
    body = _body(docx)
    first = body.find("w:p", NS)
    assert _style(first) == "EUFundingStatement"
    drawing = first.find(".//wp:inline", NS)
    assert drawing.find("wp:docPr", NS).get("descr") == "European Union emblem"
    extent = drawing.find("wp:extent", NS)
    assert int(extent.get("cy")) / 360_000 == pytest.approx(1.5, abs=0.01)  # cm, >= 1
    assert int(extent.get("cx")) / int(extent.get("cy")) == pytest.approx(1.5, abs=0.001)
    blip = drawing.find(".//a:blip", NS)
    rels = etree.fromstring(_member(docx, "word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    svg_target = targets[blip.find(f".//{SVG_BLIP}").get(f"{{{NS['r']}}}embed")]
    png_target = targets[blip.get(f"{{{NS['r']}}}embed")]
    measure_emblem(_member(docx, f"word/{svg_target}"))
    png = _member(docx, f"word/{png_target}")
    assert png.startswith(b"\x89PNG")
    assert b'Extension="png"' in _member(docx, "[Content_Types].xml")
    # Not merged with other graphics: the emblem is its own picture, the statement text.
    assert len(first.findall(".//wp:inline", NS)) == 1
    assert _text(first).strip() == DELIVERABLE.statement


def test_the_html_and_pdf_embed_the_same_emblem(built) -> None:
    index = built["html"]["index.html"].decode("utf-8")
    image = re.search(r"<img [^>]*>", index).group(0)
    assert 'alt="European Union emblem"' in image
    data = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', image).group(1)
    measure_emblem(base64.b64decode(data))
    import pikepdf

    with pikepdf.open(io.BytesIO(built["pdf"])) as pdf:
        fills = set()
        for operands, operator in pikepdf.parse_content_stream(pdf.pages[0]):
            if str(operator) in ("rg", "sc", "scn") and len(operands) == 3:
                fills.add(tuple(round(float(v), 3) for v in operands))
    assert (0.0, 0.2, 0.6) in fills, "Reflex Blue #003399"
    assert (1.0, 0.8, 0.0) in fills, "Yellow #FFCC00"


# --- the cover ---------------------------------------------------------------------------------


def _docx_tables(body: etree._Element) -> list[list[list[str]]]:
    return [
        [[_text(cell) for cell in row.findall("w:tc", NS)] for row in table.findall("w:tr", NS)]
        for table in body.iter(f"{{{W}}}tbl")
    ]


def test_the_docx_cover_holds_the_identity_history_and_disclaimer(built) -> None:
    body = _body(built["docx"])
    paragraphs = [(_style(p), _text(p)) for p in body.iter(f"{{{W}}}p")]
    styles = [s for s, _ in paragraphs]
    assert paragraphs[1] == ("Title", DELIVERABLE.title)
    assert paragraphs[2] == ("Subtitle", DELIVERABLE.subtitle)
    tables = _docx_tables(body)
    project, deliverable, authors, history = tables[:4]
    assert project == [
        ["Acronym", "Full name", "Project number", "Programme"],
        [
            "ECoVEM",
            "European Centre of Vocational Excellence in Microelectronics",
            "620101-EPP-1-2020-1-BG-EPPKA3-VET-COVE",
            "Erasmus+ 2014-2020",
        ],
    ]
    assert deliverable[0] == [
        "Work package",
        "Number",
        "Dissemination level",
        "Lead partner",
        "Version",
        "Date",
    ]
    assert deliverable[1][2] == "PU (Public)" and deliverable[1][4:] == ["0.1", "2026-12-01"]
    assert authors == [["Author", "Organisation"], ["ECoVEM project team", "ECoVEM consortium"]]
    assert history[0] == ["Version", "Date", "Author", "Change"]
    assert history[1:] == [
        [r.version, r.date.isoformat(), r.author, r.change] for r in DELIVERABLE.history
    ]
    for table in body.iter(f"{{{W}}}tbl"):
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None, "a header row"
    disclaimer = [t for s, t in paragraphs if s == "Disclaimer"]
    assert disclaimer == [DELIVERABLE.disclaimer]
    assert styles.index("Disclaimer") < styles.index("TOCHeading") < styles.index("Heading1")
    statement_run = body.find("w:p", NS).findall(".//w:r", NS)[-1]
    fonts = statement_run.find("w:rPr/w:rFonts", NS)
    assert fonts.get(f"{{{W}}}ascii") == "Arial", "an allowed typeface, whatever the template"
    assert statement_run.find("w:rPr/w:i", NS).get(f"{{{W}}}val") == "0"
    assert statement_run.find("w:rPr/w:u", NS).get(f"{{{W}}}val") == "none"


def test_the_pdf_cover_and_inside_cover(built) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(built["pdf"]))
    # A long number may break after a hyphen at the end of a cell's line.
    cover = re.sub(r"-\s+", "-", " ".join(reader.pages[0].extract_text().split()))
    assert cover.startswith(DELIVERABLE.statement)
    for text in (
        DELIVERABLE.title,
        DELIVERABLE.subtitle,
        DELIVERABLE.project_number,
        "PU (Public)",
        "ECoVEM consortium",
    ):
        assert " ".join(text.split()) in cover, text
    inside = " ".join(reader.pages[1].extract_text().split())
    assert "Document history" in inside and DELIVERABLE.history[0].change in inside
    assert " ".join(DELIVERABLE.disclaimer.split()) in inside
    fonts = {
        str(f.get_object()["/BaseFont"]) for f in (reader.pages[0]["/Resources"]["/Font"]).values()
    }
    assert any(name.endswith("+Ubuntu") for name in fonts), fonts
    alts = {}
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                alts[str(node["/Alt"])] = str(node.get("/S"))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            stack.extend(node)
    assert alts["European Union emblem"] == "/Figure", "the emblem is a tagged Figure"


def test_the_html_cover(built) -> None:
    index = built["html"]["index.html"].decode("utf-8")
    flat = " ".join(re.sub(r"<[^>]+>", " ", index).split())
    assert f'<span class="eu-funding-statement">{DELIVERABLE.statement}</span>' in index
    assert "font-family: 'Ubuntu EU statement'" in index
    assert re.search(r"src: url\(data:font/ttf;base64,[A-Za-z0-9+/=]{200,}\)", index)
    assert DELIVERABLE.disclaimer in flat
    assert index.count("<th") >= 4 + 4 + 2 + 4, "header cells in the four tables"
    for caption in ("Project", "Deliverable", "Authors", "Document history"):
        assert re.search(rf"<caption><strong>{caption}</strong></caption>", index)
    headings = re.findall(r"<h([1-6])", index)
    assert headings[0] == "1" and all(int(h) <= 2 for h in headings[1:])
    assert (
        '<a href="01_x.html#figure-1">Figure 1. Countries of the 2021 call: EU and non-EU.</a>'
        in index
    )
    assert f'<a href="01_x.html#table-1">Table 1. {TABLE_TITLE}.</a>' in index


# --- captions, references and lists in Word -----------------------------------------------------


def _bookmarks(body: etree._Element) -> dict[str, str]:
    """Each bookmark's name and the text between its start and end."""
    found: dict[str, str] = {}
    open_: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for element in body.iter(f"{{{W}}}bookmarkStart", f"{{{W}}}bookmarkEnd", f"{{{W}}}t"):
        tag = etree.QName(element).localname
        if tag == "bookmarkStart":
            names[element.get(f"{{{W}}}id")] = element.get(f"{{{W}}}name")
            open_[element.get(f"{{{W}}}id")] = []
        elif tag == "bookmarkEnd":
            ident = element.get(f"{{{W}}}id")
            if ident in open_:
                found[names[ident]] = "".join(open_.pop(ident))
        else:
            for words in open_.values():
                words.append(element.text or "")
    return found


def test_captions_are_word_captions_numbered_by_seq_fields_in_bookmarks(built) -> None:
    body = _body(built["docx"])
    bookmarks = _bookmarks(body)
    assert bookmarks["_RefFigure1"] == "Figure 1"
    assert bookmarks["_RefTable1"] == "Table 1"
    captions = [p for p in body.iter(f"{{{W}}}p") if "SEQ " in _instructions(p)]
    assert [(_style(p), _instructions(p).strip()) for p in captions] == [
        ("ImageCaption", "SEQ Figure \\* ARABIC"),
        ("TableCaption", "SEQ Table \\* ARABIC"),
    ]
    figure = figures.REGISTRY["call_2021_countries"]
    assert _text(captions[0]) == f"Figure 1. {figure.title}."
    following = captions[0].getnext()
    assert (_style(following), _text(following)) == ("ImageCaption", figure.caption)
    assert _text(captions[1]) == f"Table 1. {TABLE_TITLE}."
    styles = etree.fromstring(_member(built["docx"], "word/styles.xml"))
    for style_id in ("ImageCaption", "TableCaption"):
        style = styles.find(f"w:style[@w:styleId='{style_id}']", NS)
        assert style.find("w:basedOn", NS).get(f"{{{W}}}val") == "Caption"


def test_references_in_the_prose_are_ref_fields_to_the_caption_bookmarks(built) -> None:
    body = _body(built["docx"])
    prose = next(p for p in body.iter(f"{{{W}}}p") if "Some prose" in _text(p))
    assert _text(prose) == "Some prose, line 44. As Figure 1 shows, and Table 1 lists."
    assert _instructions(prose).split() == ["REF", "_RefFigure1", "\\h", "REF", "_RefTable1", "\\h"]
    assert "the chart of the countries" not in _text(body)


def test_the_lists_of_figures_and_tables_follow_the_contents_prefilled(built) -> None:
    body = _body(built["docx"])
    paragraphs = list(body.iter(f"{{{W}}}p"))
    instructions = [" ".join(_instructions(p).split()) for p in paragraphs]
    contents = next(i for i, text in enumerate(instructions) if text.startswith("TOC \\o"))
    lof = instructions.index('TOC \\h \\z \\c "Figure"')
    lot = instructions.index('TOC \\h \\z \\c "Table"')
    first_chapter = next(i for i, p in enumerate(paragraphs) if _style(p) == "Heading1")
    assert contents < lof < lot < first_chapter
    assert [_text(p) for p in paragraphs[lof - 1 : lof + 1]] == [
        "List of Figures",
        "Figure 1. Countries of the 2021 call: EU and non-EU.",
    ]
    assert _text(paragraphs[lot]) == f"Table 1. {TABLE_TITLE}."
    bookmarks = _bookmarks(body)
    for index in (lof, lot):
        anchor = paragraphs[index].find("w:hyperlink", NS).get(f"{{{W}}}anchor")
        assert anchor in bookmarks


def test_the_running_header_shows_the_deliverable_and_the_cover_has_none(built) -> None:
    docx = built["docx"]
    body = _body(docx)
    section = body.find("w:sectPr", NS)
    assert section.find("w:titlePg", NS) is not None
    rels = etree.fromstring(_member(docx, "word/_rels/document.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    rid = f"{{{NS['r']}}}id"
    headers = {}
    for ref in section.findall("w:headerReference", NS):
        part = _member(docx, "word/" + targets[ref.get(rid)])
        headers[ref.get(f"{{{W}}}type")] = etree.fromstring(part)
    assert _text(headers["default"]) == f"ECoVEM draft \u00b7 {DELIVERABLE.short_title}"
    assert " ".join(_instructions(headers["default"]).split()) == (
        'DOCPROPERTY Project DOCPROPERTY Deliverable DOCPROPERTY "Short title"'
    )
    assert _text(headers["first"]) == ""
    custom = _member(docx, "docProps/custom.xml").decode("utf-8")
    assert 'name="Deliverable"><vt:lpwstr>draft</vt:lpwstr>' in custom
    assert 'name="Short title"><vt:lpwstr>The conference report and ECoVEM</vt:lpwstr>' in custom
    footers = [_member(docx, f"word/{t}") for t in targets.values() if t.startswith("footer")]
    assert any(b"PAGE" in footer for footer in footers), "page numbers"


def test_a_team_template_keeps_its_header_with_its_fields_filled(tmp_path: Path) -> None:
    import docx

    from ecove_data.report import _reference

    template = tmp_path / "ours.docx"
    make_reference(template)
    ours = docx.Document(str(template))
    header = ours.sections[0].header
    for paragraph in header.paragraphs:
        paragraph.clear()
    paragraph = header.paragraphs[0]
    paragraph.add_run("Our consortium \u2013 version ")
    _reference._field_runs(paragraph, "DOCPROPERTY Version \\* MERGEFORMAT", "x.y")
    ours.save(str(template))
    work = tmp_path / "work"
    work.mkdir()
    document = _make(work)
    data = _writers.write_docx(document, work, template)
    result = docx.Document(io.BytesIO(data))
    assert result.sections[0].header.paragraphs[0].text == "Our consortium \u2013 version 0.1"


def test_the_pdf_has_the_lists_links_header_and_an_outline(built) -> None:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(built["pdf"]))
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert outline == ["Contents", "List of Figures", "List of Tables", "What is asked?", "Sources"]
    lists = " ".join(reader.pages[2].extract_text().split())
    assert "List of Figures Figure 1. Countries of the 2021 call: EU and non-EU." in lists
    assert f"List of Tables Table 1. {TABLE_TITLE}." in lists
    chapter = " ".join(reader.pages[3].extract_text().split())
    assert chapter.startswith(f"ECoVEM draft \u00b7 {DELIVERABLE.short_title}")
    assert "As Figure 1 shows, and Table 1 lists." in chapter
    # The references are links inside the document, not to the web.
    links = [a.get_object() for a in reader.pages[3].get("/Annots", [])]
    internal = [a for a in links if "/Dest" in a or a.get("/A", {}).get("/S") == "/GoTo"]
    assert len(internal) >= 2


def test_html_references_link_to_the_figure_and_table(built) -> None:
    page = built["html"]["01_x.html"].decode("utf-8")
    assert re.search(r'<a href="#figure-1"[^>]*>Figure 1</a> shows', page)
    assert re.search(r'<a href="#table-1"[^>]*>Table 1</a> lists', page)
    assert 'id="figure-1"' in page and 'id="table-1"' in page


def test_a_link_to_a_figure_not_shown_is_named_with_the_closest(tmp_path: Path) -> None:
    with pytest.raises(_crossref.CrossReferenceError) as caught:
        _make(tmp_path, prose="# Q?\n\nSee [it](#figure-call_2021_countrie).")
    assert str(caught.value) == (
        "01_x.ipynb: the link to #figure-call_2021_countrie names no figure the documents "
        "show, so no document was written. Did you mean #figure-call_2021_countries? Figures "
        "shown: #figure-call_2021_countries"
    )
    with pytest.raises(_crossref.CrossReferenceError, match="#table-three-key-figures"):
        _make(tmp_path, prose="# Q?\n\nSee [it](#table-three).")


def test_another_deliverable_changes_every_format(tmp_path: Path) -> None:
    text = (ROOT / "notebooks" / "deliverable.toml").read_text(encoding="utf-8")
    text = text.replace('period = "2014-2020"', 'period = "2021-2027"')
    text = text.replace(
        'title = "What the conference', 'title = "Another look at what the conference'
    )
    path = tmp_path / "other.toml"
    path.write_text(text, encoding="utf-8")
    other = load_deliverable(path)
    document = _make(tmp_path, deliverable=other)
    docx = _writers.write_docx(document, tmp_path)
    pdf = _writers.write_pdf(document, tmp_path, {1: "figure-1.svg"})
    html = _writers.write_html(document, tmp_path)
    body_text = _text(_body(docx))
    from pypdf import PdfReader

    pdf_text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages[:2])
    index = html["index.html"].decode("utf-8")
    for text_of in (body_text, " ".join(pdf_text.split()), index):
        assert "Co-funded by the European Union" in text_of
        assert "Erasmus+ Programme of the European Union" not in text_of
        assert "European Education and Culture Executive Agency (EACEA)" in text_of
        assert "Another look at what the conference" in text_of
    assert b"<dc:title>Another look" in _member(docx, "docProps/core.xml")


def test_the_html_subset_font_and_the_emblem_are_the_same_each_build(tmp_path: Path) -> None:
    assert _cover.html_css(DELIVERABLE) == _cover.html_css(DELIVERABLE)
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    _cover.write_emblem(first)
    _cover.write_emblem(second)
    for name in (_cover.EMBLEM_SVG, _cover.EMBLEM_PNG):
        assert (first / name).read_bytes() == (second / name).read_bytes()
