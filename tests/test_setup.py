"""Set-up by need: what each make target installs and runs (dry runs, nothing installed)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest
from conftest import ROOT

UV = shutil.which("uv") or str(ROOT / ".tools" / "bin" / "uv")


def make(*args: str) -> str:
    result = subprocess.run(
        ["make", "--no-print-directory", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_plain_make_lists_the_targets():
    out = make()
    assert out.startswith("make TARGET, where TARGET is one of:\n")
    listed = [line.split()[0] for line in out.splitlines()[1:]]
    assert {"figures", "test", "lab", "setup", "lint"} <= set(listed)


def test_make_figures_installs_the_runtime_only():
    out = make("-n", "figures")
    sync = next(line for line in out.splitlines() if " sync " in line)
    assert "--locked" in sync and "--no-default-groups" in sync and "--group" not in sync
    assert out.splitlines()[-1].endswith("ecove-data figures")


def test_make_lab_adds_jupyterlab_runs_as_root_and_takes_options():
    out = make("-n", "lab", "LAB_ARGS=--port 8899 --no-browser")
    sync = next(line for line in out.splitlines() if " sync " in line)
    assert "--no-default-groups --group lab" in sync
    lab = out.splitlines()[-1]
    assert "jupyter lab --ServerApp.root_dir=notebooks" in lab
    assert lab.endswith("--port 8899 --no-browser")
    assert ("--allow-root" in lab) == (os.geteuid() == 0)


def test_make_test_installs_every_group():
    out = make("-n", "test")
    assert any(" sync " in line and "--all-groups" in line for line in out.splitlines())


@pytest.mark.skipif(not os.access(UV, os.X_OK), reason="uv is not installed here")
def test_the_runtime_leaves_out_the_notebook_and_test_tools():
    def packages(*args: str) -> set[str]:
        result = subprocess.run(
            [UV, "export", "--locked", "--no-hashes", "--format", "requirements.txt", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return {
            line.split("==")[0].strip()
            for line in result.stdout.splitlines()
            if "==" in line and not line.startswith((" ", "#"))
        }

    runtime = packages("--no-default-groups")
    assert {"pandas", "matplotlib", "seaborn", "openpyxl"} <= runtime
    assert not {"jupyterlab", "playwright", "hypothesis", "pytest", "ruff"} & runtime
    lab = packages("--no-default-groups", "--group", "lab")
    assert {"jupyterlab", "ipykernel"} <= lab
    assert not {"playwright", "hypothesis"} & lab
    everything = packages()
    assert {"jupyterlab", "playwright", "hypothesis", "pytest", "ruff"} <= everything
