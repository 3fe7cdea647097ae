"""The HTML pages checked by axe-core in Chromium, and by the rules axe leaves to a reviewer.

axe-core (bundled by the ``axe-playwright-python`` wheel, so nothing is fetched at run
time) runs with the WCAG 2.0 and 2.1 A and AA rules and its best practices. Beyond what it
checks, :func:`check` reads a page's markup for the structure a screen reader navigates
by: one ``h1``, landmarks holding all content, headings that skip no level, figures with
``figcaption``, tables with ``caption`` and scoped header cells, and links whose text says
where they go. Every rule looks at every element of its kind, not at this project's pages.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import html as lxml_html

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RULES = {
    "title": "the page has a title",
    "lang": "the page says its language with a well-formed tag",
    "one-h1": "exactly one h1, inside main",
    "landmarks": "one main; every nav named when there are several; no content outside "
    "header, nav, main, aside or footer",
    "headings": "the first heading is h1, none skips a level, none is empty",
    "figures": "each figure has one figcaption with text and an image with alt text; "
    "an image with alt text outside a figure or link is not a figure",
    "tables": "each table has a caption and header cells, each with a scope",
    "links": "each link's text says where it goes: not empty, not a bare address, not "
    "'click here'; the same text never leads to two places",
}
LANDMARKS = {"header", "nav", "main", "aside", "footer"}
LANDMARK_ROLES = {"banner", "navigation", "main", "complementary", "contentinfo", "region"}
NOT_CONTENT = {"script", "style", "template", "noscript"}
BARE_ADDRESS = re.compile(r"\s*((https?|ftp)://|www\.|mailto:)\S*\s*", re.IGNORECASE)
GENERIC = re.compile(
    r"\s*(click here|here|link|this link|more|read more|this page|this|page|website)\W*",
    re.IGNORECASE,
)
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
SCOPES = {"col", "row", "colgroup", "rowgroup"}


@dataclass(frozen=True)
class Failure:
    """One broken rule: which, where, and what is wrong."""

    rule: str
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.rule} at {self.where}: {self.problem}"


def _text(element: Any) -> str:
    return " ".join(element.text_content().split())


def _name(element: Any) -> str:
    """What a screen reader says for an element: aria-label, else its text and images' alt."""
    label = element.get("aria-label")
    if label:
        return label.strip()
    parts = [_text(element), *(img.get("alt", "") for img in element.iter("img"))]
    return " ".join(part for part in parts if part).strip()


def check(page: str | bytes, name: str = "page") -> list[Failure]:
    """Every failure of one HTML page (its markup), rule by rule."""
    root = lxml_html.fromstring(page)
    failures: list[Failure] = []

    def fail(rule: str, problem: str) -> None:
        failures.append(Failure(rule, name, problem))

    title = root.find("head/title")
    if title is None or not _text(title):
        fail("title", "no <title>, or an empty one")
    lang = root.get("lang", "")
    if not LANGUAGE_TAG.fullmatch(lang):
        fail("lang", f"<html lang={lang!r}> is not a language tag")

    body = root.find("body")
    mains = root.findall(".//main") + root.xpath(".//*[@role='main']")
    h1s = root.findall(".//h1")
    if len(h1s) != 1:
        fail("one-h1", f"{len(h1s)} h1 elements, not one")
    if h1s and mains and not any(h1 in main.iter() for main in mains for h1 in h1s[:1]):
        fail("one-h1", "the h1 is outside main")

    if len(mains) != 1:
        fail("landmarks", f"{len(mains)} main landmarks, not one")
    navs = root.findall(".//nav")
    if len(navs) > 1 and not all(n.get("aria-label") or n.get("aria-labelledby") for n in navs):
        fail("landmarks", "several nav landmarks, not all named (aria-label)")
    for child in body if body is not None else []:
        if not isinstance(child.tag, str) or child.tag in NOT_CONTENT:
            continue
        if child.tag not in LANDMARKS and child.get("role") not in LANDMARK_ROLES:
            shown = _text(child)[:40]
            if shown or child.findall(".//img"):
                fail("landmarks", f"<{child.tag}> {shown!r} is outside every landmark")

    previous = 0
    for heading in root.xpath("//h1|//h2|//h3|//h4|//h5|//h6"):
        level = int(heading.tag[1])
        text = _name(heading)
        if not text:
            fail("headings", f"an empty <{heading.tag}>")
        if previous == 0 and level != 1:
            fail("headings", f"the first heading is <{heading.tag}> {text[:40]!r}, not h1")
        elif level > previous + 1 and previous:
            fail("headings", f"<{heading.tag}> {text[:40]!r} after h{previous}: a level skipped")
        previous = level

    for number, figure in enumerate(root.iter("figure"), start=1):
        captions = figure.findall("figcaption")
        if len(captions) != 1 or not _text(captions[0]):
            fail("figures", f"figure {number} has {len(captions)} figcaption, not one with text")
        images = list(figure.iter("img")) + list(figure.iter("svg"))
        named = [i for i in images if (i.get("alt") or i.get("aria-label") or "").strip()
                 or i.find("title") is not None]  # fmt: skip
        if not named:
            fail("figures", f"figure {number} holds no image with alt text")
    for image in root.iter("img"):
        if image.get("alt") is None:
            fail("figures", f"an image with no alt attribute ({(image.get('src') or '')[:30]})")
        elif image.get("alt", "").strip() and not any(
            a.tag in ("figure", "a", "button") for a in image.iterancestors()
        ):
            fail("figures", f"an image {image.get('alt', '')[:40]!r} outside a figure")

    for number, table in enumerate(root.iter("table"), start=1):
        caption = table.find("caption")
        if caption is None or not _text(caption):
            fail("tables", f"table {number} has no caption")
        headers = list(table.iter("th"))
        if not headers:
            fail("tables", f"table {number} has no header cell (th)")
        unscoped = [th for th in headers if th.get("scope") not in SCOPES]
        if unscoped:
            fail("tables", f"table {number}: {len(unscoped)} th without a scope")

    targets: dict[str, set[str]] = {}
    for link in root.iter("a"):
        href = link.get("href")
        if href is None:
            continue
        text = _name(link)
        where = f"link to {href[:50]}"
        if not text:
            fail("links", f"{where} has no text")
        elif BARE_ADDRESS.fullmatch(text):
            fail("links", f"{where}: its text is a bare address, not where it goes")
        elif GENERIC.fullmatch(text):
            fail("links", f"{where}: {text!r} does not say where it goes")
        targets.setdefault(text.casefold(), set()).add(href)
    for text, hrefs in targets.items():
        if text and len(hrefs) > 1:
            fail("links", f"the text {text[:40]!r} leads to {len(hrefs)} places")
    return failures


def by_rule(failures: Iterable[Failure]) -> dict[str, int]:
    """How many failures each rule has (rules with none left out)."""
    return dict(Counter(failure.rule for failure in failures))


def summary(failures: list[Failure], limit: int = 40) -> str:
    lines = [str(failure) for failure in failures[:limit]]
    if len(failures) > limit:
        lines.append(f"... and {len(failures) - limit} more")
    return "\n".join(lines)


def axe(browser: Any, page: Path) -> list[dict[str, Any]]:
    """The axe-core violations of one page opened from disk in ``browser`` (Playwright)."""
    from axe_playwright_python.sync_playwright import Axe

    tab = browser.new_page()
    try:
        tab.goto(page.resolve().as_uri())
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        result = Axe().run(tab, options=options).response
    finally:
        tab.close()
    return list(result["violations"])


def axe_summary(violations: list[dict[str, Any]]) -> str:
    """Each violation's rule id, how many elements, and the first element's selector."""
    return "\n".join(
        f"{v['id']} ({v['impact']}): {len(v['nodes'])} elements, e.g. {v['nodes'][0]['target']}"
        for v in violations
    )


if __name__ == "__main__":
    import sys

    for path in sys.argv[1:]:
        found = check(Path(path).read_bytes(), Path(path).name)
        print(path, by_rule(found) or "no failures")
        print(summary(found))
