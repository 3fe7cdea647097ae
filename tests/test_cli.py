"""The command line: ``main(argv)`` in-process, and a few runs in a subprocess.

The subprocess runs (marked slow) are those where the process matters: the console script
and ``python -m`` as installed, their exit codes and streams, the help a terminal shows.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, ROWS, ecove, report_resources, run

import ecove_data
from ecove_data.cli import main

SCRIPT = Path(sys.executable).parent / "ecove-data"
REPORT_TABLES = report_resources()


def ecove_script(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed console script, as a user types ``ecove-data ARGS``."""
    return run([str(SCRIPT), *args], cwd=cwd, timeout=120)


@pytest.fixture(autouse=True)
def _no_data_dir_from_the_environment(monkeypatch):
    # xdist's workers set COLUMNS, which `show` reads as a terminal's width.
    monkeypatch.delenv("ECOVE_DATA_DIR", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)


def cli(capsys, *args: str) -> subprocess.CompletedProcess:
    """Run ``main(args)`` in this process; the result as a subprocess run would give it."""
    try:
        status = main(list(args))
    except SystemExit as exc:  # argparse's usage errors and --help
        status = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(list(args), status, out, err)


@pytest.mark.slow
@pytest.mark.parametrize("script", [False, True], ids=["python -m", "console script"])
def test_list(script):
    result = (ecove_script if script else ecove)("list")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    names = [line.split()[0] for line in lines]
    assert names == ecove_data.datasets()
    assert names[: len(REPORT_TABLES)] == REPORT_TABLES
    by_name = {line.split()[0]: line for line in lines}
    assert by_name["pact_sectors"].endswith("Pact for Skills sectors named in the report")
    assert by_name["derived_indicators"].endswith("Derived indicators")
    assert result.stderr == ""


def test_show(capsys):
    result = cli(capsys, "show", "pact_sectors")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["position", "sector", "in_networking_workshops"]
    assert len(lines) == 1 + ROWS["pact_sectors"]
    assert "Microelectronics" in lines[3]
    assert "False" in lines[3]
    assert "Offshore Renewable Energies" in result.stdout


def test_show_key_figures(capsys):
    result = cli(capsys, "show", "key_figures")
    assert result.returncode == 0, result.stderr
    assert "cove_call_2021_organisations" in result.stdout
    assert "7000000000" in result.stdout
    assert len(result.stdout.splitlines()) == 1 + ROWS["key_figures"]


def test_describe(capsys):
    result = cli(capsys, "describe", "key_figures")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "| column | type | dtype | unit | required | description |"
    assert len(lines) == 2 + len(ecove_data.describe("key_figures"))
    assert lines[4].startswith("| value | integer | Int64 |  | True | ")
    assert any(line.startswith("| line | integer | Int64 | line number | True |") for line in lines)


def test_describe_derived(capsys):
    result = cli(capsys, "describe", "derived_indicators")
    assert result.returncode == 0, result.stderr
    assert "| value | number | Float64 |" in result.stdout


def test_validate_ok(capsys):
    result = cli(capsys, "validate")
    assert result.returncode == 0, result.stderr
    frames = ecove_data.load_all()
    rows = sum(map(len, frames.values()))
    assert result.stdout.startswith(f"valid: {len(frames)} tables, {rows} rows in {DATA}\n")
    assert "\nchecked: the size and hash of " in result.stdout


@pytest.mark.slow
def test_validate_a_broken_copy(edit_csv):
    data_dir = edit_csv("activities", "VET attractiveness,57", "VET attractiveness,58")
    result = ecove_script("--data-dir", str(data_dir), "validate")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"ecove-data: 1 problem in 1 file of {data_dir}\n\nactivities.csv: 1 problem\n"
        "  row 9, column 'line': the quote starts on line 57 of the "
        "report, not line 58 [rule: quote]\n    How to fix: set line to 57\n"
    )


def test_validate_a_stale_copy_then_rehash(data_copy, capsys):
    path = data_copy / "key_figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("EU countries among them", "EU countries"),
        encoding="utf-8",
    )
    result = cli(capsys, "--data-dir", str(data_copy), "validate")
    assert result.returncode == 1
    assert "key_figures.csv: 1 problem\n  the file has" in result.stderr
    assert f"run `ecove-data rehash --data-dir {data_copy}`" in result.stderr
    result = cli(capsys, "--data-dir", str(data_copy), "rehash")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "updated: key_figures\n"
    result = cli(capsys, "--data-dir", str(data_copy), "rehash")
    assert result.stdout == "every hash is current\n"
    result = cli(capsys, "--data-dir", str(data_copy), "validate")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("valid: ")


def test_rehash_of_the_real_data_changes_nothing(capsys):
    before = (DATA / "datapackage.json").read_bytes()
    result = cli(capsys, "rehash")
    assert result.returncode == 0, result.stderr
    assert result.stdout == "every hash is current\n"
    assert (DATA / "datapackage.json").read_bytes() == before


def test_data_dir_that_does_not_exist(tmp_path, capsys):
    result = cli(capsys, "--data-dir", str(tmp_path / "nowhere"), "validate")
    assert result.returncode == 1
    assert "the data folder does not exist" in result.stderr
    assert "How to fix: pass --data-dir a copy" in result.stderr
    assert "Traceback" not in result.stderr


def test_export_csv(tmp_path, capsys):
    result = cli(capsys, "export", "--format", "csv", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    frames = ecove_data.load_all()
    assert result.stdout.splitlines() == [str(tmp_path / f"{name}.csv") for name in frames]
    for name in REPORT_TABLES:
        back = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False)
        frame = frames[name]
        assert list(back.columns) == list(frame.columns)
        expected = frame.astype(object).where(frame.notna(), "").astype(str)
        assert back.values.tolist() == expected.values.tolist(), name


def test_export_xlsx(tmp_path, capsys):
    result = cli(capsys, "export", "--format", "xlsx", "--out", str(tmp_path / "x"))
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


def test_export_md(tmp_path, capsys):
    result = cli(capsys, "export", "--format", "md", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "ecove-data.md").read_text(encoding="utf-8")
    for name in [*ecove_data.datasets(), "data_dictionary"]:
        assert f"\n## {name}\n" in "\n" + text
    assert "| 2 | Boudewijn Grievink |  | Katapult |" in text


def test_export_a_broken_copy(edit_csv, tmp_path, capsys):
    data_dir = edit_csv("workshops", "5,Personalisation", "6,Personalisation")
    result = cli(
        capsys, "--data-dir", str(data_dir), "export", "--format", "csv", "--out", str(tmp_path)
    )
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
def test_bad_arguments(args, message, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    result = cli(capsys, *args)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.startswith("usage: ecove-data")
    assert "Traceback" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("command", ["show", "describe"])
def test_unknown_table(command, capsys):
    result = cli(capsys, command, "pact_sector")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("ecove-data: unknown dataset 'pact_sector'. ")
    assert "Did you mean 'pact_sectors'?" in result.stderr
    assert "Valid names: " + ", ".join(ecove_data.datasets()) in result.stderr


@pytest.mark.slow
def test_help_lists_the_commands():
    result = ecove_script("--help")
    assert result.returncode == 0
    for command in ["list", "show", "describe", "validate", "rehash", "export"]:
        assert command in result.stdout


@pytest.mark.slow
def test_a_usage_error_exits_2_with_usage_on_stderr(tmp_path):
    result = ecove_script("export", "--format", "pdf", "--out", "x", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith("usage: ecove-data")
    assert "invalid choice: 'pdf'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_main_returns_the_status(capsys):
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("valid: ")
    assert main(["show", "nope"]) == 2
    assert "unknown dataset 'nope'" in capsys.readouterr().err
