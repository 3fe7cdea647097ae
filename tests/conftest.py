"""Shared fixtures: the real data folder and corruptible copies of it."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from ecove_data._descriptor import refresh_hashes

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ under tmp_path, safe to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
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
