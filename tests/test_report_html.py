"""`make report`: the notebooks' discussion as HTML pages that hold their charts as images.

The pages come from the session's one build by the command `make report` runs (see
report_build.py); this checks what a colleague without Python opens in a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from report_build import DISCUSSION, built_report

pytestmark = pytest.mark.slow

# pandoc writes src before alt; the alt text is what a screen reader reads out.
EMBEDDED_PNG = re.compile(r'<img [^>]*\bsrc="data:image/png;base64,[A-Za-z0-9+/=]{100,}"[^>]*>')
FIGURE_CALL = re.compile(r"\bfigures\.\w+\(\)")


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory) / "html"


@pytest.mark.parametrize("path", DISCUSSION, ids=lambda p: p.stem)
def test_html_holds_every_chart_as_an_image(path: Path, report: Path) -> None:
    html = (report / f"{path.stem}.html").read_text(encoding="utf-8")
    expected = len(FIGURE_CALL.findall(path.read_text(encoding="utf-8")))
    assert expected > 0
    images = EMBEDDED_PNG.findall(html)
    assert len(images) == expected
    assert all(re.search(r'\balt="[^"]{40,}"', image) for image in images)
    assert "No description has been provided for this image" not in html
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html
    assert "What it means for ECoVEM" in html


def test_one_page_per_notebook(report: Path) -> None:
    pages = sorted(p.name for p in report.iterdir())
    assert pages == sorted(["index.html", "sources.html", *(f"{p.stem}.html" for p in DISCUSSION)])


def test_every_page_is_one_file_that_links_to_nothing_of_the_build(report: Path) -> None:
    for page in report.iterdir():
        html = page.read_text(encoding="utf-8")
        assert "<style" in html, page.name
        assert not re.search(r'<link rel="stylesheet"|src="(?!data:)[^"]*"', html), page.name
        assert not re.search(r'\b(?:src|href)="/', html), page.name
