"""The HTML pages against axe-core in Chromium and the structure rules of tests/html_a11y.py.

Every page the session's build writes must give zero axe violations (WCAG 2.0 and 2.1 A
and AA, best practices) and pass the structure rules. A page written badly on purpose
shows that axe runs and reports, and that each structure rule can fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import html_a11y
import pytest
from report_build import DISCUSSION, built_report

pytestmark = [pytest.mark.slow, pytest.mark.a11y]

PAGES = ["index.html", *(f"{p.stem}.html" for p in DISCUSSION), "sources.html"]


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_report(tmp_path_factory) / "html"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not html_a11y.CHROMIUM.exists():
        pytest.skip("chromium not installed: apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(html_a11y.CHROMIUM), args=html_a11y.CHROMIUM_ARGS, headless=True
        )
        try:
            yield chromium
        finally:
            chromium.close()


def test_the_build_writes_the_pages_checked_here(html: Path) -> None:
    assert sorted(p.name for p in html.iterdir()) == sorted(PAGES)


@pytest.mark.parametrize("name", PAGES)
def test_axe_finds_no_violation(html: Path, browser: Any, name: str) -> None:
    violations = html_a11y.axe(browser, html / name)
    assert violations == [], html_a11y.axe_summary(violations)


@pytest.mark.parametrize("name", PAGES)
def test_the_page_passes_the_structure_rules(html: Path, name: str) -> None:
    failures = html_a11y.check((html / name).read_bytes(), name)
    assert failures == [], html_a11y.summary(failures)


BAD_PAGE = """<!DOCTYPE html>
<html><head><title></title></head><body>
<nav><a href="a.html">here</a> <a href="https://example.org/page">https://example.org/page</a></nav>
<nav><a href="b.html">here</a></nav>
<h2>Second level first</h2>
<p style="color: #aaaaaa">Pale text.</p>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A chart with no caption">
<figure><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt=""></figure>
<h4>Fourth level</h4><h1>Title</h1><h1>Another title</h1><h3></h3>
<table><tr><th>Year</th><td>2021</td></tr></table>
</body></html>
"""


def test_axe_reports_a_bad_page(browser: Any, tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text(BAD_PAGE, encoding="utf-8")
    found = {v["id"] for v in html_a11y.axe(browser, page)}
    expected = {
        "html-has-lang", "document-title", "image-alt", "color-contrast",
        "landmark-one-main", "region", "heading-order",
    }  # fmt: skip
    assert expected <= found, found


def test_each_structure_rule_fails_on_the_bad_page() -> None:
    failures = html_a11y.check(BAD_PAGE, "bad.html")
    problems = {(f.rule, f.problem) for f in failures}
    assert set(html_a11y.by_rule(failures)) == set(html_a11y.RULES), html_a11y.summary(failures)
    assert ("one-h1", "2 h1 elements, not one") in problems
    assert ("landmarks", "0 main landmarks, not one") in problems
    assert ("landmarks", "several nav landmarks, not all named (aria-label)") in problems
    assert ("headings", "the first heading is <h2> 'Second level first', not h1") in problems
    assert ("headings", "<h4> 'Fourth level' after h2: a level skipped") in problems
    assert ("headings", "an empty <h3>") in problems
    assert ("figures", "figure 1 has 0 figcaption, not one with text") in problems
    assert ("figures", "an image 'A chart with no caption' outside a figure") in problems
    assert ("tables", "table 1 has no caption") in problems
    assert ("tables", "table 1: 1 th without a scope") in problems
    assert ("links", "link to a.html: 'here' does not say where it goes") in problems
    assert (
        "links",
        "link to https://example.org/page: its text is a bare address, not where it goes",
    ) in problems
    assert ("links", "the text 'here' leads to 2 places") in problems
