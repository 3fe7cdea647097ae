"""One build of the documents per test session, by the command `make report` runs.

Executing the notebooks is slow, so every test module that reads the documents shares the
build made here (a module-level cache: a fixture imported into two modules would run twice).
"""

from __future__ import annotations

import re
import shlex
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, clean_env, run

DOCX = "ecove-data-report.docx"
PDF = "ecove-data-report.pdf"
DISCUSSION = sorted(
    p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb") if not p.name.startswith("00")
)
SHOWN_FIGURE = re.compile(r"\bfigures\.show\(figures\.(\w+)\(\)\)")
SHOWN_TABLE = re.compile(r"\bfigures\.show\(\s*(?!figures\.)")
_BUILT: dict[str, Path] = {}


def report_command(out: Path, *extra: str) -> list[str]:
    """The command `make report` runs, asked of make itself (a dry run), writing to ``out``."""
    if shutil.which("make") is None:
        return [sys.executable, "-m", "ecove_data.report", "--out", str(out), *extra]
    dry = run(
        ["make", "--no-print-directory", "-n", "report", f"REPORT_DIR={out}"],
        cwd=ROOT,
        check=True,
        timeout=60,
    )
    lines = [line for line in dry.stdout.splitlines() if "ecove_data.report" in line]
    assert len(lines) == 1, dry.stdout
    command = shlex.split(lines[0])
    # The environment make would use is the one running the tests.
    command[0] = sys.executable
    return [*command, *extra]


def run_build(out: Path, *extra: str, env: dict[str, str] | None = None) -> Path:
    """Build the documents into ``out``; fail the test with the command's own message."""
    build_log(out, *extra, env=env)
    return out


def build_log(out: Path, *extra: str, env: dict[str, str] | None = None) -> str:
    """Build the documents into ``out``; return what the command said on stderr."""
    environment = clean_env(**(env or {}))
    environment.pop("MPLBACKEND", None)
    done = run(report_command(out, *extra), cwd=ROOT, env=environment, timeout=900)
    assert done.returncode == 0, done.stderr[-4000:]
    return done.stderr


def built_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's build of every format from the real data (made on first use)."""
    if "main" not in _BUILT:
        from conftest import execute_once, shared_once

        # The notebooks first, each once per run and shared with the notebook tests: the
        # build then takes them from the run's cache, as it would from a user's.
        for path in DISCUSSION:
            execute_once(tmp_path_factory, path)

        # Once per test run, whichever xdist worker asks first; the build goes into a folder
        # of its own inside the shared one, which also holds shared_once's marker.
        shared = shared_once(tmp_path_factory, "report", lambda out: run_build(out / "report"))
        _BUILT["main"] = shared / "report"
    return _BUILT["main"]


def expected_figures() -> list[tuple[str, str]]:
    """(notebook stem, figure name) of every chart the discussion notebooks show, in order."""
    found = []
    for path in DISCUSSION:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                found += [(path.stem, name) for name in SHOWN_FIGURE.findall(cell.source)]
    return found


def expected_tables() -> list[str]:
    """The notebook stem of every table the discussion notebooks show, in order."""
    found = []
    for path in DISCUSSION:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "code":
                found += [path.stem] * len(SHOWN_TABLE.findall(cell.source))
    return found


def questions() -> list[str]:
    """Each discussion notebook's opening question, its chapter heading."""
    titles = []
    for path in DISCUSSION:
        first = nbformat.read(path, as_version=4).cells[0].source.splitlines()[0]
        titles.append(first.removeprefix("# ").strip())
    return titles
