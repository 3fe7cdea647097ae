"""ecove_data.report._writers: what the writers add to what pandoc writes.

The formats themselves are read in ``test_documents`` and ``test_deliverable_documents``.
"""

from __future__ import annotations

from ecove_data.report import _writers


def test_header_rows_are_marked_once() -> None:
    xml = (
        b"<w:tbl><w:tblGrid></w:tblGrid><w:tr><w:tc>h</w:tc></w:tr><w:tr><w:tc>1</w:tc></w:tr>"
        b"</w:tbl>"
    )
    marked = _writers._repeat_header_rows(xml)
    assert marked.count(b"<w:tblHeader") == 1
    assert _writers._repeat_header_rows(marked) == marked
