"""The notebooks: what a machine can check of their rules, and a run of each in a kernel.

Each notebook is executed once per test run, top to bottom, with nbclient in the ``python3``
kernel of the project's environment, from a folder outside the checkout, as a reader would run
it (conftest's ``executed_notebook``, shared with the HTML report's tests, whichever xdist
worker runs them).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import JUPYTER_PATH, ROOT
from nbclient import NotebookClient
from nbformat import NotebookNode

NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
REQUIRED = {"00_quickstart", "01_cove_call_2021", "02_event_themes", "03_pact_for_skills"}
FIGURE_CALL = re.compile(r"\bfigures\.(\w+)\(\)")
# Absolute paths of any system: POSIX roots, home folders, Windows drives.
ABSOLUTE_PATH = re.compile(
    r"""(?:^|[\s"'(`=])(?:/(?:home|Users|root|tmp|work|usr|opt|var|mnt|srv)/|~/|[A-Za-z]:\\)"""
)


def _read(path: Path) -> NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def _code(nb: NotebookNode) -> list[NotebookNode]:
    return [cell for cell in nb.cells if cell.cell_type == "code"]


def test_the_required_notebooks_are_there() -> None:
    assert {path.stem for path in NOTEBOOKS} >= REQUIRED


# --- rules a machine can check without running anything ---------------------------------


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_committed_without_outputs_or_execution_counts(path: Path) -> None:
    nb = _read(path)
    nbformat.validate(nb)
    for index, cell in enumerate(_code(nb)):
        assert cell.outputs == [], f"{path.name}: code cell {index} has committed outputs"
        assert cell.execution_count is None, f"{path.name}: code cell {index} has a count"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_kernel_is_python3(path: Path) -> None:
    assert _read(path).metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_uses_the_package(path: Path) -> None:
    source = "\n".join(cell.source for cell in _code(_read(path)))
    assert re.search(r"^import ecove_data$", source, re.MULTILINE), "does not import ecove_data"
    assert FIGURE_CALL.search(source), "draws no chart with ecove_data.figures"
    assert "import matplotlib" not in source, "plotting code belongs in ecove_data.figures"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_absolute_paths(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert str(ROOT) not in text
    for cell in _read(path).cells:
        match = ABSOLUTE_PATH.search(cell.source)
        assert match is None, f"absolute path in {path.name}: {cell.source[match.start() :][:60]!r}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_its_question_and_closes_with_ecovem(path: Path) -> None:
    cells = _read(path).cells
    first = cells[0]
    heading = first.source.splitlines()[0]
    assert first.cell_type == "markdown"
    assert heading.startswith("# "), f"first cell should open with a title: {heading!r}"
    assert heading.rstrip().endswith("?"), f"the title should be the question: {heading!r}"
    assert "What it means for ECoVEM" in cells[-1].source, "the last cell should say it"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_number_typed_into_prose(path: Path) -> None:
    # Numbers in the discussion come from the data through code; the only digits allowed in
    # Markdown cells are the year that names the call.
    for cell in _read(path).cells:
        if cell.cell_type == "markdown":
            typed = set(re.findall(r"\d+", cell.source)) - {"2021"}
            assert not typed, f"{path.name}: number typed into prose {typed}: {cell.source[:80]!r}"


# --- a run of each notebook in the project's kernel ---------------------------------------


def _outputs(nb: NotebookNode, index: int) -> list[NotebookNode]:
    return nb.cells[index].get("outputs", [])


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_runs_top_to_bottom_without_errors(path: Path, executed_notebook) -> None:
    nb = executed_notebook(path)
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        assert cell.execution_count is not None, f"cell {index} did not run"
        for output in cell.outputs:
            assert output.output_type != "error", f"cell {index}: {output.ename}: {output.evalue}"
            if output.output_type == "stream":
                assert output.name != "stderr", f"cell {index} wrote to stderr: {output.text}"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_chart_is_displayed_as_an_image(path: Path, executed_notebook) -> None:
    from ecove_data.figures import REGISTRY

    nb = executed_notebook(path)
    charts = 0
    for index, cell in enumerate(nb.cells):
        called = FIGURE_CALL.findall(cell.source) if cell.cell_type == "code" else []
        for name in called:
            assert name in REGISTRY, f"cell {index} calls figures.{name}, not a registered figure"
        if called:
            images = [o for o in _outputs(nb, index) if "image/png" in o.get("data", {})]
            assert len(images) == len(called), f"cell {index}: {len(images)} images for {called}"
            charts += len(images)
    assert charts >= 1


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_discussion_is_computed_and_ends_with_ecovem(path: Path, executed_notebook) -> None:
    nb = executed_notebook(path)
    markdown = [
        output.data["text/markdown"]
        for cell in _code(nb)
        for output in cell.outputs
        if "text/markdown" in output.get("data", {})
    ]
    assert markdown, "no prose built from the data"
    assert any(re.search(r"\d", text) for text in markdown)
    assert markdown[-1].startswith("## What it means for ECoVEM")


@pytest.mark.slow
def test_kernel_is_the_projects_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # `python3` must start this environment's interpreter, which imports this checkout's
    # ecove_data, with no kernel registered by hand.
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell(
            "import json, sys, ecove_data\n"
            "print(json.dumps([sys.executable, sys.prefix, ecove_data.__file__]))"
        )
    ]
    monkeypatch.setenv("JUPYTER_PATH", JUPYTER_PATH)
    NotebookClient(
        nb, kernel_name="python3", timeout=60, resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    executable, prefix, package = json.loads(nb.cells[0].outputs[0].text)
    assert Path(prefix).resolve() == Path(sys.prefix).resolve()
    assert Path(executable).parent.resolve() == Path(sys.executable).parent.resolve()
    assert Path(package).resolve().is_relative_to(ROOT)
