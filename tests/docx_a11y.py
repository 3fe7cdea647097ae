"""The rules of Word's Accessibility Checker that a .docx shows in its XML.

Word's checker is not available here; what it checks for a report can be read from the
file: pictures have alt text or are marked decorative, tables have a header row and a
simple grid, headings come in order, the document has a title and a language, links say
where they go, and text is not coloured below the contrast WCAG 2.1 asks (1.4.3).

Microsoft lists the rules in "Rules for the Accessibility Checker" (support.microsoft.com).
Each rule here is general: it reads every picture, table, heading, link and run of the
file (body, headers, footers, notes), not the content this project happens to write.

``check(path)`` returns a list of :class:`Failure`.
"""

from __future__ import annotations

import re
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ecove_data.report._contrast import DocxStyles, contrast_ratio, needed_ratio

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "dc": "http://purl.org/dc/elements/1.1/",
    "v": "urn:schemas-microsoft-com:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "adec": "http://schemas.microsoft.com/office/drawing/2017/decorative",
}
RULES = {
    "alt-text": "every picture has alt text (not a file name) or is marked decorative",
    "table-header": "every table's first row is a header row (repeats on each page) and "
    "names each column",
    "table-layout": "no merged cells, no table inside a table, no blank row or column",
    "headings": "headings start at level 1, skip no level and are not empty",
    "title": "the document properties give a title",
    "language": "the document's language is set, and every language tag is well formed",
    "links": "every hyperlink's text says where it goes: not empty, not a bare address, "
    "not 'click here'",
    "contrast": "no text is coloured below 4.5:1 against what is behind it (3:1 if large)",
}
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
FILE_NAME = re.compile(r".*\.(png|jpe?g|gif|svg|emf|wmf|bmp|tiff?)", re.IGNORECASE)
BARE_ADDRESS = re.compile(r"\s*((https?|ftp)://|www\.|mailto:)\S*\s*", re.IGNORECASE)
GENERIC = re.compile(
    r"\s*(click here|here|link|this link|more|read more|this page|this|page|website)\W*",
    re.IGNORECASE,
)
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Failure:
    """One broken rule: which, where, and what is wrong."""

    rule: str
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.rule} at {self.where}: {self.problem}"


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(_w("t")))


def _on(element: etree._Element | None) -> bool:
    return element is not None and element.get(_w("val"), "true") not in ("0", "false", "off")


class Docx:
    """The parts of a .docx that the rules read."""

    def __init__(self, path: Path | str) -> None:
        with zipfile.ZipFile(path) as zipped:
            names = zipped.namelist()
            self.parts = {
                name: etree.fromstring(zipped.read(name))
                for name in names
                if TEXT_PARTS.fullmatch(name)
            }
            self.core = (
                etree.fromstring(zipped.read("docProps/core.xml"))
                if "docProps/core.xml" in names
                else None
            )
            styles_xml = zipped.read("word/styles.xml")
            theme = "word/theme/theme1.xml"
            self.styles = DocxStyles(styles_xml, zipped.read(theme) if theme in names else None)
            self.styles_tree = etree.fromstring(styles_xml)
        document = self.parts.get("word/document.xml")
        background = document.find("w:background", NS) if document is not None else None
        colour = background.get(_w("color"), "FFFFFF") if background is not None else "FFFFFF"
        self.page = colour.upper() if re.fullmatch(r"[0-9A-Fa-f]{6}", colour) else "FFFFFF"

    def paragraphs(self) -> list[tuple[str, etree._Element]]:
        return [(name, p) for name, part in self.parts.items() for p in part.iter(_w("p"))]

    def paragraph_style(self, paragraph: etree._Element) -> str | None:
        style = paragraph.find("w:pPr/w:pStyle", NS)
        return style.get(_w("val")) if style is not None else self.styles.default_paragraph

    def outline_level(self, paragraph: etree._Element) -> int | None:
        """The heading level (1-9) Word gives a paragraph, from it or its style's chain."""
        direct = paragraph.find("w:pPr/w:outlineLvl", NS)
        if direct is None:
            for style in self.styles.chain(self.paragraph_style(paragraph)):
                found = style.find(_w("pPr") + "/" + _w("outlineLvl"))
                if found is not None:
                    direct = found
                    break
        if direct is None:
            return None
        level = int(direct.get(_w("val"), "9"))
        return level + 1 if level < 9 else None


class Checker:
    """Every rule over one file; ``failures`` holds what broke."""

    def __init__(self, path: Path | str) -> None:
        self.docx = Docx(path)
        self.failures: list[Failure] = []

    def fail(self, rule: str, where: str, problem: str) -> None:
        self.failures.append(Failure(rule, where, problem))

    def run(self) -> list[Failure]:
        for rule in RULES:
            getattr(self, "rule_" + rule.replace("-", "_"))()
        return self.failures

    def rule_alt_text(self) -> None:
        for name, part in self.docx.parts.items():
            for number, properties in enumerate(part.iter(f"{{{NS['wp']}}}docPr"), start=1):
                where = f"{name}, picture {number} ({properties.get('name', '')!r})"
                decorative = properties.find(".//adec:decorative", NS)
                if decorative is not None and decorative.get("val") in ("1", "true"):
                    continue
                alt = (properties.get("descr") or "").strip()
                if not alt:
                    self.fail("alt-text", where, "no alt text, and not marked decorative")
                elif FILE_NAME.fullmatch(alt) or alt == properties.get("name"):
                    self.fail("alt-text", where, f"the alt text {alt!r} is a file name")
            for number, shape in enumerate(part.iter(f"{{{NS['v']}}}imagedata"), start=1):
                if not (shape.get(f"{{{NS['o']}}}title") or "").strip():
                    self.fail("alt-text", f"{name}, VML picture {number}", "no alt text")

    def _tables(self) -> list[tuple[str, int, etree._Element]]:
        found = []
        for name, part in self.docx.parts.items():
            for number, table in enumerate(part.iter(_w("tbl")), start=1):
                found.append((name, number, table))
        return found

    def rule_table_header(self) -> None:
        for name, number, table in self._tables():
            where = f"{name}, table {number}"
            rows = table.findall("w:tr", NS)
            if not rows:
                self.fail("table-header", where, "a table with no rows")
                continue
            if not _on(rows[0].find("w:trPr/w:tblHeader", NS)):
                self.fail("table-header", where, "the first row is not marked as a header row")
            for column, cell in enumerate(rows[0].findall("w:tc", NS), start=1):
                if not _text(cell).strip():
                    self.fail("table-header", where, f"header cell {column} is empty")

    def rule_table_layout(self) -> None:
        for name, number, table in self._tables():
            where = f"{name}, table {number}"
            if any(ancestor.tag == _w("tbl") for ancestor in table.iterancestors()):
                self.fail("table-layout", where, "a table inside a table")
            merged = [
                cell
                for cell in table.iter(_w("tc"))
                if (
                    cell.find("w:tcPr/w:gridSpan", NS) is not None
                    and int(cell.find("w:tcPr/w:gridSpan", NS).get(_w("val"), "1")) > 1
                )
                or cell.find("w:tcPr/w:vMerge", NS) is not None
                or cell.find("w:tcPr/w:hMerge", NS) is not None
            ]
            if merged:
                self.fail("table-layout", where, f"{len(merged)} merged cells")
            grid = [
                [bool(_text(cell).strip()) or cell.find(".//w:drawing", NS) is not None
                 for cell in row.findall("w:tc", NS)]
                for row in table.findall("w:tr", NS)
            ]  # fmt: skip
            for index, row in enumerate(grid, start=1):
                if row and not any(row):
                    self.fail("table-layout", where, f"row {index} is blank")
            width = max((len(row) for row in grid), default=0)
            for column in range(width):
                cells = [row[column] for row in grid if column < len(row)]
                if cells and not any(cells):
                    self.fail("table-layout", where, f"column {column + 1} is blank")

    def rule_headings(self) -> None:
        previous = 0
        count = 0
        for name, paragraph in self.docx.paragraphs():
            level = self.docx.outline_level(paragraph)
            if level is None or any(a.tag == _w("tbl") for a in paragraph.iterancestors()):
                continue
            count += 1
            text = _text(paragraph).strip()
            where = f"{name}, heading {text[:50]!r}"
            if not text:
                self.fail("headings", where, f"an empty level-{level} heading")
            if level > previous + 1:
                self.fail(
                    "headings", where, f"level {level} after level {previous}: a level is skipped"
                )
            previous = level
        if not count:
            self.fail("headings", "word/document.xml", "no headings to find one's way by")

    def rule_title(self) -> None:
        title = (
            self.docx.core.findtext("dc:title", namespaces=NS)
            if self.docx.core is not None
            else None
        )
        if not (title or "").strip():
            self.fail("title", "docProps/core.xml", "no title in the document properties")

    def rule_language(self) -> None:
        default = self.docx.styles_tree.find("w:docDefaults/w:rPrDefault/w:rPr/w:lang", NS)
        value = default.get(_w("val"), "") if default is not None else ""
        if not value:
            self.fail("language", "word/styles.xml", "no default language (w:lang) for the text")
        core = (
            self.docx.core.findtext("dc:language", namespaces=NS)
            if self.docx.core is not None
            else None
        )
        if core is not None and value and core != value:
            self.fail(
                "language", "docProps/core.xml", f"the properties say {core!r}, the text {value!r}"
            )
        trees = [("word/styles.xml", self.docx.styles_tree), *self.docx.parts.items()]
        for name, tree in trees:
            for lang in tree.iter(_w("lang")):
                tag = lang.get(_w("val"))
                if tag is not None and not LANGUAGE_TAG.fullmatch(tag):
                    self.fail("language", name, f"{tag!r} is not a language tag")

    def rule_links(self) -> None:
        for name, part in self.docx.parts.items():
            links = list(part.iter(_w("hyperlink")))
            links += [f for f in part.iter(_w("fldSimple"))
                      if "HYPERLINK" in f.get(_w("instr"), "")]  # fmt: skip
            for link in links:
                text = _text(link)
                where = f"{name}, link {text.strip()[:60]!r}"
                if not text.strip():
                    self.fail("links", where, "a link with no text")
                elif BARE_ADDRESS.fullmatch(text):
                    self.fail("links", where, "the text is a bare address, not where it goes")
                elif GENERIC.fullmatch(text):
                    self.fail("links", where, "the text does not say where the link goes")

    def rule_contrast(self) -> None:
        styles = self.docx.styles
        seen: Counter[tuple[str, str, str]] = Counter()
        for name, paragraph in self.docx.paragraphs():
            paragraph_style = self.docx.paragraph_style(paragraph)
            cell = next((a for a in paragraph.iterancestors() if a.tag == _w("tc")), None)
            table_style, cell_fill, first_row = self._table_context(cell)
            for run in paragraph.iter(_w("r")):
                if not _text(run).strip():
                    continue
                own = run.find("w:rPr", NS)
                run_style_el = run.find("w:rPr/w:rStyle", NS)
                run_style = run_style_el.get(_w("val")) if run_style_el is not None else None
                chain = [run_style, paragraph_style, table_style]
                colour_el = own.find("w:color", NS) if own is not None else None
                for style_id in chain:
                    if colour_el is None:
                        colour_el = styles.run_property(style_id, "color")
                if colour_el is None and first_row and table_style:
                    colour_el = self._first_row(table_style, "w:rPr/w:color")
                colour_el = colour_el if colour_el is not None else styles.default_property("color")
                colours = styles.colours(colour_el)
                if not colours:
                    continue  # auto: Word picks black or white for the background
                background = (
                    DocxStyles.fill(own)
                    or self._highlight(own)
                    or DocxStyles.fill(paragraph.find("w:pPr", NS))
                    or styles.style_fill(run_style)
                    or styles.style_fill(paragraph_style)
                    or cell_fill
                    or self.docx.page
                )
                size = self._size(own) or styles.size_pt(run_style, paragraph_style, table_style)
                bold_el = own.find("w:b", NS) if own is not None else None
                bold = (
                    _on(bold_el)
                    if bold_el is not None
                    else styles.bold(run_style, paragraph_style, table_style)
                )
                needed = needed_ratio(size, bold)
                worst = min(colours, key=lambda colour: contrast_ratio(colour, background))
                ratio = contrast_ratio(worst, background)
                if ratio < needed and (name, worst, background) not in seen:
                    seen[(name, worst, background)] += 1
                    self.fail(
                        "contrast",
                        f"{name}, text {_text(run).strip()[:40]!r}",
                        f"#{worst} on #{background} is {ratio:.2f}:1, below {needed:g}:1 "
                        "(each colour pair reported once per part)",
                    )

    def _table_context(self, cell: etree._Element | None) -> tuple[str | None, str | None, bool]:
        """(table style, the cell's background, whether it is in the header row)."""
        if cell is None:
            return None, None, False
        table = next(a for a in cell.iterancestors() if a.tag == _w("tbl"))
        style_el = table.find("w:tblPr/w:tblStyle", NS)
        style = style_el.get(_w("val")) if style_el is not None else None
        row = cell.getparent()
        look = table.find("w:tblPr/w:tblLook", NS)
        first_row = (row is table.find("w:tr", NS)) and (
            look is None or look.get(_w("firstRow")) in ("1", "true", "on")
        )
        fill = DocxStyles.fill(cell.find("w:tcPr", NS))
        if fill is None and first_row and style:
            part = self._first_row(style, "w:tcPr")
            fill = DocxStyles.fill(part)
        if fill is None and style:
            for element in self.docx.styles.chain(style):
                fill = DocxStyles.fill(element.find(_w("tcPr")))
                if fill:
                    break
        return style, fill, first_row

    def _first_row(self, style: str, path: str) -> etree._Element | None:
        for element in self.docx.styles.chain(style):
            for part in element.findall(_w("tblStylePr")):
                if part.get(_w("type")) == "firstRow":
                    found = part.find(path.replace("w:", f"{{{W}}}"))
                    if found is not None:
                        return found
        return None

    @staticmethod
    def _highlight(own: etree._Element | None) -> str | None:
        names = {"yellow": "FFFF00", "green": "00FF00", "cyan": "00FFFF", "black": "000000",
                 "lightGray": "C0C0C0", "darkGray": "808080", "white": "FFFFFF"}  # fmt: skip
        mark = own.find("w:highlight", NS) if own is not None else None
        return names.get(mark.get(_w("val"), "")) if mark is not None else None

    @staticmethod
    def _size(own: etree._Element | None) -> float | None:
        size = own.find("w:sz", NS) if own is not None else None
        return int(size.get(_w("val"), "20")) / 2 if size is not None else None


def check(path: Path | str) -> list[Failure]:
    """Every failure of the .docx at ``path``, rule by rule."""
    return Checker(path).run()


def by_rule(failures: list[Failure]) -> dict[str, int]:
    """How many failures each rule has (rules with none left out)."""
    return dict(Counter(failure.rule for failure in failures))


def summary(failures: list[Failure], limit: int = 40) -> str:
    lines = [str(failure) for failure in failures[:limit]]
    if len(failures) > limit:
        lines.append(f"... and {len(failures) - limit} more")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        found = check(name)
        print(name, by_rule(found) or "no failures")
        print(summary(found))
