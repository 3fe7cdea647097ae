"""ecove_data.report._reference: the neutral Word reference document the package ships."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ecove_data.report import _writers
from ecove_data.report._reference import make_reference


def test_the_shipped_reference_document_is_regenerated_byte_for_byte(tmp_path: Path) -> None:
    shipped = _writers.REFERENCE_DOCX.read_bytes()
    assert make_reference(tmp_path / "reference.docx").read_bytes() == shipped
    with zipfile.ZipFile(io.BytesIO(shipped)) as zipped:
        assert b"<w:pgSz" in zipped.read("word/document.xml")
