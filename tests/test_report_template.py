"""ecove_data.report._template: a Word template that cannot be used is refused in one line.

Before anything runs: by the library as a :class:`~ecove_data.UsageError`, and by the
command with exit status 2, writing nothing.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, ecove

from ecove_data.report import _writers


def _unusable_templates(folder: Path) -> dict[str, tuple[Path, str]]:
    """Templates a team might pass by mistake, each with what the message must say."""
    text = folder / "notes.docx"
    text.write_text("not a Word file", encoding="utf-8")
    broken = folder / "broken.docx"
    broken.write_bytes(_writers.REFERENCE_DOCX.read_bytes()[:3000])
    no_styles = folder / "no-styles.docx"
    macros = folder / "house.dotm"
    with (
        zipfile.ZipFile(_writers.REFERENCE_DOCX) as source,
        zipfile.ZipFile(no_styles, "w") as without,
        zipfile.ZipFile(macros, "w") as with_macros,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename != "word/styles.xml":
                without.writestr(info.filename, data)
            if info.filename == "[Content_Types].xml":
                data = data.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
                )
            with_macros.writestr(info.filename, data)
        with_macros.writestr("word/vbaProject.bin", b"macros")
    return {
        "text": (text, "it is not a Word file (a .docx is a zip archive; this is not)"),
        "broken-zip": (broken, "it is not a Word file"),
        "no-styles": (no_styles, "it has no styles part (word/styles.xml)"),
        "macros": (macros, "it is macro-enabled (.docm or .dotm) and the report takes no macros"),
    }


@pytest.mark.parametrize("kind", ["text", "broken-zip", "no-styles", "macros"])
def test_an_unusable_template_is_refused_before_anything_runs(kind: str, tmp_path: Path) -> None:
    from ecove_data import UsageError
    from ecove_data.report._template import check_template

    path, reason = _unusable_templates(tmp_path)[kind]
    with pytest.raises(UsageError) as info:
        check_template(path)
    assert str(info.value).startswith(f"the Word template {path} cannot be used: {reason}")
    assert "\n" not in str(info.value)


@pytest.mark.slow
def test_an_unusable_template_exits_2_in_one_line_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for path, reason in _unusable_templates(tmp_path).values():
        done = ecove("report", "--template", str(path), "--out", str(out), cwd=ROOT)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"ecove-data: the Word template {path} cannot be used: ")
        assert reason in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert not out.exists()
