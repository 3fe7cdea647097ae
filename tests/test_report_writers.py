"""ecove_data.report._writers: what the writers add to what pandoc writes.

The formats themselves are read in ``test_documents`` and ``test_deliverable_documents``.
"""

from __future__ import annotations

import pytest

from ecove_data.report import _writers


def test_header_rows_are_marked_once() -> None:
    xml = (
        b"<w:tbl><w:tblGrid></w:tblGrid><w:tr><w:tc>h</w:tc></w:tr><w:tr><w:tc>1</w:tc></w:tr>"
        b"</w:tbl>"
    )
    marked = _writers._repeat_header_rows(xml)
    assert marked.count(b"<w:tblHeader") == 1
    assert _writers._repeat_header_rows(marked) == marked


def test_a_page_gets_its_style_sheet_and_images_inside_it(tmp_path) -> None:
    import base64

    (tmp_path / "page.css").write_text("p { color: #1a1a1a; }\n", encoding="utf-8")
    (tmp_path / "figure-1.png").write_bytes(b"\x89PNG not really")
    (tmp_path / "figure-1.svg").write_bytes(b"<svg/>")
    page = (
        '<head><link rel="stylesheet" href="page.css" /></head>'
        '<img src="figure-1.png" alt="A chart"><img src="figure-1.svg" alt="">'
        '<img src="https://example.org/a.png" alt="">'
    )
    embedded = _writers.embed_resources(page, tmp_path, tmp_path / "page.css")
    png = base64.b64encode(b"\x89PNG not really").decode()
    assert embedded == (
        "<head><style>\np { color: #1a1a1a; }\n</style></head>"
        f'<img src="data:image/png;base64,{png}" alt="A chart">'
        f'<img src="data:image/svg+xml;base64,{base64.b64encode(b"<svg/>").decode()}" alt="">'
        '<img src="https://example.org/a.png" alt="">'
    )


def test_a_page_without_its_style_sheet_link_is_refused(tmp_path) -> None:
    (tmp_path / "page.css").write_text("", encoding="utf-8")
    with pytest.raises(ValueError, match=r"pandoc wrote no link to page\.css"):
        _writers.embed_resources("<head></head>", tmp_path, tmp_path / "page.css")
