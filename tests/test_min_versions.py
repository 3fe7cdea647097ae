"""The versions pyproject.toml promises: the wheel at the lowest versions it allows.

The built wheel is installed into a fresh environment with ``uv pip install --resolution
lowest-direct -r pyproject.toml``: every dependency pyproject.toml lists is then a direct one,
installed at the minimum it names (pandas 2.2,
matplotlib 3.9, seaborn 0.13.2, openpyxl 3.1), on this environment's Python (3.11 here, the
lowest ``requires-python`` allows). There, from outside the checkout, every table is loaded,
every figure drawn and every export format written.

numpy is not a direct dependency, so uv picks its newest release; pandas 2.2.0 and 2.2.1 were
built against numpy 1.x and fail to import under numpy 2 ("numpy.dtype size changed"). The
environment therefore constrains ``numpy<2`` (pandas 2.2.0 itself asks only for
numpy>=1.22.4), which gives the newest numpy 1 (1.26.4).

Needs uv (from PATH or .tools/, as the Makefile installs it) and PyPI.
"""

from __future__ import annotations

import json
import re
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, ROWS, clean_env, run_ok, uv_command
from packaging.version import Version

pytestmark = pytest.mark.slow

NUMPY_PIN = "numpy<2"
FORMATS = ["csv", "xlsx", "md"]


def minimums() -> dict[str, Version]:
    """Each direct dependency and the lowest version pyproject.toml allows for it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    found = {}
    for requirement in project["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9.]+)", requirement)
        assert match, f"no lower bound in {requirement!r}: the test installs the lowest allowed"
        found[match.group(1).lower()] = Version(match.group(2))
    return found


@pytest.fixture(scope="module")
def lowest(built_wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh environment holding the wheel at the lowest direct versions; returns its bin/."""
    uv = uv_command()
    if uv is None:
        pytest.fail("uv is needed: run `make setup`, which installs it into .tools/")
    base = tmp_path_factory.mktemp("lowest")
    env = base / "env"
    # A constraint, not a requirement: lowest-direct would take the oldest numpy otherwise.
    constraints = base / "constraints.txt"
    constraints.write_text(NUMPY_PIN + "\n", encoding="utf-8")
    run_ok([uv, "venv", "--python", sys.executable, str(env)], env=clean_env())
    python = str(env / "bin" / "python")
    # With `-r pyproject.toml` the project's dependencies are the direct ones, so
    # lowest-direct takes each at its minimum (for the wheel alone they would be transitive).
    install = [uv, "pip", "install", "--python", python, "--resolution", "lowest-direct"]
    install += ["-r", str(ROOT / "pyproject.toml"), "--constraint", str(constraints)]
    run_ok([*install, str(built_wheel)], env=clean_env())
    return env / "bin"


SCRIPT = """
import json, sys
from importlib.metadata import version
import ecove_data
from ecove_data import figures
frames = ecove_data.load_all()
drawn = {}
for name in figures.names():
    fig = figures.draw(name)
    drawn[name] = [len(fig.axes), figures.alt_text(name)]
print(json.dumps({
    "python": list(sys.version_info[:2]),
    "versions": {name: version(name) for name in sys.argv[1:]},
    "file": ecove_data.__file__,
    "rows": {name: len(frame) for name, frame in frames.items()},
    "names": ecove_data.datasets(),
    "drawn": drawn,
}))
"""


@pytest.fixture(scope="module")
def seen(lowest: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a script in the lowest environment sees: versions, tables, figures."""
    result = run_ok(
        [str(lowest / "python"), "-c", SCRIPT, *minimums(), "numpy"],
        cwd=tmp_path_factory.mktemp("outside"),
        env=clean_env(),
    )
    found: dict[str, Any] = json.loads(result.stdout)
    print(f"Python {found['python']}, installed: {found['versions']}")
    return found


def test_the_lowest_versions_are_the_ones_installed(seen: dict[str, Any]) -> None:
    for name, minimum in minimums().items():
        assert Version(seen["versions"][name]) == minimum, (name, seen["versions"])
    assert Version(seen["versions"]["numpy"]) < Version("2")
    assert tuple(seen["python"]) >= (3, 11)
    assert not Path(seen["file"]).is_relative_to(ROOT)


def test_every_table_loads_and_every_figure_draws(seen: dict[str, Any]) -> None:
    assert {name: seen["rows"][name] for name in ROWS} == ROWS
    assert set(seen["rows"]) == set(seen["names"])
    assert all(rows > 0 for rows in seen["rows"].values()), seen["rows"]
    from ecove_data import figures

    assert list(seen["drawn"]) == figures.names()
    for name, (axes, alt) in seen["drawn"].items():
        # The alt text is written from the data, which is the same at any version.
        assert axes >= 1 and alt == figures.alt_text(name), name


def test_the_command_validates_draws_and_exports(lowest: Path, tmp_path: Path) -> None:
    command = str(lowest / "ecove-data")
    result = run_ok([command, "validate"], cwd=tmp_path, env=clean_env())
    assert result.stdout.startswith("valid: ")
    out = tmp_path / "figures"
    result = run_ok([command, "figures", "--out", str(out)], cwd=tmp_path, env=clean_env())
    from ecove_data import figures

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["name"] for entry in manifest["figures"]] == figures.names()
    for name in figures.names():
        for fmt in ("png", "svg", "pdf"):
            assert (out / f"{name}.{fmt}").stat().st_size > 0, (name, fmt)
    for fmt in FORMATS:
        folder = tmp_path / fmt
        result = run_ok(
            [command, "export", "--format", fmt, "--out", str(folder)],
            cwd=tmp_path,
            env=clean_env(),
        )
        written = [Path(line) for line in result.stdout.splitlines()]
        assert written and all(path.is_file() and path.stat().st_size > 0 for path in written)
        assert all(path.parent == folder for path in written)
