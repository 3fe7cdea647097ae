"""`make report`: the notebooks executed into HTML that holds its charts as images.

The notebooks are executed once per test run (conftest's ``executed_notebook``, shared with
tests/test_notebooks.py). `make report` runs ``jupyter nbconvert --to html --execute``, which
executes each notebook with nbclient and writes it with nbconvert's HTML exporter: the test
asks make for that command (a dry run, so nothing is set up or built in the checkout), checks
it, and writes the shared runs with the same exporter into tmp_path.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# nbconvert sorts attributes (alt, class, src), so src need not come first.
EMBEDDED_PNG = re.compile(r'<img [^>]*\bsrc="data:image/png;base64,[A-Za-z0-9+/=]{100,}"')
FIGURE_CALL = re.compile(r"\bfigures\.\w+\(\)")

pytestmark = pytest.mark.slow


def _report_command(out: Path) -> str:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "report", f"REPORT_DIR={out}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    commands = [line for line in dry.stdout.splitlines() if "nbconvert" in line]
    assert len(commands) == 1, dry.stdout
    return commands[0]


def test_make_report_executes_every_notebook_into_html(tmp_path: Path) -> None:
    command = _report_command(tmp_path / "out")
    assert "--to html --execute" in command
    assert f"--output-dir {tmp_path / 'out'}" in command
    assert command.rstrip().endswith("notebooks/*.ipynb")


@pytest.fixture(scope="module")
def report(executed_notebook, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The HTML pages `make report` writes, from the shared runs of the notebooks."""
    from nbconvert import HTMLExporter

    out = tmp_path_factory.mktemp("report")
    exporter = HTMLExporter()
    for path in NOTEBOOKS:
        nb = executed_notebook(path)
        html, _ = exporter.from_notebook_node(nb)
        (out / f"{path.stem}.html").write_text(html, encoding="utf-8")
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_html_holds_every_chart_as_an_image(path: Path, report: Path) -> None:
    html = (report / f"{path.stem}.html").read_text(encoding="utf-8")
    expected = len(FIGURE_CALL.findall(path.read_text(encoding="utf-8")))
    assert expected > 0
    assert len(EMBEDDED_PNG.findall(html)) == expected
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html
    assert "What it means for ECoVEM" in html
