"""The command line, run as a person would: in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROWS

import ecove_data

SCRIPT = Path(sys.executable).parent / "ecove-data"
REPORT_TABLES = list(ROWS)


def run(*args: str, script: bool = False, cwd: Path | None = None) -> subprocess.CompletedProcess:
    command = [str(SCRIPT)] if script else [sys.executable, "-m", "ecove_data"]
    env = {key: value for key, value in os.environ.items() if key != "ECOVE_DATA_DIR"}
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=120
    )


@pytest.mark.parametrize("script", [False, True], ids=["python -m", "console script"])
def test_list(script):
    result = run("list", script=script)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    names = [line.split()[0] for line in lines]
    assert names == ecove_data.datasets()
    assert names[: len(REPORT_TABLES)] == REPORT_TABLES
    by_name = {line.split()[0]: line for line in lines}
    assert by_name["pact_sectors"].endswith("Pact for Skills sectors named in the report")
    assert by_name["derived_indicators"].endswith("Derived indicators")
    assert result.stderr == ""


def test_show():
    result = run("show", "pact_sectors")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["position", "sector", "in_networking_workshops"]
    assert len(lines) == 8
    assert "Microelectronics" in lines[3]
    assert "False" in lines[3]
    assert "Offshore Renewable Energies" in result.stdout


def test_show_with_the_console_script():
    result = run("show", "key_figures", script=True)
    assert result.returncode == 0, result.stderr
    assert "cove_call_2021_organisations" in result.stdout
    assert "7000000000" in result.stdout
    assert len(result.stdout.splitlines()) == 14


def test_describe():
    result = run("describe", "key_figures")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| column | type | dtype | unit | required | description |"
    assert len(lines) == 2 + len(ecove_data.describe("key_figures"))
    assert lines[4].startswith("| value | integer | Int64 |  | True | ")
    assert any(line.startswith("| line | integer | Int64 | line number | True |") for line in lines)


def test_describe_derived():
    result = run("describe", "derived_indicators", script=True)
    assert result.returncode == 0, result.stderr
    assert "| value | number | Float64 |" in result.stdout


def test_validate_ok():
    result = run("validate")
    assert result.returncode == 0, result.stderr
    frames = ecove_data.load_all()
    rows = sum(map(len, frames.values()))
    assert result.stdout.startswith(f"valid: {len(frames)} tables, {rows} rows in {DATA}\n")


def test_validate_a_broken_copy(edit_csv):
    data_dir = edit_csv("activities", "VET attractiveness,57", "VET attractiveness,58")
    result = run("--data-dir", str(data_dir), "validate", script=True)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"ecove-data: 1 problem in 1 file of {data_dir}\n\nactivities.csv: 1 problem\n"
        "  row 9, column 'line': the quote starts on line 57 of the "
        "report, not line 58 [rule: quote]\n    How to fix: set line to 57\n"
    )


def test_validate_a_stale_copy_then_rehash(data_copy):
    path = data_copy / "key_figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("EU countries among them", "EU countries"),
        encoding="utf-8",
    )
    result = run("--data-dir", str(data_copy), "validate")
    assert result.returncode == 1
    assert "key_figures.csv: 1 problem\n  the file has" in result.stderr
    assert f"run `ecove-data rehash --data-dir {data_copy}`" in result.stderr
    result = run("--data-dir", str(data_copy), "rehash")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "updated: key_figures\n"
    result = run("--data-dir", str(data_copy), "rehash", script=True)
    assert result.stdout == "every hash is current\n"
    result = run("--data-dir", str(data_copy), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("valid: ")


def test_rehash_of_the_real_data_changes_nothing():
    before = (DATA / "datapackage.json").read_bytes()
    result = run("rehash")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "every hash is current\n"
    assert (DATA / "datapackage.json").read_bytes() == before


def test_data_dir_that_does_not_exist(tmp_path):
    result = run("--data-dir", str(tmp_path / "nowhere"), "validate")
    assert result.returncode == 1
    assert "the data folder does not exist" in result.stderr
    assert "How to fix: pass --data-dir a copy" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_csv(tmp_path):
    result = run("export", "--format", "csv", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    frames = ecove_data.load_all()
    assert result.stdout.splitlines() == [str(tmp_path / f"{name}.csv") for name in frames]
    for name in REPORT_TABLES:
        back = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        frame = frames[name]
        assert list(back.columns) == list(frame.columns)
        expected = frame.astype(object).where(frame.notna(), "").astype(str)
        assert back.values.tolist() == expected.values.tolist(), name


def test_export_xlsx(tmp_path):
    result = run("export", "--format", "xlsx", "--out", str(tmp_path / "x"), script=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{tmp_path / 'x' / 'ecove-data.xlsx'}\n"
    sheets = pd.read_excel(tmp_path / "x" / "ecove-data.xlsx", sheet_name=None)
    assert list(sheets) == [n[:31] for n in ecove_data.datasets()] + ["data_dictionary"]
    for name in REPORT_TABLES:
        assert len(sheets[name]) == len(ecove_data.load(name)), name
    assert sheets["activities"]["activity"].tolist() == (
        ecove_data.load("activities")["activity"].astype(str).tolist()
    )
    assert set(sheets["data_dictionary"]["table"]) == set(ecove_data.datasets())


def test_export_md(tmp_path):
    result = run("export", "--format", "md", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "ecove-data.md").read_text(encoding="utf-8")
    for name in [*ecove_data.datasets(), "data_dictionary"]:
        assert f"\n## {name}\n" in "\n" + text
    assert "| 2 | Boudewijn Grievink |  | Katapult |" in text


def test_export_a_broken_copy(edit_csv, tmp_path):
    data_dir = edit_csv("workshops", "5,Personalisation", "6,Personalisation")
    result = run("--data-dir", str(data_dir), "export", "--format", "csv", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "workshops.csv, row 6, column 'position'" in result.stderr
    assert "[rule: reportOrder]" in result.stderr
    assert list(tmp_path.iterdir()) == [tmp_path / "data"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        ([], "the following arguments are required: COMMAND"),
        (["show"], "the following arguments are required: name"),
        (["export", "--format", "pdf", "--out", "x"], "invalid choice: 'pdf'"),
        (["export", "--format", "csv"], "the following arguments are required: --out"),
        (["list", "--bogus"], "unrecognized arguments: --bogus"),
    ],
)
def test_bad_arguments(args, message, tmp_path):
    result = run(*args, cwd=tmp_path)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.startswith("usage: ecove-data")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["show", "describe"])
def test_unknown_table(command):
    result = run(command, "pact_sector", script=command == "describe")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("ecove-data: unknown dataset 'pact_sector'. ")
    assert "Did you mean 'pact_sectors'?" in result.stderr
    assert "Valid names: " + ", ".join(ecove_data.datasets()) in result.stderr


def test_help_lists_the_commands():
    result = run("--help", script=True)
    assert result.returncode == 0
    for command in ["list", "show", "describe", "validate", "rehash", "export"]:
        assert command in result.stdout


def test_main_in_process(capsys):
    from ecove_data.cli import main

    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("valid: ")
    assert main(["show", "nope"]) == 2
    assert "unknown dataset 'nope'" in capsys.readouterr().err
