"""Contrast of the text styles of a .docx against the page (WCAG 2.1, success criterion 1.4.3).

The .docx takes its styles from a Word reference document: the package's own, or a team's
template (``--template``). The structure of the document is ours, but a template's colours
are the team's choice, so a style whose text falls below the contrast WCAG asks (4.5:1, or
3:1 for large text: 18 pt, or 14 pt bold) is not refused: :func:`warn_low_contrast` warns
with a :class:`TemplateContrastWarning` that names the style, and ``ecove-data report``
prints it.

Colours are read as Word shows them: a theme colour (``w:themeColor``, with its tint or
shade) from the document's theme, otherwise the colour's value; the background is the
style's own shading, else the page colour (``w:background``), else white. Text in
"auto" colour is left out: Word draws it black or white, whichever reads on the background.
"""

from __future__ import annotations

import colorsys
import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

__all__ = [
    "DocxStyles",
    "LowContrast",
    "TemplateContrastWarning",
    "contrast_ratio",
    "low_contrast_styles",
    "needed_ratio",
    "warn_low_contrast",
]

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
WHITE = "FFFFFF"
# w:themeColor names and the colour of the theme's scheme each stands for.
THEME_NAMES = {
    "dark1": "dk1", "text1": "dk1", "light1": "lt1", "background1": "lt1",
    "dark2": "dk2", "text2": "dk2", "light2": "lt2", "background2": "lt2",
    "hyperlink": "hlink", "followedHyperlink": "folHlink",
    **{f"accent{n}": f"accent{n}" for n in range(1, 7)},
}  # fmt: skip
# The parts of a .docx whose text a reader sees.
TEXT_PARTS = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")


class TemplateContrastWarning(UserWarning):
    """A style of the Word template colours its text below the contrast WCAG 2.1 asks."""


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(text: str, background: str) -> float:
    """Return the WCAG 2.1 contrast ratio of two colours given as ``RRGGBB``.

    Examples
    --------
    >>> round(contrast_ratio("767676", "FFFFFF"), 2)  # the lightest grey that passes 4.5:1
    4.54
    >>> round(contrast_ratio("777777", "FFFFFF"), 2)
    4.48
    >>> contrast_ratio("000000", "FFFFFF")
    21.0
    """
    lighter, darker = sorted((_luminance(text), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def needed_ratio(size_pt: float, bold: bool) -> float:
    """Return the contrast WCAG 1.4.3 asks of text this size: 3:1 if large, else 4.5:1.

    Large is 18 pt, or 14 pt in bold.

    Examples
    --------
    >>> needed_ratio(11, False), needed_ratio(14, True), needed_ratio(18, False)
    (4.5, 3.0, 3.0)
    """
    return 3.0 if size_pt >= 18 or (bold and size_pt >= 14) else 4.5


def _theme_colour(base: str, tint: str | None, shade: str | None) -> str:
    """Apply Word's tint or shade (a hex fraction of 255) to the luminance of ``base``.

    Examples
    --------
    Word's palette for the accent #4472C4: darker 50 % and 25 %, lighter 80 %.

    >>> _theme_colour("4472C4", None, "80"), _theme_colour("4472C4", None, "BF")
    ('1F3864', '2F5496')
    >>> _theme_colour("4472C4", "33", None)
    'D9E2F3'
    """
    red, green, blue = (int(base[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, light, saturation = colorsys.rgb_to_hls(red, green, blue)
    if shade is not None:
        light *= int(shade, 16) / 255
    if tint is not None:
        fraction = int(tint, 16) / 255
        light = light * fraction + (1 - fraction)
    rgb = colorsys.hls_to_rgb(hue, light, saturation)
    # Word truncates, it does not round: its palette's values come out exactly so.
    return "".join(f"{int(channel * 255):02X}" for channel in rgb)


def _on(element: ET.Element | None) -> bool | None:
    """Return whether a toggle property (``w:b``) is on; None when it is absent."""
    if element is None:
        return None
    return element.get(f"{W}val", "true") not in ("0", "false", "off", "none")


@dataclass(frozen=True)
class LowContrast:
    """A style whose text is below the contrast it needs."""

    style: str  # the style's name as Word shows it
    colour: str
    background: str
    ratio: float
    needed: float

    def __str__(self) -> str:
        return (
            f"style {self.style!r} colours its text #{self.colour} on #{self.background} at "
            f"{self.ratio:.2f}:1, below the {self.needed:g}:1 WCAG 2.1 asks for text of its "
            "size (1.4.3); readers with low vision may not read it"
        )


class DocxStyles:
    """The styles of a .docx, each property followed through ``w:basedOn``."""

    def __init__(self, styles_xml: bytes, theme_xml: bytes | None = None) -> None:
        root = ET.fromstring(styles_xml)
        self.styles = {s.get(f"{W}styleId", ""): s for s in root.iter(f"{W}style")}
        self.defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.default_paragraph = next(
            (
                key
                for key, style in self.styles.items()
                if style.get(f"{W}type") == "paragraph"
                and style.get(f"{W}default") in ("1", "true")
            ),
            None,
        )
        self.theme: dict[str, str] = {}
        if theme_xml:
            scheme = ET.fromstring(theme_xml).find(f".//{A}clrScheme")
            for slot in scheme if scheme is not None else []:
                colour = slot.find(f"{A}srgbClr")
                system = slot.find(f"{A}sysClr")
                value = colour.get("val") if colour is not None else None
                if value is None and system is not None:
                    value = system.get("lastClr")
                if value:
                    self.theme[slot.tag.removeprefix(A)] = value.upper()

    def name(self, style_id: str) -> str:
        """Return the name Word shows for a style (its id if it has none).

        Examples
        --------
        >>> styles = DocxStyles(
        ...     b'<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        ...     b'<w:style w:styleId="Heading2"><w:name w:val="heading 2"/></w:style></w:styles>'
        ... )
        >>> styles.name("Heading2"), styles.name("Missing")
        ('Heading 2', 'Missing')
        """
        style = self.styles.get(style_id)
        found = style.find(f"{W}name") if style is not None else None
        name = found.get(f"{W}val", style_id) if found is not None else style_id
        # Word stores its built-in styles' names in lower case ("heading 2") and shows
        # them capitalised ("Heading 2", "TOC 1").
        if name.islower():
            name = re.sub(r"^toc\b", "TOC", name)
            name = name[:1].upper() + name[1:]
        return name

    def chain(self, style_id: str | None) -> Iterator[ET.Element]:
        """Yield the style and the styles it is based on, nearest first."""
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            based = style.find(f"{W}basedOn")
            style_id = based.get(f"{W}val") if based is not None else None

    def colours(self, color: ET.Element | None) -> list[str]:
        """Return the RRGGBB colours a ``w:color`` may show; none for "auto".

        Word shows a theme colour (with its tint or shade) where one is named; other
        readers may show the colour's value: both are returned when they differ, so a
        check can hold the text to the worse of the two.
        """
        if color is None:
            return []
        found = []
        theme = color.get(f"{W}themeColor")
        if theme and THEME_NAMES.get(theme) in self.theme:
            base = self.theme[THEME_NAMES[theme]]
            found.append(
                _theme_colour(base, color.get(f"{W}themeTint"), color.get(f"{W}themeShade"))
            )
        value = (color.get(f"{W}val") or "auto").upper()
        if re.fullmatch(r"[0-9A-F]{6}", value) and value not in found:
            found.append(value)
        return found

    @staticmethod
    def fill(properties: ET.Element | None) -> str | None:
        """Return the background colour a ``w:rPr``/``w:pPr``/``w:tcPr`` gives, if any."""
        if properties is None:
            return None
        shading = properties.find(f"{W}shd")
        value = shading.get(f"{W}fill", "auto").upper() if shading is not None else "AUTO"
        return None if value == "AUTO" else value

    def run_property(self, style_id: str | None, tag: str) -> ET.Element | None:
        """Return the nearest ``w:rPr/<tag>`` of a style's chain."""
        for style in self.chain(style_id):
            found = style.find(f"{W}rPr/{W}{tag}")
            if found is not None:
                return found
        return None

    def style_fill(self, style_id: str | None) -> str | None:
        """Return the nearest shading of a style's chain (paragraph or run shading)."""
        for style in self.chain(style_id):
            for part in ("pPr", "rPr"):
                found = self.fill(style.find(f"{W}{part}"))
                if found:
                    return found
        return None

    def default_property(self, tag: str) -> ET.Element | None:
        """Return the document default ``w:rPr/<tag>``."""
        return self.defaults.find(f"{W}{tag}") if self.defaults is not None else None

    def size_pt(self, *style_ids: str | None) -> float:
        """Return the font size of the first of these styles to set one (default 10 pt)."""
        for style_id in style_ids:
            found = self.run_property(style_id, "sz")
            if found is not None:
                return int(found.get(f"{W}val", "20")) / 2
        found = self.default_property("sz")
        return int(found.get(f"{W}val", "20")) / 2 if found is not None else 10.0

    def bold(self, *style_ids: str | None) -> bool:
        """Return whether the first of these styles to say so makes its text bold."""
        for style_id in style_ids:
            found = _on(self.run_property(style_id, "b"))
            if found is not None:
                return found
        return bool(_on(self.default_property("b")))


def _used_styles(parts: dict[str, bytes]) -> list[str]:
    """Return the ids of the paragraph, character and table styles the text uses."""
    used: dict[str, None] = {}
    for name, content in parts.items():
        if TEXT_PARTS.fullmatch(name):
            for style_id in re.findall(rb'<w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', content):
                used.setdefault(style_id.decode("utf-8"), None)
    return list(used)


def _page_colour(document_xml: bytes | None) -> str:
    found = re.search(rb'<w:background [^>]*w:color="([0-9A-Fa-f]{6})"', document_xml or b"")
    return found.group(1).decode("ascii").upper() if found else WHITE


def low_contrast_styles(docx: bytes) -> list[LowContrast]:
    """Return the styles that text in ``docx`` uses whose colour is below contrast.

    Each style is checked with its own colour, size and boldness (through the styles it
    is based on) against its shading or the page; a table style also with the colours of
    its conditional parts (the header row's).
    """
    with zipfile.ZipFile(io.BytesIO(docx)) as zipped:
        parts = {name: zipped.read(name) for name in zipped.namelist() if name.endswith(".xml")}
    styles = DocxStyles(
        parts.get("word/styles.xml", b"<w:styles/>"), parts.get("word/theme/theme1.xml")
    )
    page = _page_colour(parts.get("word/document.xml"))
    used = _used_styles(parts)
    if styles.default_paragraph and styles.default_paragraph not in used:
        used.insert(0, styles.default_paragraph)
    found: list[LowContrast] = []
    for style_id in used:
        colours = styles.colours(styles.run_property(style_id, "color"))
        checks = [(colours, styles.style_fill(style_id) or page)]
        style = styles.styles.get(style_id)
        if style is not None and style.get(f"{W}type") == "table":
            base_fill = styles.fill(style.find(f"{W}tcPr")) or page
            for part in style.iter(f"{W}tblStylePr"):
                part_colours = styles.colours(part.find(f"{W}rPr/{W}color")) or colours
                checks.append((part_colours, styles.fill(part.find(f"{W}tcPr")) or base_fill))
        needed = needed_ratio(styles.size_pt(style_id), styles.bold(style_id))
        for candidates, background in checks:
            for text in candidates:
                ratio = contrast_ratio(text, background)
                if ratio < needed:
                    found.append(
                        LowContrast(styles.name(style_id), text, background, ratio, needed)
                    )
                    break
    return found


def warn_low_contrast(docx: bytes, template: Path | str) -> list[LowContrast]:
    """Warn (:class:`TemplateContrastWarning`) of each style of ``docx`` below contrast.

    ``template`` names the reference document the styles come from, for the message.
    Returns what was found.
    """
    found = low_contrast_styles(docx)
    for item in found:
        warnings.warn(
            f"the Word template {template}: {item}. Its colours are the template's to "
            "choose; a darker colour would read.",
            TemplateContrastWarning,
            stacklevel=2,
        )
    return found
