"""Importing the data library and loading every table never pays for the plotting code."""

from __future__ import annotations

import json
import sys

import pytest
from conftest import clean_env, run

PLOTTING = ["matplotlib", "seaborn"]
# Each test starts a fresh interpreter: that is what it checks.
pytestmark = pytest.mark.slow


def _modules_after(code: str) -> dict[str, object]:
    env = clean_env()
    env.pop("MPLBACKEND", None)
    script = (
        f"{code}\nimport json, sys\n"
        "print(json.dumps({'modules': sorted(sys.modules), 'tables': len(tables)}))"
    )
    result = run([sys.executable, "-c", script], env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "code",
    [
        "import ecove_data; tables = ecove_data.load_all()",
        "from ecove_data import load; tables = [load('key_figures'), load('derived_indicators')]",
        "import ecove_data; tables = [ecove_data.describe(n) for n in ecove_data.datasets()]",
    ],
)
def test_no_plotting_modules(code):
    seen = _modules_after(code)
    assert seen["tables"] >= 2
    loaded = [m for m in seen["modules"] if m.split(".")[0] in PLOTTING]
    assert loaded == [], loaded
    assert "pandas" in seen["modules"]
    assert "ecove_data._load" in seen["modules"]


def test_the_check_would_see_a_plotting_import():
    # The same check sees matplotlib when something does import it.
    seen = _modules_after("import ecove_data, matplotlib; tables = ecove_data.load_all()")
    assert "matplotlib" in seen["modules"]
