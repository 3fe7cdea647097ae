"""`make report`: the notebooks executed into HTML that holds its charts as images.

The test asks make for the report command (a dry run, so nothing is set up or built in the
checkout), points it at tmp_path and runs it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# nbconvert sorts attributes (alt, class, src), so src need not come first.
EMBEDDED_PNG = re.compile(r'<img [^>]*\bsrc="data:image/png;base64,[A-Za-z0-9+/=]{100,}"')
FIGURE_CALL = re.compile(r"\bfigures\.\w+\(\)")


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
    assert "--to html --execute" in commands[0]
    return commands[0]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("report")
    command = _report_command(out)
    env = {**os.environ, "JUPYTER_PATH": str(Path(sys.prefix) / "share" / "jupyter")}
    env.pop("MPLBACKEND", None)
    done = subprocess.run(
        command, shell=True, cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_html_holds_every_chart_as_an_image(path: Path, report: Path) -> None:
    html = (report / f"{path.stem}.html").read_text(encoding="utf-8")
    expected = len(FIGURE_CALL.findall(path.read_text(encoding="utf-8")))
    assert expected > 0
    assert len(EMBEDDED_PNG.findall(html)) == expected
    assert 'data-mime-type="application/vnd.jupyter.stderr"' not in html
    assert "What it means for ECoVEM" in html


def test_one_page_per_notebook(report: Path) -> None:
    assert sorted(p.name for p in report.iterdir()) == sorted(f"{p.stem}.html" for p in NOTEBOOKS)
