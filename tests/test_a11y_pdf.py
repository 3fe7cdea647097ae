"""The PDF against the machine-checkable rules of PDF/UA-1 (tests/pdfua.py).

The Typst PDF of the session's build must pass every rule. So that the rules are known to
fail, the same checker reads a PDF made without tags (LibreOffice's export of the .docx,
tagging off) and copies of the Typst PDF each broken in one way.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pdfua
import pikepdf
import pytest
from report_build import DOCX, PDF, built_report

pytestmark = [pytest.mark.slow, pytest.mark.a11y]


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory)


def test_the_typst_pdf_passes_every_rule(out: Path) -> None:
    failures = pdfua.check(out / PDF)
    assert failures == [], pdfua.summary(failures)


@pytest.fixture(scope="module")
def untagged_pdf(out: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip(
            "soffice is not installed (Debian package libreoffice-writer-nogui); .ci/run "
            "installs it, so CI runs this test"
        )
    folder = tmp_path_factory.mktemp("untagged")
    options = '{"UseTaggedPDF":{"type":"boolean","value":"false"}}'
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{folder / 'profile'}",
            "--headless",
            "--convert-to",
            f"pdf:writer_pdf_Export:{options}",
            "--outdir",
            str(folder),
            str(out / DOCX),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return folder / PDF


def test_a_pdf_without_tags_fails_the_same_checks(untagged_pdf: Path) -> None:
    with pikepdf.open(untagged_pdf) as pdf:
        assert "/StructTreeRoot" not in pdf.Root, "LibreOffice tagged it after all"
    failures = pdfua.check(untagged_pdf)
    failed = pdfua.by_rule(failures)
    # What a file without tags cannot pass, whoever wrote it. (Its language, title display
    # and embedded fonts are LibreOffice's to get right or not, so they are not asserted.)
    expected = {
        "tagged", "role-map", "title", "pdfua-id", "content-tagged", "figures", "tables",
        "headings", "artifacts", "links", "reading-order",
    }  # fmt: skip
    assert expected <= set(failed), pdfua.summary(failures)
    messages: dict[str, str] = {}
    for failure in failures:
        messages.setdefault(failure.rule, failure.problem)
    assert messages["tagged"] == "not marked as tagged (/Marked is not true)"
    assert messages["figures"] == "no structure tree, so nothing says which content is what"
    footers = [f for f in failures if f.rule == "artifacts"]
    assert len(footers) >= 10, "every page's number is running content, none an artifact"
    assert all("is untagged content, not an artifact" in f.problem for f in footers)
    links = [f.problem for f in failures if f.rule == "links"]
    assert "not in the structure tree (no structure tree)" in links


# --- each rule fails on a copy of the Typst PDF broken in its way ------------------------


def _elements(pdf: pikepdf.Pdf, role: str) -> list[pikepdf.Dictionary]:
    return [e.obj for e in pdfua.Structure(pdf).elements if e.type == role]


def _no_alt(pdf: pikepdf.Pdf) -> None:
    del _elements(pdf, "Figure")[0]["/Alt"]


def _no_lang(pdf: pikepdf.Pdf) -> None:
    del pdf.Root["/Lang"]


def _bad_lang(pdf: pikepdf.Pdf) -> None:
    pdf.Root.Lang = pikepdf.String("English (UK)")


def _file_name_shown(pdf: pikepdf.Pdf) -> None:
    pdf.Root.ViewerPreferences.DisplayDocTitle = False


def _no_title(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        del xmp["dc:title"]


def _no_pdfua_id(pdf: pikepdf.Pdf) -> None:
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        del xmp["pdfuaid:part"]


def _not_marked(pdf: pikepdf.Pdf) -> None:
    pdf.Root.MarkInfo.Marked = False


def _unmapped_type(pdf: pikepdf.Pdf) -> None:
    _elements(pdf, "P")[0].S = pikepdf.Name("/Paragraph")


def _th_without_scope(pdf: pikepdf.Pdf) -> None:
    _elements(pdf, "TH")[0].A = pikepdf.Array([pikepdf.Dictionary(O=pikepdf.Name("/Table"))])


def _no_header_cells(pdf: pikepdf.Pdf) -> None:
    for cell in _elements(pdf, "TH"):
        cell.S = pikepdf.Name("/TD")


def _skipped_heading(pdf: pikepdf.Pdf) -> None:
    _elements(pdf, "H2")[0].S = pikepdf.Name("/H3")


def _footer_as_content(pdf: pikepdf.Pdf) -> None:
    footer = rb"/Artifact<<[^>]*/Subtype/Footer[^>]*>>BDC"
    for page in pdf.pages:
        data = page.Contents.read_bytes()
        page.Contents.write(re.sub(footer, b"/Span BMC", data))


def _link_without_contents(pdf: pikepdf.Pdf) -> None:
    for page in pdf.pages:
        for annotation in page.get("/Annots", []):
            del annotation["/Contents"]
            return


def _link_as_span(pdf: pikepdf.Pdf) -> None:
    _elements(pdf, "Link")[0].S = pikepdf.Name("/Span")


def _font_not_embedded(pdf: pikepdf.Pdf) -> None:
    font = next(iter(pdf.pages[2].Resources.Font.values()))
    descriptor = font.DescendantFonts[0].FontDescriptor
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        if key in descriptor:
            del descriptor[key]


def _pages_out_of_order(pdf: pikepdf.Pdf) -> None:
    document = pdf.Root.StructTreeRoot.K
    document = document[0] if isinstance(document, pikepdf.Array) else document
    kids = document.K
    early, late = kids[5], kids[len(kids) - 5]
    kids[5], kids[len(kids) - 5] = late, early


BROKEN: dict[str, tuple[Callable[[pikepdf.Pdf], None], str]] = {
    "no alt text": (_no_alt, "figures"),
    "no /Lang": (_no_lang, "lang"),
    "a /Lang that is no language tag": (_bad_lang, "lang"),
    "the file name shown": (_file_name_shown, "display-doc-title"),
    "no dc:title": (_no_title, "title"),
    "no PDF/UA identifier": (_no_pdfua_id, "pdfua-id"),
    "not marked": (_not_marked, "tagged"),
    "an unmapped type": (_unmapped_type, "role-map"),
    "a TH without scope": (_th_without_scope, "tables"),
    "no TH": (_no_header_cells, "tables"),
    "a skipped heading level": (_skipped_heading, "headings"),
    "page numbers as content": (_footer_as_content, "artifacts"),
    "a link without /Contents": (_link_without_contents, "links"),
    "a link annotation in a Span": (_link_as_span, "links"),
    "a font not embedded": (_font_not_embedded, "fonts"),
    "pages read out of order": (_pages_out_of_order, "reading-order"),
}


@pytest.mark.parametrize("broken", BROKEN, ids=lambda name: name.replace(" ", "-"))
def test_each_rule_fails_on_a_pdf_broken_its_way(out: Path, broken: str) -> None:
    change, rule = BROKEN[broken]
    with pikepdf.open(out / PDF) as pdf:
        change(pdf)
        failures = pdfua.check(pdf)
    assert rule in pdfua.by_rule(failures), pdfua.summary(failures)
    # Only the rule broken, and the content rule where the change also untagged content.
    assert set(pdfua.by_rule(failures)) <= {rule, "content-tagged"}, pdfua.summary(failures)
