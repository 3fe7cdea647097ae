"""A third-party validator agrees: the descriptor and the data are a valid Data Package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import frictionless
import pytest
from conftest import DATA

CLI = Path(sys.executable).parent / "frictionless"


def _errors(path: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(path))
    return [(task.name, error.type) for task in report.tasks for error in task.errors]


def test_the_package_is_valid():
    report = frictionless.validate(str(DATA / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])
    names = {task.name for task in report.tasks}
    assert {"key_figures", "pact_sectors", "workshops", "ecovem_citations"} <= names


@pytest.mark.slow
def test_the_frictionless_command_says_valid():
    result = subprocess.run(
        [str(CLI), "validate", str(DATA / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "VALID" in result.stdout.upper()
    assert "INVALID" not in result.stdout.upper()


def test_a_wrong_type_is_invalid(edit_csv):
    data_dir = edit_csv("key_figures", ",84,count,", ",eighty-four,count,")
    assert ("key_figures", "type-error") in _errors(data_dir / "datapackage.json")


def test_a_duplicate_key_is_invalid(edit_csv):
    data_dir = edit_csv(
        "activities",
        "8,VET attractiveness,VET attractiveness,57\n",
        "8,VET attractiveness,VET attractiveness,57\n8,VET attractiveness,VET attractiveness,57\n",
    )
    errors = {error for table, error in _errors(data_dir / "datapackage.json")}
    assert errors & {"primary-key", "unique-error"}


def test_a_value_outside_the_enum_is_invalid(edit_csv):
    data_dir = edit_csv("key_figures", ",84,count,", ",84,pieces,")
    assert ("key_figures", "constraint-error") in _errors(data_dir / "datapackage.json")


def test_a_stale_hash_is_invalid(data_copy):
    path = data_copy / "activities.csv"
    path.write_bytes(path.read_bytes().replace(b"R&D,56", b"R&D,65"))
    errors = _errors(data_copy / "datapackage.json")
    assert any(table == "activities" and "hash" in error for table, error in errors), errors


@pytest.mark.slow
def test_the_command_says_invalid_for_a_corrupted_copy(edit_csv):
    data_dir = edit_csv("pact_sectors", "Microelectronics,false,", "Microelectronics,maybe,")
    result = subprocess.run(
        [str(CLI), "validate", str(data_dir / "datapackage.json")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode != 0
    assert "type-error" in result.stdout
    assert "pact_sectors" in result.stdout
