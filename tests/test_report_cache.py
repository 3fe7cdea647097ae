"""The documents are rebuilt from what changed, and never from anything stale.

The keys come first (quick): what changes a notebook's key and what does not. Then builds
of the command itself on copies: each kind of input changed once, and the documents follow;
nothing changed, and no file is touched. The builds share the run's cache of executed
notebooks (conftest's ``notebook_cache``), so a build with unchanged notebooks runs none.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT
from report_build import DISCUSSION, DOCX, PDF, build_log, built_report

from ecove_data.report import _cache

NOTEBOOKS = len(DISCUSSION)


# --- the keys ------------------------------------------------------------------------------


def _notebook() -> nbformat.NotebookNode:
    return nbformat.read(DISCUSSION[0], as_version=4)


def test_a_markdown_edit_keeps_the_key_and_a_code_edit_changes_it() -> None:
    context = _cache.context_key(None)
    nb = _notebook()
    key = _cache.notebook_key(nb, context)
    markdown = next(cell for cell in nb.cells if cell.cell_type == "markdown")
    markdown.source += "\n\nOne more sentence."
    assert _cache.notebook_key(nb, context) == key
    code = next(cell for cell in nb.cells if cell.cell_type == "code")
    code.source += "\n# a comment is code too: the cell may print it"
    assert _cache.notebook_key(nb, context) != key
    nb.cells.reverse()
    assert _cache.notebook_key(nb, context) != key


def test_the_data_the_package_and_the_environment_change_every_key(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = _notebook()
    keys = {_cache.notebook_key(nb, _cache.context_key(data_copy))}
    (data_copy / "activities.csv").write_text("changed\n", encoding="utf-8")
    keys.add(_cache.notebook_key(nb, _cache.context_key(data_copy)))
    import ecove_data.figures._build as build

    monkeypatch.setattr(build, "code_hash", lambda: "sha256:another package")
    keys.add(_cache.notebook_key(nb, _cache.context_key(data_copy)))
    monkeypatch.setattr(_cache, "_environment_key", lambda: "pandas==0.0")
    keys.add(_cache.notebook_key(nb, _cache.context_key(data_copy)))
    assert len(keys) == 4


def test_the_environment_names_every_installed_distribution_and_its_version() -> None:
    import re
    from importlib import metadata

    def canonicalize_name(name: str) -> str:  # as the packaging specification normalises it
        return re.sub(r"[-_.]+", "-", name).lower()

    def named(entry: str) -> tuple[str, str]:
        name, _, version = Path(entry).name.rsplit(".", 1)[0].partition("-")
        return canonicalize_name(name), version

    listed = {named(entry) for entry in _cache.installed()}
    wanted = {(canonicalize_name(d.metadata["Name"]), d.version) for d in metadata.distributions()}
    assert listed == wanted


def test_an_upgrade_changes_the_environment_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site-packages"
    (site / "pandas-2.0.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [str(site)])
    before = _cache._environment_key()
    (site / "pandas-2.0.0.dist-info").rename(site / "pandas-2.0.1.dist-info")
    assert _cache._environment_key() != before


def test_reused_outputs_go_with_the_markdown_of_now(tmp_path: Path) -> None:
    executed = nbformat.read(DISCUSSION[0], as_version=4)
    for cell in executed.cells:
        if cell.cell_type == "code":
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ran")]
    edited = _notebook()
    edited.cells[0].source += "\n\nA new sentence."
    merged = _cache.with_outputs(edited, executed)
    assert merged.cells[0].source.endswith("A new sentence.")
    assert all(c.outputs[0].text == "ran" for c in merged.cells if c.cell_type == "code")
    cache = _cache.NotebookCache(tmp_path)
    cache.store("01_x", "k" * 64, merged)
    assert cache.load("01_x", "k" * 64)["cells"][0]["source"] == merged.cells[0].source
    assert cache.load("01_x", "other") is None


# --- builds --------------------------------------------------------------------------------


def _stamps(folder: Path) -> dict[str, tuple[int, int]]:
    """Each file of a build with its inode and modification time: what "touched" means."""
    return {
        str(p.relative_to(folder)): (p.stat().st_ino, p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture
def workspace(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A copy of the notebooks and their deliverable file, and a first build of them."""
    built_report(tmp_path_factory)  # every notebook executed once, in the run's cache
    notebooks = tmp_path / "notebooks"
    shutil.copytree(ROOT / "notebooks", notebooks)
    out = tmp_path / "out"
    log = build_log(out, "--notebooks", str(notebooks))
    assert f"executed 0 of {NOTEBOOKS} notebooks, reused {NOTEBOOKS}" in log
    return {"notebooks": notebooks, "out": out}


def _docx_text(out: Path) -> str:
    with zipfile.ZipFile(out / DOCX) as zipped:
        return zipped.read("word/document.xml").decode("utf-8")


@pytest.mark.slow
def test_nothing_changed_nothing_is_touched(workspace: dict[str, Path]) -> None:
    out = workspace["out"]
    before = _stamps(out)
    log = build_log(out, "--notebooks", str(workspace["notebooks"]))
    assert f"executed 0 of {NOTEBOOKS} notebooks, reused {NOTEBOOKS}" in log
    assert "every format current: docx, pdf, html" in log
    assert _stamps(out) == before


@pytest.mark.slow
def test_each_kind_of_input_reaches_the_documents(workspace: dict[str, Path]) -> None:
    notebooks, out = workspace["notebooks"], workspace["out"]
    args = ("--notebooks", str(notebooks))

    # The deliverable file and a sentence in a Markdown cell: every format, no notebook
    # runs (a Markdown cell is not code; its words are taken as they are now).
    deliverable = notebooks / "deliverable.toml"
    text = deliverable.read_text(encoding="utf-8")
    assert "subtitle = " in text
    lines = [
        'subtitle = "A subtitle corrected once"' if line.startswith("subtitle = ") else line
        for line in text.splitlines()
    ]
    deliverable.write_text("\n".join(lines) + "\n", encoding="utf-8")
    chapter = notebooks / DISCUSSION[1].name
    nb = nbformat.read(chapter, as_version=4)
    markdown = next(
        c for c in nb.cells if c.cell_type == "markdown" and not c.source.startswith("#")
    )
    markdown.source += " A sentence added in JupyterLab."
    nbformat.write(nb, chapter)
    before = _stamps(out)
    log = build_log(out, *args)
    assert f"executed 0 of {NOTEBOOKS}" in log
    after = _stamps(out)
    for words in ("A subtitle corrected once", "A sentence added in JupyterLab."):
        assert words in _docx_text(out)
    assert "A subtitle corrected once" in (out / "html" / "index.html").read_text("utf-8")
    page = (out / "html" / f"{chapter.stem}.html").read_text("utf-8")
    assert "A sentence added in JupyterLab." in page
    assert after[DOCX] != before[DOCX] and after[PDF] != before[PDF]

    # The template: the Word document only.
    from ecove_data.report._reference import make_reference

    template = make_reference(out.parent / "ours.docx")
    import docx
    from docx.shared import Pt

    styled = docx.Document(str(template))
    styled.styles["Normal"].font.size = Pt(12)
    styled.save(str(template))
    before = after
    log = build_log(out, *args, "--template", str(template))
    after = _stamps(out)
    assert after[DOCX] != before[DOCX]
    assert {k: v for k, v in after.items() if k != DOCX and k != ".ecove-data-report.json"} == {
        k: v for k, v in before.items() if k != DOCX and k != ".ecove-data-report.json"
    }, "only the Word document depends on the template"

    # A code cell: that notebook runs again, the others are reused.
    code = next(cell for cell in reversed(nb.cells) if cell.cell_type == "code")
    code.source += '\nprose.show("A sentence {word} by code.", word="computed")'
    nbformat.write(nb, chapter)
    log = build_log(out, *args, "--template", str(template))
    assert f"executed 1 of {NOTEBOOKS} notebooks, reused {NOTEBOOKS - 1}" in log
    assert "A sentence computed by code." in _docx_text(out)
    page = (out / "html" / f"{chapter.stem}.html").read_text("utf-8")
    assert "A sentence computed by code." in page
    record = json.loads((out / ".ecove-data-report.json").read_text(encoding="utf-8"))
    assert set(record) == {"docx", "pdf", "html"}


# --- the kernels ---------------------------------------------------------------------------


@pytest.mark.slow
def test_kernels_get_the_data_folder_and_the_process_environment_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ecove_data.report._notebooks import execute

    monkeypatch.setenv("MPLBACKEND", "svg")
    monkeypatch.delenv("ECOVE_DATA_DIR", raising=False)
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.cells.append(
        nbformat.v4.new_code_cell(
            "import os, sys\n"
            "print(os.environ['ECOVE_DATA_DIR'], os.environ.get('MPLBACKEND'), sys.prefix)"
        )
    )
    path = tmp_path / "01_environment.ipynb"
    nbformat.write(nb, path)
    before = dict(os.environ)
    data = tmp_path / "data"
    (ran,) = execute([path], data_dir=data).notebooks
    assert dict(os.environ) == before
    (output,) = ran.cells[0].outputs
    seen_data, seen_backend, seen_prefix = output["text"].split()
    # The kernel's own backend (ipykernel's inline one), never the caller's.
    assert (seen_data, seen_prefix) == (str(data.resolve()), sys.prefix)
    assert seen_backend != "svg"
