"""Shared fixtures: the real data folder and corruptible copies of it."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from ecove_data._descriptor import refresh_hashes

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# Rows of each report table, as the report gives them.
ROWS = {
    "key_figures": 13,
    "roundtable_recommendations": 6,
    "pact_sectors": 7,
    "pact_initiatives": 2,
    "activities": 8,
    "workshops": 5,
    "ecovem_citations": 2,
}
REPORT = "raw/coves-conference-report.txt"

# Modest so the suite stays quick; `pytest --hypothesis-profile=thorough` searches longer.
settings.register_profile("ecove", max_examples=80, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile("ecove")


def report_resources(data_dir: Path = DATA) -> list[str]:
    """The names of the tables taken from the report (role "report"), in descriptor order."""
    raw = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return [res["name"] for res in raw["resources"] if res.get("role") == "report"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ under tmp_path, safe to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / REPORT).chmod(0o644)
    return target


@pytest.fixture
def edit_csv(data_copy: Path) -> Callable[[str, str, str], Path]:
    """Edit a table of the copy and refresh its hash, so only the rule under test refuses it."""

    def edit(table: str, old: str, new: str) -> Path:
        path = data_copy / f"{table}.csv"
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path.name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        refresh_hashes(data_copy)
        return data_copy

    return edit


@pytest.fixture
def edit_report(data_copy: Path) -> Callable[[str, str], Path]:
    """Edit the copy's raw report and refresh its hash."""

    def edit(old: str, new: str) -> Path:
        path = data_copy / REPORT
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in the report"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
        refresh_hashes(data_copy)
        return data_copy

    return edit


@pytest.fixture
def edit_descriptor(data_copy: Path) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """Change the copy's descriptor in place with a function of its parsed JSON."""

    def edit(change: Callable[[dict[str, Any]], None]) -> Path:
        path = data_copy / "datapackage.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        change(raw)
        path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return data_copy

    return edit


def resource(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource called ``name`` in a parsed descriptor."""
    return next(res for res in raw["resources"] if res["name"] == name)


def field(raw: dict[str, Any], table: str, column: str) -> dict[str, Any]:
    """The field ``column`` of table ``table`` in a parsed descriptor."""
    return next(f for f in resource(raw, table)["schema"]["fields"] if f["name"] == column)
