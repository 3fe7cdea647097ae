"""The .docx against the rules of Word's Accessibility Checker (tests/docx_a11y.py).

The session's build must pass every rule; copies of it broken in one way each show that
every rule can fail. A team's template keeps our structure and brings its own colours: a
.docx made with a template whose styles are below contrast is written, with one warning
per style, as `ecove-data report` prints it on stderr.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import docx_a11y
import pytest
from report_build import DISCUSSION, DOCX, built_report

from ecove_data.report._contrast import low_contrast_styles
from ecove_data.report._docx import rewrite_docx
from ecove_data.report._reference import make_reference

pytestmark = [pytest.mark.slow, pytest.mark.a11y]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory)


def test_the_built_docx_passes_every_rule(out: Path) -> None:
    failures = docx_a11y.check(out / DOCX)
    assert failures == [], docx_a11y.summary(failures)


def test_the_package_reference_styles_warn_of_nothing(out: Path) -> None:
    assert low_contrast_styles((out / DOCX).read_bytes()) == []


# --- each rule fails on a copy broken in its way ------------------------------------------


def _once(pattern: str, replacement: str) -> Callable[[str], str]:
    def change(xml: str) -> str:
        changed, count = re.subn(pattern, replacement, xml, count=1, flags=re.S)
        assert count == 1, pattern
        return changed

    return change


def _blank_second_row(xml: str) -> str:
    table = re.search(r"<w:tbl>.*?</w:tbl>", xml, re.S)
    assert table
    rows = re.findall(r"<w:tr>.*?</w:tr>", table.group(0), re.S)
    blank = re.sub(r"(<w:t[^>]*>)[^<]*(</w:t>)", r"\1\2", rows[1])
    return xml.replace(rows[1], blank, 1)


DOCUMENT = "word/document.xml"
BROKEN: dict[str, tuple[str, Callable[[str], str], str]] = {
    "a picture without alt text": (DOCUMENT, _once(r'descr="[^"]*"', 'descr=""'), "alt-text"),
    "alt text that is a file name": (
        DOCUMENT, _once(r'descr="[^"]*"', 'descr="figure-3.png"'), "alt-text"
    ),
    "a header row not marked": (DOCUMENT, _once(r'<w:tblHeader w:val="on" />', ""), "table-header"),
    "merged cells": (
        DOCUMENT, _once(r"<w:tcPr />", '<w:tcPr><w:gridSpan w:val="2" /></w:tcPr>'), "table-layout"
    ),
    "a blank row": (DOCUMENT, _blank_second_row, "table-layout"),
    "a skipped heading level": (
        DOCUMENT,
        _once(r'<w:pStyle w:val="Heading2" />', '<w:pStyle w:val="Heading3" />'),
        "headings",
    ),
    "no title": ("docProps/core.xml", _once(r"<dc:title>[^<]*</dc:title>", ""), "title"),
    "no language": ("word/styles.xml", _once(r"(<w:rPrDefault>.*?)<w:lang [^>]*/>", r"\1"),
                    "language"),
    "a link whose text is its address": (
        DOCUMENT,
        _once(r'(<w:hyperlink r:id="[^"]+">.*?<w:t[^>]*>)[^<]*(</w:t>)', r"\1https://ec.europa.eu/x\2"),
        "links",
    ),
    "a link that says click here": (
        DOCUMENT,
        _once(r'(<w:hyperlink r:id="[^"]+">.*?<w:t[^>]*>)[^<]*(</w:t>)', r"\1click here\2"),
        "links",
    ),
    "a light grey run": (
        DOCUMENT,
        _once(r"<w:r><w:t", '<w:r><w:rPr><w:color w:val="999999" /></w:rPr><w:t'),
        "contrast",
    ),
    "a pale link style": (
        "word/styles.xml",
        _once(r'<w:color w:val="0B5394"\s*/>', '<w:color w:val="7FA7D1"/>'),
        "contrast",
    ),
}  # fmt: skip


@pytest.mark.parametrize("broken", BROKEN, ids=lambda name: name.replace(" ", "-"))
def test_each_rule_fails_on_a_docx_broken_its_way(out: Path, broken: str, tmp_path: Path) -> None:
    part, change, rule = BROKEN[broken]

    def edit(name: str, content: bytes) -> bytes:
        return change(content.decode("utf-8")).encode("utf-8") if name == part else content

    target = tmp_path / DOCX
    target.write_bytes(rewrite_docx((out / DOCX).read_bytes(), edit))
    failures = docx_a11y.check(target)
    assert set(docx_a11y.by_rule(failures)) == {rule}, docx_a11y.summary(failures)


def test_a_picture_marked_decorative_needs_no_alt_text(out: Path, tmp_path: Path) -> None:
    decorative = (
        '<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
        '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative"'
        ' val="1"/></a:ext></a:extLst>'
    )
    mark = _once(r'descr="[^"]*"([^>]*?) />', rf'descr=""\1>{decorative}</wp:docPr>')

    def edit(name: str, content: bytes) -> bytes:
        return mark(content.decode("utf-8")).encode("utf-8") if name == DOCUMENT else content

    target = tmp_path / DOCX
    target.write_bytes(rewrite_docx((out / DOCX).read_bytes(), edit))
    assert docx_a11y.check(target) == []


# --- a team template: our structure, its colours ----------------------------------------


def test_a_template_below_contrast_is_warned_of_not_refused(
    executed_notebook, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The .docx of a chapter with a team's template: the warning `ecove-data report` prints."""
    import docx

    from ecove_data import report
    from ecove_data.report import _document, _notebooks, _writers

    template = make_reference(tmp_path / "team.docx")
    ours = docx.Document(str(template))
    ours.styles["Heading 2"].font.color.rgb = docx.shared.RGBColor(0xA0, 0xA0, 0xA0)
    ours.styles["Hyperlink"].font.color.rgb = docx.shared.RGBColor(0x5B, 0x9B, 0xD5)
    ours.save(str(template))
    # The context chapter (figures, tables, links), executed once per run for all its tests.
    path = next(p for p in DISCUSSION if p.stem.startswith("04_"))
    chapter = _notebooks.read(path.stem, executed_notebook(path))
    _notebooks.number([chapter])
    images = {}
    for block in chapter.blocks:
        if isinstance(block, _notebooks.Figure):
            images[block.number] = f"figure-{block.number}.png"
            (tmp_path / images[block.number]).write_bytes(block.png)
    document = _document.make_document([chapter], images)
    with report._template_warnings():
        data = _writers.write_docx(document, tmp_path, template)
    assert capsys.readouterr().err.splitlines() == [
        f"ecove-data: warning: the Word template {template}: style 'Heading 2' colours its "
        "text #A0A0A0 on #FFFFFF at 2.61:1, below the 3:1 WCAG 2.1 asks for text of its size "
        "(1.4.3); readers with low vision may not read it. Its colours are the template's "
        "to choose; a darker colour would read.",
        f"ecove-data: warning: the Word template {template}: style 'Hyperlink' colours its "
        "text #5B9BD5 on #FFFFFF at 2.96:1, below the 4.5:1 WCAG 2.1 asks for text of its "
        "size (1.4.3); readers with low vision may not read it. Its colours are the "
        "template's to choose; a darker colour would read.",
    ]
    # The structure is ours whatever the template: only the template's colours fail.
    built = tmp_path / DOCX
    built.write_bytes(data)
    failures = docx_a11y.check(built)
    assert set(docx_a11y.by_rule(failures)) == {"contrast"}, docx_a11y.summary(failures)
    assert {f.problem.split(" is ")[0] for f in failures} == {
        "#A0A0A0 on #FFFFFF",
        "#5B9BD5 on #FFFFFF",
    }
    # With the template as shipped, no warning and no failure.
    with report._template_warnings():
        built.write_bytes(
            _writers.write_docx(document, tmp_path, make_reference(tmp_path / "t.docx"))
        )
    assert capsys.readouterr().err == ""
    assert docx_a11y.check(built) == []
