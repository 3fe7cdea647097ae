"""The command line at its edges: option order, help, advice that works as typed, the terminal."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, clean_env, ecove, run

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import refresh_hashes

# The command line as a terminal meets it: each test runs it in a subprocess.
pytestmark = pytest.mark.slow

COMMANDS = ["list", "show", "describe", "validate", "rehash", "export", "figures"]
SUGGESTED = re.compile(r"`(ecove-data [^`]+)`")


def run_typed(command: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run a command as a person would type it from a message."""
    words = shlex.split(command)
    assert words[0] == "ecove-data"
    return ecove(*words[1:], cwd=cwd)


@pytest.mark.parametrize("order", ["before", "after"])
def test_data_dir_before_or_after_the_command(data_copy, order):
    args = ["--data-dir", str(data_copy)]
    result = ecove(*([*args, "validate"] if order == "before" else ["validate", *args]))
    assert result.returncode == 0, result.stderr
    assert f"rows in {data_copy}\n" in result.stdout


def test_data_dir_after_the_command_is_the_one_used(edit_csv):
    broken = edit_csv("activities", "VET attractiveness,57", "VET attractiveness,58")
    result = ecove("show", "activities", "--data-dir", str(broken))
    assert result.returncode == 1
    assert "activities.csv, row 9, column 'line'" in result.stderr
    assert ecove("--data-dir", str(broken), "show", "activities").stderr == result.stderr


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_shows_data_dir_and_the_exit_codes(command):
    result = ecove(command, "--help")
    assert result.returncode == 0
    assert "--data-dir DIR" in result.stdout
    assert "ECOVE_DATA_DIR" in result.stdout
    assert re.search(r"^\s+73\s+a file or folder cannot be written", result.stdout, re.M)
    assert re.search(r"^\s+2\s+bad usage", result.stdout, re.M)


def test_version():
    result = ecove("--version")
    assert result.returncode == 0
    assert result.stdout == f"ecove-data {ecove_data_version()}\n"


def ecove_data_version() -> str:
    from importlib import metadata

    return metadata.version("ecove-data")


@pytest.mark.parametrize("jobs", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_a_positive_number(jobs, tmp_path):
    result = ecove("figures", "--out", str(tmp_path / "f"), "--jobs", jobs)
    assert result.returncode == 2
    assert f"argument --jobs: must be a positive whole number, such as 2, not {jobs!r}" in (
        result.stderr
    )
    assert not (tmp_path / "f").exists()


def test_unknown_names_are_bad_usage(tmp_path):
    assert ecove("show", "activity").returncode == 2
    result = ecove("figures", "--out", str(tmp_path), "--only", "activity")
    assert result.returncode == 2
    assert "Did you mean 'activities'?" in result.stderr


# --- advice that works as typed --------------------------------------------------------------


def test_stale_hash_advice_works_as_typed(data_copy, tmp_path):
    path = data_copy / "key_figures.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(DataError) as info:
        ecove_data.load_all(data_dir=data_copy)
    cli = ecove("validate", "--data-dir", str(data_copy))
    for message in (str(info.value), cli.stderr):
        (command,) = SUGGESTED.findall(message)
        assert command == f"ecove-data rehash --data-dir {data_copy}"
    # Typed as written, from another folder: it records the file, then the data loads.
    result = run_typed(command, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "updated: key_figures\n"
    assert len(ecove_data.load("key_figures", data_dir=data_copy)) == 13


def test_stale_hash_advice_with_spaces_in_the_folder(tmp_path):
    import shutil

    spaced = tmp_path / "my data"
    shutil.copytree(DATA, spaced)
    path = spaced / "activities.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    with pytest.raises(DataError) as info:
        ecove_data.load_all(data_dir=spaced)
    (command,) = SUGGESTED.findall(str(info.value))
    assert run_typed(command).returncode == 0
    assert ecove_data.load_all(data_dir=spaced)


def test_advice_for_the_packages_own_data_needs_no_data_dir():
    from ecove_data._descriptor import command, default_data_dir

    assert command("rehash", default_data_dir()) == "ecove-data rehash"
    assert run_typed("ecove-data rehash").stdout == "every hash is current\n"


def test_more_problems_advice_works_as_typed(data_copy):
    for name, old, new in [
        ("activities.csv", b"VET attractiveness,57", b"VET attractiveness,58"),
        ("workshops.csv", b"5,Personalisation", b"6,Personalisation"),
        ("pact_sectors.csv", b"3,Microelectronics,false,", b"3,Microelectronics,maybe,"),
    ]:
        path = data_copy / name
        path.write_bytes(path.read_bytes().replace(old, new, 1))
    refresh_hashes(data_copy)
    with pytest.raises(DataError) as info:
        ecove_data.load_all(data_dir=data_copy)
    message = str(info.value)
    # The first problem in descriptor order: pact_sectors comes before activities.
    assert message.startswith(
        "pact_sectors.csv, row 4, column 'in_networking_workshops': 'maybe' is not a boolean"
    )
    assert "How to fix: write true or false\nAnd 2 more problems: " in message
    (command,) = SUGGESTED.findall(message)
    result = run_typed(command)
    assert result.returncode == 1
    assert result.stderr.startswith(f"ecove-data: 3 problems in 3 files of {data_copy}\n")
    for header in ("activities.csv: 1 problem", "workshops.csv: 1 problem"):
        assert f"\n{header}\n" in result.stderr
    assert "  row 9, column 'line': the quote starts on line 57" in result.stderr
    for header in ("pact_sectors.csv: 1 problem",):
        assert f"\n{header}\n" in result.stderr
    assert "  row 4, column 'in_networking_workshops': 'maybe' is not a boolean" in result.stderr


def test_every_message_that_suggests_a_command_is_tested_above():
    """Messages suggest commands through one helper; each command it is given runs above."""
    root = Path(ecove_data.__file__).parent
    suggested = set()
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        suggested |= set(re.findall(r"`\{command\('(\w+)', ", text))
        # No message writes an ecove-data command by hand, where it could go stale.
        assert not re.search(r"(fix|problem)=f?\"[^\"]*`ecove-data ", text), path
    assert suggested == {"rehash", "validate"}


# --- the command line speaks of --data-dir, Python of data_dir= ------------------------------


def test_a_missing_folder_is_called_missing(tmp_path):
    nowhere = tmp_path / "nowhere"
    result = ecove("validate", "--data-dir", str(nowhere))
    assert result.returncode == 1
    assert result.stderr.startswith(f"ecove-data: {nowhere}: the data folder does not exist")
    assert "--data-dir" in result.stderr
    assert "data_dir=" not in result.stderr
    with pytest.raises(DataError) as info:
        ecove_data.load("activities", data_dir=nowhere)
    assert "the data folder does not exist" in str(info.value)
    assert "data_dir= or ECOVE_DATA_DIR" in str(info.value)
    assert "--data-dir" not in str(info.value)


def test_a_folder_without_a_descriptor(tmp_path):
    result = ecove("list", "--data-dir", str(tmp_path))
    assert result.returncode == 1
    assert "no data package descriptor here" in result.stderr
    assert "How to fix: pass --data-dir a copy of the package's data/ folder" in result.stderr


def test_validate_says_what_it_checked():
    result = ecove("validate")
    assert result.returncode == 0, result.stderr
    first, second = result.stdout.splitlines()
    frames = ecove_data.load_all()
    assert first == f"valid: {len(frames)} tables, {sum(map(len, frames.values()))} rows in {DATA}"
    assert second.startswith("checked: the size and hash of 13 files; ")
    assert "the quote and line of 43 report rows" in second
    assert "15 cross-table rules; 4 derived indicators" in second


# --- show and the terminal --------------------------------------------------------------------


def test_show_fits_the_terminal_width():
    result = ecove("show", "context_cove_calls", env=clean_env(COLUMNS="60"))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert max(map(len, lines)) <= 60
    assert "..." in result.stdout  # long text is cut


def test_show_full_prints_every_cell_whole():
    frame = ecove_data.load("context_cove_calls")
    longest = max(frame["source_quote"].dropna(), key=len)
    result = ecove("show", "context_cove_calls", "--full", env=clean_env(COLUMNS="60"))
    assert result.returncode == 0
    assert longest in result.stdout
    assert len(result.stdout.splitlines()) == len(frame) + 1


def test_show_into_a_closed_pipe_is_quiet():
    # The reader is gone before the first line is written, as with `| head` on a long table.
    read, write = os.pipe()
    os.close(read)
    try:
        result = ecove(
            "show", "context_cove_calls", stdout=write, stderr=subprocess.PIPE, timeout=120
        )
    finally:
        os.close(write)
    assert result.stderr == ""
    assert result.returncode == 141


def test_show_piped_into_head_is_quiet():
    shell = f"{shlex.quote(sys.executable)} -m ecove_data show context_cove_calls | head -n 1"
    result = run(["sh", "-c", shell], timeout=120)
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout.split()[:2] == ["call_year", "measure"]
