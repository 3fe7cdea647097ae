"""Make the neutral Word reference document the .docx is styled with (``reference.docx``).

Run ``python -m ecove_data.report._reference`` to regenerate it: it starts from pandoc's
own reference document (so every style pandoc writes exists), sets A4 with 2.5 cm
margins, Arial 11 pt text, dark blue headings and links, chapters and the contents on a new
page, a running header of DOCPROPERTY fields (the project's acronym, the deliverable's number
and short title, which the build fills in), centred page numbers in the footer, none of
either on the cover, and a light grid for tables, then stores the zip with fixed
timestamps, so the same versions always give the same bytes. Teams use their own
template instead with ``make report TEMPLATE=path/to/template.docx``.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

from ._docx import rewrite_docx

__all__ = ["make_reference"]

FONT = "Arial"  # Liberation Sans where Arial is missing: the same widths.
HEADING_COLOUR = (0x1F, 0x3A, 0x5F)
# Links in the blue of the PDF and HTML, 7.8:1 on white. Pandoc's own is a theme colour whose
# value, #4F81BD, is 4:1 (WCAG 1.4.3 asks 4.5:1), and readers differ on which they show.
LINK_COLOUR = (0x0B, 0x53, 0x94)


def _page_number_footer(section: Any) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def _field_runs(paragraph: Any, instruction: str, placeholder: str) -> None:
    """Append a complex field with a placeholder result (the build puts the value in)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def _running_header(section: Any) -> None:
    """Put the deliverable's identifier and short title in the header, right-aligned.

    Every page but the cover, which has a first-page header and footer of its own, empty.
    """
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt, RGBColor

    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _field_runs(paragraph, "DOCPROPERTY Project", "Project")
    paragraph.add_run(" ")
    _field_runs(paragraph, "DOCPROPERTY Deliverable", "Deliverable")
    paragraph.add_run(" \u00b7 ")
    _field_runs(paragraph, 'DOCPROPERTY "Short title"', "Short title")
    for run in paragraph.runs:
        run.font.size = Pt(8.5)
        run.font.color.rgb = RGBColor(0x50, 0x50, 0x50)
    # The first page's own header and footer exist, empty.
    section.first_page_header.is_linked_to_previous = False
    section.first_page_footer.is_linked_to_previous = False


def _table_grid(style: Any) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = style.element.find(qn("w:tblPr"))
    if tbl_pr is None:
        tbl_pr = OxmlElement("w:tblPr")
        style.element.append(tbl_pr)
    for old in tbl_pr.findall(qn("w:tblBorders")):
        tbl_pr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:space"), "0")
        line.set(qn("w:color"), "999999")
        borders.append(line)
    tbl_pr.append(borders)
    # The header row (Word's "first row" of the table style) in bold on a light fill.
    header = OxmlElement("w:tblStylePr")
    header.set(qn("w:type"), "firstRow")
    run = OxmlElement("w:rPr")
    run.append(OxmlElement("w:b"))
    header.append(run)
    cell = OxmlElement("w:tcPr")
    fill = OxmlElement("w:shd")
    fill.set(qn("w:val"), "clear")
    fill.set(qn("w:color"), "auto")
    fill.set(qn("w:fill"), "E8EDF3")
    cell.append(fill)
    header.append(cell)
    for old in style.element.findall(qn("w:tblStylePr")):
        style.element.remove(old)
    style.element.append(header)


def _set_font(style: Any, size: float | None = None) -> None:
    """Set the style's font to FONT; theme fonts would otherwise take precedence."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    style.font.name = FONT
    if size is not None:
        style.font.size = Pt(size)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    fonts.set(qn("w:eastAsia"), FONT)


def _cover_styles(doc: Any, styles: dict[str, Any]) -> None:
    """Add the styles of the cover's funding statement and disclaimer, and of the lists."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Cm, Pt

    statement = doc.styles.add_style("EU Funding Statement", WD_STYLE_TYPE.PARAGRAPH)
    statement.base_style = styles["Normal"]
    _set_font(statement, 11)
    statement.font.italic = False
    statement.paragraph_format.space_after = Cm(2)
    disclaimer = doc.styles.add_style("Disclaimer", WD_STYLE_TYPE.PARAGRAPH)
    disclaimer.base_style = styles["Normal"]
    _set_font(disclaimer, 9.5)
    disclaimer.paragraph_format.space_before = Cm(1.5)
    # Word's own name for the entries of a List of Figures (TOC \c fields).
    entries = doc.styles.add_style("Table of Figures", WD_STYLE_TYPE.PARAGRAPH)
    entries.base_style = styles["Normal"]
    _set_font(entries, 11)
    entries.paragraph_format.space_after = Pt(3)
    # Captions in Word's Caption style family: pandoc's two are based on it.
    for name in ("Image Caption", "Table Caption"):
        styles[name].base_style = styles["Caption"]


def make_reference(target: Path) -> Path:
    """Write the reference document to ``target`` and return it."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt, RGBColor

    from ._pandoc import pandoc

    doc = docx.Document(io.BytesIO(pandoc(["--print-default-data-file", "reference.docx"])))
    for section in doc.sections:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Cm(2.5))
        section.footer_distance = Cm(1.2)
        section.header_distance = Cm(1.2)
        _page_number_footer(section)
        _running_header(section)
    styles = {style.name: style for style in doc.styles}
    for name in ("Normal", "Body Text", "First Paragraph", "Compact"):
        _set_font(styles[name], 11)
    for name, size in (("Title", 26), ("Subtitle", 15), ("Heading 1", 18), ("Heading 2", 14)):
        _set_font(styles[name], size)
        styles[name].font.bold = name != "Subtitle"
        styles[name].font.color.rgb = RGBColor(*HEADING_COLOUR)
    for name in ("Heading 3", "TOC Heading", "Abstract Title"):
        _set_font(styles[name])
        styles[name].font.color.rgb = RGBColor(*HEADING_COLOUR)
    for name in ("Title", "Subtitle", "Abstract Title", "Abstract"):
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    # The emblem and the funding statement stand above the title; the subtitle, based on
    # the title, must not inherit its space.
    styles["Title"].paragraph_format.space_before = Cm(2.5)
    styles["Subtitle"].paragraph_format.space_before = Pt(6)
    styles["Subtitle"].paragraph_format.space_after = Cm(1.2)
    _set_font(styles["Abstract"], 11)
    styles["Abstract Title"].paragraph_format.space_before = Cm(3)
    styles["Abstract Title"].font.size = Pt(11)
    # The contents and each chapter (Heading 1) start on a new page.
    for name in ("TOC Heading", "Heading 1"):
        styles[name].paragraph_format.page_break_before = True
    for name in ("Image Caption", "Table Caption"):
        _set_font(styles[name], 9.5)
        styles[name].font.italic = False
        styles[name].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        styles[name].paragraph_format.keep_together = True
    styles["Table Caption"].paragraph_format.keep_with_next = True
    styles["Captioned Figure"].paragraph_format.keep_with_next = True
    _table_grid(styles["Table"])
    _cover_styles(doc, styles)
    styles["Hyperlink"].font.color.rgb = RGBColor(*LINK_COLOUR)
    doc.core_properties.title = ""
    doc.core_properties.language = "en-GB"

    raw = io.BytesIO()
    doc.save(raw)
    target.write_bytes(rewrite_docx(raw.getvalue()))
    return target


if __name__ == "__main__":
    default = Path(__file__).with_name("reference.docx")
    path = make_reference(Path(sys.argv[1]) if len(sys.argv) > 1 else default)
    print(path)
