"""ecove_data.report._contrast: the colours of a Word template's styles against the page."""

from __future__ import annotations

import argparse
import warnings
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from ecove_data.report import _contrast, _writers
from ecove_data.report._reference import make_reference

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
THEME = (
    b'<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>'
    b'<a:clrScheme name="x"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    b'<a:accent1><a:srgbClr val="4472C4"/></a:accent1></a:clrScheme></a:themeElements></a:theme>'
)


def _styles(color: str) -> _contrast.DocxStyles:
    xml = (
        f'<w:styles xmlns:w="{W}"><w:style w:type="character" w:styleId="Link">'
        f"<w:rPr>{color}</w:rPr></w:style></w:styles>"
    ).encode()
    return _contrast.DocxStyles(xml, THEME)


def test_the_ratios_are_those_wcag_gives() -> None:
    assert _contrast.contrast_ratio("FFFFFF", "000000") == pytest.approx(21.0)
    assert _contrast.contrast_ratio("777777", "FFFFFF") == pytest.approx(4.48, abs=0.005)
    assert _contrast.contrast_ratio("0000FF", "FFFFFF") == pytest.approx(8.59, abs=0.005)
    assert _contrast.needed_ratio(13.9, True) == 4.5
    assert _contrast.needed_ratio(14, True) == _contrast.needed_ratio(18, False) == 3.0


def test_a_theme_colour_is_read_from_the_theme_with_its_shade_and_the_value_kept() -> None:
    styles = _styles('<w:color w:val="123456" w:themeColor="accent1" w:themeShade="80"/>')
    colours = styles.colours(styles.run_property("Link", "color"))
    # Word halves the luminance of #4472C4 (shade 0x80 of 0xFF); other readers show the value.
    assert colours == ["1F3864", "123456"]
    plain = _styles('<w:color w:val="auto"/>')
    assert plain.colours(plain.run_property("Link", "color")) == []


def _template(tmp_path: Path, **colours: tuple[int, int, int]) -> Path:
    template = make_reference(tmp_path / "team.docx")
    ours = docx.Document(str(template))
    for name, rgb in colours.items():
        ours.styles[name.replace("_", " ")].font.color.rgb = RGBColor(*rgb)
    ours.save(str(template))
    return template


def test_a_pale_style_is_found_with_the_ratio_it_needs(tmp_path: Path) -> None:
    template = _template(tmp_path, Heading_1=(0xB0, 0xB0, 0xB0), Heading_2=(0x94, 0x94, 0x94))
    found = _contrast.low_contrast_styles(template.read_bytes())
    # Heading 1 is large (18 pt bold, 3:1 asked); #949494 passes 3:1 at 14 pt bold.
    assert [(f.style, f.colour, f.needed) for f in found] == [("Heading 1", "B0B0B0", 3.0)]
    assert str(found[0]).startswith("style 'Heading 1' colours its text #B0B0B0 on #FFFFFF at")


def test_the_shipped_reference_warns_of_nothing() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _contrast.warn_low_contrast(_writers.REFERENCE_DOCX.read_bytes(), "ref") == []


def test_the_command_prints_each_warning_on_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import ecove_data.report as report

    template = _template(tmp_path, Hyperlink=(0x99, 0xBB, 0xDD))

    def build(*_: object, **__: object) -> list[Path]:
        _contrast.warn_low_contrast(template.read_bytes(), template)
        return [tmp_path / "x.docx"]

    monkeypatch.setattr(report, "build", build)
    args = argparse.Namespace(format="docx", out=str(tmp_path), template=str(template),
                              notebooks="notebooks", deliverable=None, jobs=None,
                              force=False)  # fmt: skip
    assert report.run(args) is None
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"ecove-data: warning: the Word template {template}: style 'Hyperlink'")
    assert "#99BBDD on #FFFFFF at 2.00:1, below the 4.5:1" in err


def test_a_dark_page_is_the_background(tmp_path: Path) -> None:
    from ecove_data.report._docx import rewrite_docx

    template = make_reference(tmp_path / "team.docx")

    def dark(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        return content.replace(b"<w:body>", b'<w:background w:color="1F1F1F"/><w:body>', 1)

    data = rewrite_docx(template.read_bytes(), dark)
    found = {f.style: f.background for f in _contrast.low_contrast_styles(data)}
    # The dark blue headings read on white, not on a near-black page.
    assert found["Heading 1"] == "1F1F1F"
