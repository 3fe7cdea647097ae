"""The deliverable documents read as their readers and checkers read them.

One build per session (the command `make report` runs) gives the .docx, the PDF and the
HTML pages; the tests open the files themselves: the Word XML, the PDF's structure tree,
the HTML, LibreOffice's conversion and pdftotext. Two more builds prove that the bytes
repeat and that a corrected copy of the data changes every format.
"""

from __future__ import annotations

import html
import io
import itertools
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from report_build import (
    DISCUSSION,
    DOCX,
    PDF,
    build_log,
    built_report,
    expected_figures,
    expected_tables,
    questions,
    run_build,
)

from ecove_data import figures
from ecove_data.report._deliverable import load_deliverable

pytestmark = pytest.mark.slow

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "dc": "http://purl.org/dc/elements/1.1/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dcterms": "http://purl.org/dc/terms/",
}
EMU_PER_CM = 360_000
_DELIVERABLE = load_deliverable(ROOT / "notebooks" / "deliverable.toml")
RUNNING_HEADER = f"{_DELIVERABLE.identifier} \u00b7 {_DELIVERABLE.short_title}"
COVER_TABLES = 4  # project, deliverable, authors, history: before the chapters' tables
KEY_NUMBERS = ["84", "1741", "55", "27", "28", "20.7", "700 000", "7 billion", "500"]
NOT_FOR_READERS = ["figures.show(", "import ecove_data", "Traceback", "<Figure size", "dtype:"]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory)


def _xml(docx: Path, member: str) -> etree._Element:
    with zipfile.ZipFile(docx) as zipped:
        return etree.fromstring(zipped.read(member))


def _paragraphs(body: etree._Element) -> list[tuple[str, str]]:
    """(style, text) of every paragraph, in order."""
    found = []
    for p in body.iter(f"{{{W}}}p"):
        style = p.find("w:pPr/w:pStyle", NS)
        text = "".join(t.text or "" for t in p.iter(f"{{{W}}}t"))
        found.append((style.get(f"{{{W}}}val") if style is not None else "", text))
    return found


def _flat(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _caption(n: int, name: str) -> str:
    spec = figures.REGISTRY[name]
    return f"Figure {n}. {spec.title}. {spec.caption}"


# --- the Word document -----------------------------------------------------------------


def test_every_format_is_written(out: Path) -> None:
    assert (out / DOCX).stat().st_size > 50_000
    assert (out / PDF).read_bytes().startswith(b"%PDF-")
    pages = sorted(p.name for p in (out / "html").iterdir())
    assert pages == sorted(["index.html", "sources.html", *(f"{p.stem}.html" for p in DISCUSSION)])


def test_docx_properties_title_language_and_no_dates(out: Path) -> None:
    core = _xml(out / DOCX, "docProps/core.xml")
    assert core.findtext("dc:title", namespaces=NS).startswith("What the conference report")
    assert core.findtext("dc:language", namespaces=NS) == "en-GB"
    assert core.find("dcterms:created", NS) is None and core.find("dcterms:modified", NS) is None
    styles = _xml(out / DOCX, "word/styles.xml")
    langs = {el.get(f"{{{W}}}val") for el in styles.iterfind(".//w:rPrDefault//w:lang", NS)}
    assert langs == {"en-GB"}
    with zipfile.ZipFile(out / DOCX) as zipped:
        assert {info.date_time for info in zipped.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_docx_title_page_then_a_toc_field_then_the_chapters(out: Path) -> None:
    body = _xml(out / DOCX, "word/document.xml")
    paragraphs = _paragraphs(body)
    styles = [style for style, _ in paragraphs]
    # The emblem with the funding statement, then the title and subtitle.
    assert styles[:3] == ["EUFundingStatement", "Title", "Subtitle"]
    about = " ".join(text for style, text in paragraphs if style == "Abstract")
    assert "ecove-data, version 0.1.0" in about
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b|\d\d:\d\d", about), "no build date or time"
    instructions = " ".join(t.text for t in body.iter(f"{{{W}}}instrText"))
    assert re.search(r"TOC \\o", instructions), "a real Word TOC field"
    toc = [text for style, text in paragraphs if style in ("TOC1", "TOC2")]
    assert toc[0] == questions()[0], "the contents list the chapters before Word updates it"
    settings = _xml(out / DOCX, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(f"{{{W}}}val") == "true"
    first_chapter = styles.index("Heading1")
    assert styles.index("TOCHeading") < first_chapter


def test_docx_headings_in_order_one_chapter_per_notebook(out: Path) -> None:
    paragraphs = _paragraphs(_xml(out / DOCX, "word/document.xml"))
    levels = [(int(s[7:]), t) for s, t in paragraphs if re.fullmatch(r"Heading\d", s)]
    assert levels[0][0] == 1
    for (before, _), (after, text) in itertools.pairwise(levels):
        assert after <= before + 1, f"skipped a level at {text!r}"
    chapters = [text for level, text in levels if level == 1]
    assert chapters == [*questions(), "Sources"]
    closing = [text for level, text in levels if text == "What it means for ECoVEM"]
    assert len(closing) == len(DISCUSSION)


def test_docx_has_no_code_and_holds_the_key_numbers(out: Path) -> None:
    text = _flat(" ".join(t for _, t in _paragraphs(_xml(out / DOCX, "word/document.xml"))))
    for leftover in NOT_FOR_READERS:
        assert leftover not in text
    for number in KEY_NUMBERS:
        assert re.search(rf"(?<![\d.]){re.escape(number)}(?![\d])", text), number


def test_docx_figures_numbered_captioned_at_designed_width_with_alt_text(out: Path) -> None:
    body = _xml(out / DOCX, "word/document.xml")
    expected = expected_figures()
    # The first picture is the EU emblem on the cover.
    emblem, *drawings = body.iter(f"{{{NS['wp']}}}inline")
    assert emblem.find("wp:docPr", NS).get("descr") == "European Union emblem"
    assert len(drawings) == len(expected) > 0
    # Each caption is "Figure N. Title." (numbered by a SEQ field), then the registry's caption.
    parts = [t for s, t in _paragraphs(body) if s == "ImageCaption"]
    assert len(parts) == 2 * len(expected)
    captions = [f"{label} {text}" for label, text in zip(parts[::2], parts[1::2], strict=True)]
    for n, ((_, name), drawing, caption) in enumerate(
        zip(expected, drawings, captions, strict=True), start=1
    ):
        descr = drawing.find("wp:docPr", NS).get("descr")
        assert descr == figures.alt_text(name), name
        assert _flat(caption) == _flat(_caption(n, name))
        width_cm = int(drawing.find("wp:extent", NS).get("cx")) / EMU_PER_CM
        designed = figures.draw(name).get_size_inches()[0] * 2.54
        assert width_cm == pytest.approx(designed, abs=0.05), name
        assert designed in (pytest.approx(16, abs=0.01), pytest.approx(8, abs=0.01))


def test_docx_tables_are_native_numbered_with_repeating_header_rows(out: Path) -> None:
    body = _xml(out / DOCX, "word/document.xml")
    tables = body.findall(".//w:tbl", NS)[COVER_TABLES:]
    assert len(tables) == len(expected_tables()) > 0
    captions = [t for s, t in _paragraphs(body) if s == "TableCaption"][COVER_TABLES:]
    assert [c.split(".")[0] for c in captions] == [f"Table {n}" for n in range(1, len(tables) + 1)]
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(row.find("w:trPr/w:tblHeader", NS) is None for row in rows[1:])
    first = [
        ["".join(t.text for t in cell.iter(f"{{{W}}}t")) for cell in row.findall("w:tc", NS)]
        for row in tables[0].findall("w:tr", NS)
    ]
    assert first[0] == ["Label", "Value", "Qualifier", "Report line"]
    assert first[2][1:] == ["1741", "exact", "44"]


def test_docx_sources_list_the_report_lines_and_each_public_source_once(out: Path) -> None:
    body = _xml(out / DOCX, "word/document.xml")
    paragraphs = _paragraphs(body)
    start = paragraphs.index(("Heading1", "Sources"))
    sources = " ".join(text for _, text in paragraphs[start:])
    lines = re.search(r"come from its lines ([\d, ]+)\.", sources)
    assert lines, sources[:300]
    numbers = [int(n) for n in lines.group(1).split(", ")]
    assert numbers == sorted(set(numbers))
    assert {44, 45, 23} <= set(numbers)  # the 2021 call's lines and the Pact's members
    rels = _xml(out / DOCX, "word/_rels/document.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels}
    hyperlinks = body.findall(".//w:hyperlink", NS)
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    split = _index_of_sources(body, hyperlinks)
    before = [targets[h.get(rid)] for h in hyperlinks[:split] if h.get(rid)]
    after = [targets[h.get(rid)] for h in hyperlinks[split:] if h.get(rid)]
    cited = {url for url in before if url.startswith("http")}
    listed = [url for url in after if url.startswith("http")]
    assert len(listed) == len(set(listed)), "each source once"
    assert cited <= set(listed), cited - set(listed)
    assert len(listed) >= 10


def _index_of_sources(body: etree._Element, hyperlinks: list[etree._Element]) -> int:
    """Position of the first hyperlink after the Sources heading."""
    seen_heading, count = False, 0
    for element in body.iter(f"{{{W}}}p", f"{{{W}}}hyperlink"):
        if element.tag == f"{{{W}}}hyperlink":
            if seen_heading:
                return count
            count += 1
        elif (
            element.find("w:pPr/w:pStyle", NS) is not None
            and element.find("w:pPr/w:pStyle", NS).get(f"{{{W}}}val") == "Heading1"
            and "".join(t.text or "" for t in element.iter(f"{{{W}}}t")) == "Sources"
        ):
            seen_heading = True
    raise AssertionError("no hyperlink after the Sources heading")


# --- the PDF ------------------------------------------------------------------------------


def test_pdf_is_a4_tagged_titled_with_embedded_fonts_and_alt_text(out: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(out / PDF)
    assert reader.metadata.title.startswith("What the conference report")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    for page in reader.pages:
        assert [round(float(v)) for v in page.mediabox] == [0, 0, 595, 842]
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            if descriptor is not None:
                descriptor = descriptor.get_object()
                assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts.add(str(descriptor["/FontName"]))
    assert fonts
    alts = _pdf_alt_texts(reader)
    for _, name in expected_figures():
        assert figures.alt_text(name) in alts, name
    # Figures are vector graphics: the SVG's paths, no 300 dpi picture of the chart.
    assert not any("/XObject" in p["/Resources"] for p in reader.pages[4:6])


def _pdf_alt_texts(reader) -> set[str]:
    seen: set[str] = set()
    stack = [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, dict):
            if "/Alt" in node:
                seen.add(str(node["/Alt"]))
            kids = node.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
        elif isinstance(node, list):
            stack.extend(node)
    return seen


# --- the HTML pages -----------------------------------------------------------------------


@pytest.mark.parametrize("path", DISCUSSION, ids=lambda p: p.stem)
def test_html_page_without_code_with_alt_text_and_captions(out: Path, path: Path) -> None:
    page = (out / "html" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert '<html xmlns="http://www.w3.org/1999/xhtml" lang="en-GB"' in page
    numbered = list(enumerate(expected_figures(), start=1))
    mine = [(n, name) for n, (stem, name) in numbered if stem == path.stem]
    images = re.findall(
        r"<figure[^>]*>\s*<img ([^>]*)>\s*<figcaption>(.*?)</figcaption>", page, re.S
    )
    assert len(images) == len(mine) > 0
    for (n, name), (attributes, caption) in zip(mine, images, strict=True):
        alt = re.search(r'alt="([^"]*)"', attributes).group(1)
        assert html.unescape(alt) == figures.alt_text(name)
        assert 'src="data:image/png;base64,' in attributes
        text = _flat(html.unescape(re.sub(r"<[^>]+>", "", caption)))
        assert text == _flat(_caption(n, name))
    for leftover in NOT_FOR_READERS:
        assert html.escape(leftover) not in page and leftover not in page
    assert "What it means for ECoVEM" in page
    assert "<th" in page or path.stem == "01_cove_call_2021"


# --- a real client: LibreOffice, pdftotext, pdftoppm -------------------------------------


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(
            f"{name} is not installed (Debian package {package}); .ci/run installs it, so CI "
            "runs this test"
        )
    return found


@pytest.fixture(scope="module")
def libreoffice_pdf(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = _tool("soffice", "libreoffice-writer-nogui")
    folder = tmp_path_factory.mktemp("libreoffice")
    profile = folder / "profile"
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(out / DOCX),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    converted = folder / PDF
    assert done.returncode == 0, done.stderr
    assert "Error" not in done.stderr, done.stderr
    assert converted.is_file(), done.stdout + done.stderr
    return converted


def _pdftotext(pdf: Path) -> str:
    tool = _tool("pdftotext", "poppler-utils")
    done = subprocess.run([tool, "-layout", str(pdf), "-"], capture_output=True, check=True)
    # Page numbers and the running header are left out, so a caption that runs onto the
    # next page reads whole.
    lines = done.stdout.decode("utf-8").splitlines()
    return _flat(
        " ".join(
            line
            for line in lines
            if not re.fullmatch(r"\s*\d+\s*", line) and line.strip() != RUNNING_HEADER
        )
    )


def _pdf(which: str, out: Path, request: pytest.FixtureRequest) -> Path:
    """The PDF that Typst writes, or LibreOffice's export of the .docx."""
    return out / PDF if which == "typst" else request.getfixturevalue("libreoffice_pdf")


# Characters of a one-word cell that may break at its hyphens (about _ast.LONG_EM).
LONG_WORD = 16


@pytest.mark.parametrize("which", ["typst", "libreoffice"])
def test_no_word_of_a_table_is_broken_inside_its_cell(
    which: str, out: Path, request: pytest.FixtureRequest
) -> None:
    # Every table's words, the cover's included, read whole in the PDF's text: a column too
    # narrow for its longest word would break it ("Acrony" above "m", "2026-12-" above "01").
    pdf = _pdf(which, out, request)
    text = _pdftotext(pdf)
    broken = set()
    for cell in _xml(out / DOCX, "word/document.xml").iter(f"{{{W}}}tc"):
        for paragraph in cell.iter(f"{{{W}}}p"):
            words = "".join(t.text or "" for t in paragraph.iter(f"{{{W}}}t"))
            for word in (found := words.split()):
                # A cell of one short word (a date, "Acronym") holds it whole; in a longer
                # text, or a long word, a line may end after a hyphen, as typesetters do.
                whole = len(found) == 1 and len(word) <= LONG_WORD
                parts = [word] if whole else re.split(r"(?<=-)", word)
                broken |= {part for part in parts if len(part) > 1 and _flat(part) not in text}
    assert not broken, f"{which}: words broken inside their cells: {sorted(broken)}"


@pytest.mark.parametrize("which", ["typst", "libreoffice"])
def test_pdf_text_holds_every_caption_and_the_key_numbers(
    which: str, out: Path, request: pytest.FixtureRequest
) -> None:
    pdf = _pdf(which, out, request)
    text = _pdftotext(pdf)
    for n, (_, name) in enumerate(expected_figures(), start=1):
        assert _flat(_caption(n, name)) in text, f"{which}: caption of figure {n} ({name})"
    for n in range(1, len(expected_tables()) + 1):
        assert f"Table {n}." in text
    # The cover, the funding statement, the disclaimer and both lists, every caption listed.
    d = _DELIVERABLE
    for words in (d.statement, d.title, d.disclaimer, d.project_number, "Document history"):
        assert _flat(words) in re.sub(r"(?<=-)\s+", "", text), f"{which}: {words[:40]}"
    lists = text[
        text.index("List of Figures") : text.index(questions()[0], text.index("List of Tables"))
    ]
    for n, (_, name) in enumerate(expected_figures(), start=1):
        assert f"Figure {n}. {figures.REGISTRY[name].title}." in lists, f"{which}: list, {n}"
    assert lists.count("Table ") >= len(expected_tables())
    for number in KEY_NUMBERS:
        assert number in text, f"{which}: {number}"
    # A long path may break at its hyphens at the end of a line.
    assert "Sources" in text and "coves-conference-report.txt" in re.sub(r"(?<=-)\s+", "", text)


@pytest.mark.parametrize("which", ["typst", "libreoffice"])
def test_pages_render(which: str, out: Path, tmp_path: Path, request) -> None:
    pdf = _pdf(which, out, request)
    tool = _tool("pdftoppm", "poppler-utils")
    subprocess.run(
        [tool, "-r", "40", "-png", "-f", "1", "-l", "3", str(pdf), str(tmp_path / "page")],
        check=True,
        timeout=120,
    )
    pngs = sorted(tmp_path.glob("page-*.png"))
    assert len(pngs) == 3
    assert all(p.stat().st_size > 2_000 for p in pngs)


# --- the same bytes twice; a correction everywhere ----------------------------------------


def test_a_second_build_gives_the_same_bytes(out: Path, tmp_path: Path) -> None:
    # --force: the notebooks and every pandoc run again and every format is written again,
    # so the bytes repeat because the build is reproducible, not because a cache served them.
    again = run_build(tmp_path / "again", "--force")
    # Into a new folder without --force: every format is written, from the notebooks and
    # the pandoc runs the builds before kept (the chapters' prose, the HTML pages).
    reused = run_build(tmp_path / "reused")
    for other in (again, reused):
        assert (other / DOCX).read_bytes() == (out / DOCX).read_bytes()
        assert (other / PDF).read_bytes() == (out / PDF).read_bytes()
        for page in (out / "html").iterdir():
            assert (other / "html" / page.name).read_bytes() == page.read_bytes(), page.name


def _docx_text(path: Path) -> tuple[str, list[str], list[list[str]]]:
    body = _xml(path, "word/document.xml")
    text = _flat(" ".join(t for _, t in _paragraphs(body)))
    alts = [el.get("descr") for el in body.iter(f"{{{NS['wp']}}}docPr")]
    first = body.findall(".//w:tbl", NS)[COVER_TABLES]
    rows = [
        ["".join(t.text for t in cell.iter(f"{{{W}}}t")) for cell in row.findall("w:tc", NS)]
        for row in first.findall("w:tr", NS)
    ]
    return text, alts, rows


@pytest.fixture(scope="module")
def corrected(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A corrected copy of the data and its build: one build for the tests of corrections.

    Two corrections, each with its report line, CSV rows, quotes and (for the name) the
    descriptor's entry: the EU / non-EU split swapped (27 + 28 becomes 28 + 27), and the
    first workshop renamed with every character that markup readers take for markup.
    """
    folder = tmp_path_factory.mktemp("corrected")
    data = _renamed_workshop_copy(folder)
    report = data / "raw" / "coves-conference-report.txt"
    report.write_text(
        report.read_text(encoding="utf-8").replace("(27 EU + 28 non-EU)", "(28 EU + 27 non-EU)"),
        encoding="utf-8",
    )
    table = data / "key_figures.csv"
    text = table.read_text(encoding="utf-8")
    for old, new in [
        ("55 countries (27 EU + 28 non-EU)", "55 countries (28 EU + 27 non-EU)"),
        (",27,count,exact,27 EU,", ",28,count,exact,28 EU,"),
        (",28,count,exact,28 non-EU,", ",27,count,exact,27 non-EU,"),
    ]:
        assert old in text
        text = text.replace(old, new, 1)
    table.write_text(text, encoding="utf-8")
    rehash = subprocess.run(
        [sys.executable, "-m", "ecove_data", "--data-dir", str(data), "rehash"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "key_figures" in rehash.stdout
    log = build_log(folder / "out", env={"ECOVE_DATA_DIR": str(data)})
    # A corrected value runs every notebook again: each may read it.
    assert f"executed {len(DISCUSSION)} of {len(DISCUSSION)} notebooks" in log
    return data, folder / "out"


def test_a_corrected_copy_of_the_data_changes_every_format(
    out: Path, corrected: tuple[Path, Path]
) -> None:
    _, corrected = corrected
    prose_before, prose_after = "27 are in the EU and 28 are not", "28 are in the EU and 27 are not"
    alt_before, alt_after = "27 EU countries and 28 non-EU countries", "28 EU countries and 27"
    caption = _flat(_caption(2, "call_2021_countries"))
    for path, prose, alt, eu_row in [
        (out / DOCX, prose_before, alt_before, "27"),
        (corrected / DOCX, prose_after, alt_after, "28"),
    ]:
        text, alts, rows = _docx_text(path)
        assert prose in text and caption in text
        assert any(alt in a for a in alts)
        assert rows[4][:2] == ["EU countries among them", eu_row]
    for folder, prose, alt in [
        (out, prose_before, alt_before),
        (corrected, prose_after, alt_after),
    ]:
        page = html.unescape((folder / "html" / "01_cove_call_2021.html").read_text("utf-8"))
        assert prose in _flat(re.sub(r"<[^>]+>", "", page)) and alt in page
        assert caption in _flat(re.sub(r"<[^>]+>", "", page))
        from pypdf import PdfReader

        reader = PdfReader(folder / PDF)
        assert any(alt in a for a in _pdf_alt_texts(reader))
        # After the cover, the inside cover, the contents and the lists.
        pdf_text = _flat(" ".join(p.extract_text() for p in reader.pages[:8]))
        assert prose in pdf_text


def test_docx_is_a_zip_word_opens(out: Path) -> None:
    with zipfile.ZipFile(io.BytesIO((out / DOCX).read_bytes())) as zipped:
        assert zipped.testzip() is None
        names = zipped.namelist()
    assert "[Content_Types].xml" in names and "word/document.xml" in names


# --- text from the data reaches every format exactly as typed -----------------------------

# Every character Markdown, HTML, Typst or matplotlib's mathtext would read as markup.
MARKUP_NAME = "Learner’s *mobility* schemes_v2 <b>R&D</b> #1 @peer [1] $a+b$ C:\\temp"  # noqa: RUF001


def _renamed_workshop_copy(folder: Path) -> Path:
    """A corrected copy whose first workshop is MARKUP_NAME: report, CSV, quote, descriptor."""
    import json

    from ecove_data._descriptor import refresh_hashes

    data = folder / "data"
    shutil.copytree(ROOT / "data", data)
    old = "Learner’s mobility schemes"  # noqa: RUF001
    report = data / "raw" / "coves-conference-report.txt"
    report.chmod(0o644)
    text = report.read_text(encoding="utf-8")
    assert text.count(f"- {old}") == 1
    report.write_text(text.replace(f"- {old}", f"- {MARKUP_NAME}"), encoding="utf-8")
    table = data / "workshops.csv"
    rows = table.read_text(encoding="utf-8")
    assert rows.count(f"1,{old},,{old},67") == 1
    quoted = '"' + MARKUP_NAME.replace('"', '""') + '"'
    table.write_text(rows.replace(f"1,{old},,{old},67", f"1,{quoted},,{quoted},67"), "utf-8")
    descriptor = data / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    workshops = next(res for res in raw["resources"] if res["name"] == "workshops")
    field = next(f for f in workshops["schema"]["fields"] if f["name"] == "workshop")
    field["constraints"]["enum"][0] = MARKUP_NAME
    descriptor.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    refresh_hashes(data)
    return data


def test_text_with_markup_characters_reaches_every_format_as_typed(
    corrected: tuple[Path, Path],
) -> None:
    import ecove_data

    data, built = corrected
    workshops = ecove_data.load("workshops", data_dir=data)
    assert workshops["workshop"].iloc[0] == MARKUP_NAME
    alt = figures.alt_text("day2_workshops", workshops=workshops)
    assert MARKUP_NAME in alt

    body = _xml(built / DOCX, "word/document.xml")
    paragraphs = [text for _, text in _paragraphs(body)]
    assert sum(MARKUP_NAME in text for text in paragraphs) >= 2, "the prose names it twice"
    assert any(el.get("descr") == alt for el in body.iter(f"{{{NS['wp']}}}docPr"))

    page = (built / "html" / "02_event_themes.html").read_text(encoding="utf-8")
    assert "<b>R" not in page, "no element made from the data"
    shown = html.unescape(re.sub(r"<[^>]+>", "", page))
    assert shown.count(MARKUP_NAME) >= 2
    assert f'alt="{html.escape(alt, quote=True)}"' in page

    pdf_text = _pdftotext(built / PDF)
    assert pdf_text.count(_flat(MARKUP_NAME)) >= 2

    # The chart draws it as text, never as math or markup.
    fig = figures.day2_workshops(workshops=workshops)
    labels = [
        t
        for ax in fig.axes
        for t in [*ax.get_yticklabels(), *ax.texts]
        if MARKUP_NAME in t.get_text().replace("\n", " ")
    ]
    assert labels and not any(t.get_parse_math() for t in labels)


# --- the reader's language -----------------------------------------------------------------


def _identifiers() -> set[str]:
    """Every name of the data package a reader should never meet: tables, columns, coded
    values and indicators written as snake_case identifiers."""
    import json

    raw = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names: set[str] = set()
    fields = [f for res in raw["resources"] for f in res.get("schema", {}).get("fields", [])]
    fields += raw["derived"]["schema"]["fields"]
    names |= {res["name"] for res in raw["resources"]} | {f["name"] for f in fields}
    for f in fields:
        names |= {str(v) for v in f.get("constraints", {}).get("enum", [])}
    names |= {i["indicator_id"] for i in raw["derived"]["indicators"]}
    return {name for name in names if re.fullmatch(r"[a-z0-9]+(?:_[a-z0-9]+)+", name)}


def _html_text(folder: Path) -> str:
    pages = []
    for page in sorted((folder / "html").iterdir()):
        text = re.sub(r"<(style|script)\b.*?</\1>", " ", page.read_text("utf-8"), flags=re.S)
        pages.append(html.unescape(re.sub(r"<[^>]+>", " ", text)))
    return "\n".join(pages)


def _coded_values() -> dict[str, str]:
    """Coded values whose words differ, as the descriptor's categories give them."""
    from ecove_data._descriptor import read_package

    return {
        value: label
        for res in read_package().tables
        for field in res.fields
        for value, label in field.category_labels.items()
        if value != label
    }


def test_readers_meet_words_not_the_data_packages_identifiers(out: Path) -> None:
    identifiers = _identifiers()
    assert {"key_figures", "people_per_year", "more_than", "context_event"} <= identifiers
    texts = {
        "docx": " ".join(text for _, text in _paragraphs(_xml(out / DOCX, "word/document.xml"))),
        "pdf": _pdftotext(out / PDF),
        "html": _html_text(out),
    }
    for fmt, text in texts.items():
        found = sorted(
            name for name in identifiers if re.search(rf"(?<![\w-]){name}(?![\w-])", text)
        )
        assert found == [], f"{fmt} shows {found}"


def test_table_cells_give_units_and_qualifiers_in_words(out: Path) -> None:
    coded = _coded_values()
    assert coded["people_per_year"] == "people a year" and coded["more_than"] == "more than"
    body = _xml(out / DOCX, "word/document.xml")
    cells = [
        "".join(t.text or "" for t in cell.iter(f"{{{W}}}t")) for cell in body.iter(f"{{{W}}}tc")
    ]
    assert not [cell for cell in cells if cell in coded], "a coded value in a .docx cell"
    page = (out / "html" / "03_pact_for_skills.html").read_text("utf-8")
    html_cells = [html.unescape(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", page, re.S)]
    assert not [cell for cell in html_cells if cell in coded]
    for words in ("%", "people a year", "euros"):
        assert words in cells and words in html_cells


def test_numbers_do_not_break_across_lines(out: Path) -> None:
    body = _xml(out / DOCX, "word/document.xml")
    # Each run of text on its own (a space between two cells is no space of a number).
    pieces = {
        "docx": [t.text or "" for t in body.iter(f"{{{W}}}t")],
        "html": [
            html.unescape(piece)
            for page in (out / "html").iterdir()
            for piece in re.split(r"<[^>]+>", page.read_text("utf-8"))
        ],
    }
    for fmt, texts in pieces.items():
        assert any("700\u00a0000" in text for text in texts), fmt
        # A number of 10 000 or more is written with no-break spaces between its groups.
        broken = [m for t in texts for m in re.findall(r"(?<![\d.])\d{1,3}(?: \d{3})+(?!\d)", t)]
        assert broken == [], f"{fmt}: {broken}"


@pytest.mark.parametrize("which", ["typst", "libreoffice"])
def test_no_table_text_runs_out_of_its_cell(
    which: str, out: Path, request: pytest.FixtureRequest
) -> None:
    from pdf_layout import crossings

    pdf = _pdf(which, out, request)
    assert [str(c) for c in crossings(pdf)] == []


def test_a_word_too_long_for_its_cell_is_found(tmp_path: Path) -> None:
    import typst
    from pdf_layout import crossings

    source = tmp_path / "narrow.typ"
    source.write_text(
        "#set page(width: 10cm, height: 4cm)\n"
        "#table(columns: (2cm, 2cm), [people_per_year_and_more], [x], [a], [b])\n",
        encoding="utf-8",
    )
    (tmp_path / "narrow.pdf").write_bytes(typst.compile(str(source)))
    found = crossings(tmp_path / "narrow.pdf")
    assert [c.word for c in found] == ["people_per_year_and_more"] * 2


def test_prose_refers_to_figures_and_tables_by_their_numbers(out: Path) -> None:
    numbers = {name: n for n, (_, name) in enumerate(expected_figures(), start=1)}
    text = _flat(" ".join(t for _, t in _paragraphs(_xml(out / DOCX, "word/document.xml"))))
    assert f"The split in Figure {numbers['call_2021_countries']} counts countries" in text
    assert f"So Figure {numbers['activities']} shows positions" in text
    assert f"drawn dashed in Figure {numbers['automotive_coalition']}:" in text
    assert re.search(rf"arithmetic \(Table \d+, Figure {numbers['cove_calls_over_time']}\)", text)
    instructions = " ".join(
        t.text or "" for t in _xml(out / DOCX, "word/document.xml").iter(f"{{{W}}}instrText")
    )
    assert f"REF _RefFigure{numbers['activities']} \\h" in instructions
