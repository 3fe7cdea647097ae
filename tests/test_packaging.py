"""The wheel carries the data: build it, install it in a fresh environment, load from outside."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import DATA, ROOT, ROWS, clean_env, report_resources
from conftest import run_ok as _run
from conftest import uv_command as _uv

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh, empty virtual environment; returns its bin/."""
    target = tmp_path_factory.mktemp("venv") / "env"
    uv = _uv()
    if uv:
        _run([uv, "venv", "--python", sys.executable, str(target)], env=clean_env())
    else:
        _run([sys.executable, "-m", "venv", str(target)], env=clean_env())
    return target / "bin"


@pytest.fixture(scope="module")
def wheel(built_wheel: Path) -> Path:
    return built_wheel


@pytest.fixture(scope="module")
def installed(venv, wheel) -> Path:
    """The fresh environment with the wheel and its dependencies installed; returns its bin/."""
    uv = _uv()
    if uv:
        command = [uv, "pip", "install", "--python", str(venv / "python"), str(wheel)]
    else:
        command = [str(venv / "python"), "-m", "pip", "install", "--disable-pip-version-check"]
        command.append(str(wheel))
    _run(command, env=clean_env())
    return venv


def test_the_wheel_carries_the_data(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ecove_data/py.typed" in names
    assert "ecove_data/_data/datapackage.json" in names
    assert "ecove_data/_data/raw/coves-conference-report.txt" in names
    for table in report_resources():
        assert f"ecove_data/_data/{table}.csv" in names
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for res in raw["resources"]:
        assert f"ecove_data/_data/{res['path']}" in names, res["path"]
    with zipfile.ZipFile(wheel) as archive:
        for name in ["datapackage.json", "key_figures.csv", "raw/coves-conference-report.txt"]:
            assert archive.read(f"ecove_data/_data/{name}") == (DATA / name).read_bytes()
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA")))
        entry_points = archive.read(
            next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
        )
    assert b"Requires-Dist: pandas" in metadata
    assert b"ecove-data = ecove_data.cli:main" in entry_points
    assert not [name for name in names if name.startswith("tests/")]


LOAD_SCRIPT = """
import json, sys
import ecove_data
from ecove_data._descriptor import default_data_dir
frames = ecove_data.load_all()
figures = ecove_data.load("key_figures").set_index("figure_id")
print(json.dumps({
    "file": ecove_data.__file__,
    "data_dir": str(default_data_dir()),
    "rows": {name: len(frame) for name, frame in frames.items()},
    "organisations": int(figures.loc["cove_call_2021_organisations", "value"]),
    "derived": float(frames["derived_indicators"].set_index("indicator_id")
                     .loc["organisations_per_proposal", "value"]),
    "plotting": sorted(m for m in sys.modules if m.split(".")[0] in ("matplotlib", "seaborn")),
}))
"""


def test_the_installed_package_loads_every_table_from_outside_the_checkout(installed, tmp_path):
    result = _run([str(installed / "python"), "-c", LOAD_SCRIPT], cwd=tmp_path, env=clean_env())
    seen = json.loads(result.stdout)
    venv = installed.parent
    assert Path(seen["file"]).is_relative_to(venv)
    assert Path(seen["data_dir"]).is_relative_to(venv)
    assert Path(seen["data_dir"]).name == "_data"
    assert not Path(seen["file"]).is_relative_to(ROOT)
    assert {name: seen["rows"][name] for name in ROWS} == ROWS
    indicators = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["derived"]
    assert seen["rows"]["derived_indicators"] == len(indicators["indicators"])
    assert seen["organisations"] == 1741
    assert seen["derived"] == pytest.approx(1741 / 84)
    assert seen["plotting"] == []


def test_the_installed_command_lists_the_tables(installed, tmp_path):
    result = _run([str(installed / "ecove-data"), "list"], cwd=tmp_path, env=clean_env())
    names = [line.split()[0] for line in result.stdout.splitlines()]
    report = report_resources()
    assert names[: len(report) + 1] == [*report, "derived_indicators"]
    result = _run([str(installed / "ecove-data"), "validate"], cwd=tmp_path, env=clean_env())
    assert result.stdout.startswith("valid: ")


def test_the_installed_package_takes_another_data_dir(installed, tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "activities.csv"
    path.write_bytes(path.read_bytes().replace(b"R&D,56", b"R&D,65"))
    env = {**clean_env(), "ECOVE_DATA_DIR": str(copy)}
    result = subprocess.run(
        [str(installed / "ecove-data"), "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert result.returncode == 1
    assert "activities.csv: 2 problems\n  the file's hash is" in result.stderr
    assert "ecove-data rehash" in result.stderr


def test_the_editable_install_reads_the_repository_data(tmp_path):
    script = (
        "import ecove_data, ecove_data._descriptor as d; "
        "print(d.default_data_dir()); print(ecove_data.__file__)"
    )
    result = _run([sys.executable, "-c", script], cwd=tmp_path, env=clean_env())
    data_dir, module = result.stdout.splitlines()
    assert Path(data_dir) == ROOT / "data"
    assert Path(module).is_relative_to(ROOT)
