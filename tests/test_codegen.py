"""The generated Literals follow the descriptor, and a stale file names the command to run."""

from __future__ import annotations

import json
import shutil
import typing
from pathlib import Path

import pytest
from conftest import DATA

import ecove_data
from ecove_data import _codegen


def test_typing_file_is_current() -> None:
    current = _codegen.TYPING_FILE.read_text(encoding="utf-8")
    assert current == _codegen.typing_source(), f"_typing.py is stale: run `{_codegen.COMMAND}`"


def test_literal_names_are_the_datasets() -> None:
    assert list(typing.get_args(ecove_data.DatasetName)) == ecove_data.datasets()
    assert set(typing.get_args(ecove_data.DatasetRole)) == {
        ecove_data.info(name)["role"] for name in ecove_data.datasets()
    }


def test_a_new_table_makes_the_file_stale(tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    descriptor = copy / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    extra = next(res for res in raw["resources"] if res["name"] == "workshops")
    raw["resources"].append({**extra, "name": "workshops_again"})
    descriptor.write_text(json.dumps(raw), encoding="utf-8")
    text = _codegen.typing_source(copy)
    assert '    "workshops_again",' in text
    assert text != _codegen.TYPING_FILE.read_text(encoding="utf-8")


def test_check_names_the_command_when_stale(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stale = tmp_path / "_typing.py"
    stale.write_text('DatasetName = "old"\n', encoding="utf-8")
    monkeypatch.setattr(_codegen, "TYPING_FILE", stale)
    assert _codegen.main(["--check"]) == 1
    assert "_typing.py is stale: run `make generate`" in capsys.readouterr().err
    assert stale.read_text(encoding="utf-8") == 'DatasetName = "old"\n'
    assert _codegen.main([]) == 0
    assert stale.read_text(encoding="utf-8") == _codegen.typing_source()
    assert _codegen.main(["--check"]) == 0
