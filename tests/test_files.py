"""Folders and files that cannot be written: one line, exit 73, the previous files intact.

The command line runs in a subprocess, as a person runs it. Tests run as root here and in
CI, and root writes into a folder whatever its permissions say, so a read-only folder is
made read-only for real: a read-only bind mount in a user and mount namespace when
running as root, its permissions otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from conftest import run as child

# Unwritable places as the command line meets them: subprocess runs.
pytestmark = pytest.mark.slow

EXIT_CANNOT_WRITE = 73
FIGURES = ROOT / "figures"


def run(*args: str, prefix: list[str] | None = None) -> subprocess.CompletedProcess:
    """``python -m ecove_data ARGS``, behind ``prefix`` (a command that runs it: unshare)."""
    return child([*(prefix or []), sys.executable, "-m", "ecove_data", *args])


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.name: (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def assert_one_line(result: subprocess.CompletedProcess, target: Path, reason: str) -> None:
    assert result.returncode == EXIT_CANNOT_WRITE, result.stderr
    assert result.stderr == f"ecove-data: cannot write {target}: {reason}\n"
    assert "Traceback" not in result.stderr


def read_only(folder: Path) -> list[str]:
    """Make ``folder`` read-only for the command run with the returned prefix."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    unshare = shutil.which("unshare")
    probe = [unshare or "unshare", "--user", "--map-root-user", "--mount", "true"]
    if unshare is None or subprocess.run(probe, capture_output=True).returncode != 0:
        pytest.skip("running as root without user namespaces: no way to refuse root a write")
    script = 'mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" "$0" && exec "$@"'
    return [unshare, "--user", "--map-root-user", "--mount", "sh", "-c", script, str(folder)]


@pytest.fixture
def old_exports(tmp_path: Path) -> Path:
    folder = tmp_path / "shared"
    folder.mkdir()
    for name in ("activities.csv", "ecove-data.xlsx", "ecove-data.md"):
        (folder / name).write_text("previous\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "md"])
def test_export_into_a_read_only_folder(old_exports, fmt):
    before = snapshot(old_exports)
    prefix = read_only(old_exports)
    result = run("export", "--format", fmt, "--out", str(old_exports), prefix=prefix)
    first = {"csv": "key_figures.csv", "xlsx": "ecove-data.xlsx", "md": "ecove-data.md"}[fmt]
    reason = "Read-only file system" if prefix else "Permission denied"
    assert_one_line(result, old_exports / first, reason)
    assert result.stdout == ""
    assert snapshot(old_exports) == before


def test_export_to_a_path_that_is_a_file(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"a colleague's document")
    result = run("export", "--format", "csv", "--out", str(target))
    assert_one_line(result, target, "it is a file, not a folder")
    assert target.read_bytes() == b"a colleague's document"


def test_export_under_a_parent_that_is_a_file(tmp_path):
    parent = tmp_path / "notes.txt"
    parent.write_text("x", encoding="utf-8")
    result = run("export", "--format", "md", "--out", str(parent / "out"))
    assert_one_line(result, parent / "out", "Not a directory")


def test_export_where_no_folder_can_be_made():
    # /proc takes no new folders, whoever asks.
    target = Path("/proc/ecove-data-export")
    result = run("export", "--format", "csv", "--out", str(target))
    assert result.returncode == EXIT_CANNOT_WRITE, result.stderr
    assert result.stderr.startswith(f"ecove-data: cannot write {target}: ")
    assert len(result.stderr.splitlines()) == 1


def test_figures_into_a_read_only_folder(tmp_path):
    out = tmp_path / "figures"
    shutil.copytree(FIGURES, out)
    # Files from an older drawing: the run must replace them, and meets the read-only folder.
    for path in out.glob("*.png"):
        path.write_bytes(path.read_bytes() + b"older")
    before = snapshot(out)
    prefix = read_only(out)
    result = run("figures", "--out", str(out), "--force", "--jobs", "1", prefix=prefix)
    assert result.returncode == EXIT_CANNOT_WRITE, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"ecove-data: cannot write {out}/")
    assert lines[0].endswith("Read-only file system" if prefix else "Permission denied")
    assert snapshot(out) == before


def test_figures_manifest_that_cannot_be_replaced(tmp_path):
    out = tmp_path / "figures"
    shutil.copytree(FIGURES, out)
    # A folder where manifest.json should be: the figures are current, the manifest not.
    (out / "manifest.json").unlink()
    (out / "manifest.json").mkdir()
    before = snapshot(out)
    result = run("figures", "--out", str(out), "--jobs", "1")
    assert result.returncode == EXIT_CANNOT_WRITE, result.stderr
    assert result.stderr.startswith(f"ecove-data: cannot write {out / 'manifest.json'}: ")
    assert len(result.stderr.splitlines()) == 1
    assert snapshot(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_figures_to_a_path_that_is_a_file(tmp_path):
    target = tmp_path / "figures.zip"
    target.write_bytes(b"zip")
    result = run("figures", "--out", str(target), "--only", "activities")
    assert_one_line(result, target, "it is a file, not a folder")
    assert target.read_bytes() == b"zip"


def test_rehash_in_a_read_only_data_folder(data_copy):
    path = data_copy / "key_figures.csv"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    descriptor = (data_copy / "datapackage.json").read_bytes()
    prefix = read_only(data_copy)
    result = run("rehash", "--data-dir", str(data_copy), prefix=prefix)
    reason = "Read-only file system" if prefix else "Permission denied"
    assert_one_line(result, data_copy / "datapackage.json", reason)
    assert (data_copy / "datapackage.json").read_bytes() == descriptor


def test_exports_get_the_permissions_the_umask_gives(tmp_path):
    import ecove_data

    old = os.umask(0o022)
    try:
        written = ecove_data.export("csv", tmp_path / "a") + ecove_data.export("xlsx", tmp_path)
        written += ecove_data.export("md", tmp_path)
    finally:
        os.umask(old)
    for path in written:
        assert path.stat().st_mode & 0o777 == 0o644, path
    old = os.umask(0o077)
    try:
        (path,) = ecove_data.export("md", tmp_path / "private")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o600


def test_the_csv_export_opens_in_excel_with_accents(tmp_path):
    import ecove_data

    written = ecove_data.export("csv", tmp_path)
    key_figures = next(path for path in written if path.name == "key_figures.csv")
    data = key_figures.read_bytes()
    # Excel reads a CSV as UTF-8 only when it starts with a byte-order mark.
    assert data.startswith(b"\xef\xbb\xbffigure_id,")
    assert "Campus des Métiers".encode() in data
