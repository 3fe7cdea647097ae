"""``ecove-data figures`` as a person runs it: files, manifest, gallery, skips, errors, bytes.

The full build that the reading tests share runs in a subprocess, as `make figures` runs it;
the other runs call ``main(argv)`` in-process. The tests that need the full build (or check
the bytes of the committed figures) are marked slow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT, ecove, run

from ecove_data import figures
from ecove_data.cli import main
from ecove_data.figures import _build, render

COMMITTED = ROOT / "figures"
NAMES = list(figures.REGISTRY)


def figures_cli(capsys, *args: str) -> subprocess.CompletedProcess[str]:
    """``ecove-data figures ARGS`` in this process, its result as a subprocess run gives it."""
    try:
        status = main(["figures", *args])
    except SystemExit as exc:
        status = exc.code
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["figures", *args], status, out, err)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One full build of every figure, shared by the tests that only read it."""
    out = tmp_path_factory.mktemp("figures") / "figures"
    result = ecove("figures", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(autouse=True)
def _no_data_dir_from_the_environment(monkeypatch):
    monkeypatch.delenv("ECOVE_DATA_DIR", raising=False)


@pytest.fixture
def copy(built: Path, tmp_path: Path) -> Path:
    """A copy of the shared build, for tests that change it."""
    target = tmp_path / "figures"
    shutil.copytree(built, target)
    return target


def manifest(folder: Path) -> dict[str, dict]:
    raw = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return {entry["name"]: entry for entry in raw["figures"]}


@pytest.mark.slow
def test_writes_every_format_manifest_and_gallery(built):
    files = snapshot(built)
    for name in NAMES:
        for fmt in ("png", "svg", "pdf"):
            assert f"{name}.{fmt}" in files
    assert set(files) == {f"{n}.{f}" for n in NAMES for f in ("png", "svg", "pdf")} | {
        "manifest.json",
        "README.md",
    }
    entries = manifest(built)
    assert list(entries) == NAMES
    for name, entry in entries.items():
        spec = figures.REGISTRY[name]
        assert entry["title"] == spec.title and entry["caption"] == spec.caption
        assert entry["alt_text"] == figures.alt_text(name)
        assert entry["files"] == [f"{name}.png", f"{name}.svg", f"{name}.pdf"]
        assert re.fullmatch(r"sha256:[0-9a-f]{64}", entry["inputs"])
    readme = (built / "README.md").read_text(encoding="utf-8")
    for name in NAMES:
        assert f"({name}.png)" in readme
        assert figures.REGISTRY[name].caption in readme
        assert f"Alt text: {figures.alt_text(name)}" in readme


@pytest.mark.slow
def test_png_is_300_dpi_at_a4_width(built):
    from PIL import Image

    with Image.open(built / "activities.png") as image:
        assert image.size[0] in (1889, 1890)  # 16 cm at 300 dpi
        assert round(image.info["dpi"][0]) == 300
        assert image.text["Description"] == figures.alt_text("activities")
        assert "Software" not in image.text
    with Image.open(built / "call_2021_countries.png") as image:
        assert image.size[0] in (944, 945)  # 8 cm


def _pdf_subject(data: bytes) -> str:
    match = re.search(rb"/Subject\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f]+>)", data)
    assert match, "no /Subject in the PDF"
    raw = match.group(1)
    if raw.startswith(b"<"):
        return bytes.fromhex(raw[1:-1].decode()).decode("utf-16")
    text = re.sub(rb"\\([()\\])", rb"\1", raw[1:-1])
    return text.decode("utf-16") if text.startswith(b"\xfe\xff") else text.decode("latin-1")


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_svg_and_pdf_carry_the_alt_text(built, name):
    alt = figures.alt_text(name)
    root = ET.parse(built / f"{name}.svg").getroot()
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == figures.REGISTRY[name].title
    assert root.find(f"{ns}desc").text == alt
    pdf = (built / f"{name}.pdf").read_bytes()
    assert _pdf_subject(pdf) == alt
    assert b"CreationDate" not in pdf and b"Matplotlib" not in pdf
    svg = (built / f"{name}.svg").read_text(encoding="utf-8")
    assert "Matplotlib v" not in svg and "<dc:date>" not in svg


@pytest.mark.slow
def test_committed_figures_are_what_the_command_makes(built):
    assert snapshot(COMMITTED) == snapshot(built), (
        "figures/ is stale: run `make figures` and commit the result"
    )


@pytest.mark.slow
def test_two_runs_give_the_same_bytes(built, tmp_path, capsys):
    # One process this time instead of two: the bytes must not depend on it either.
    result = figures_cli(capsys, "--out", str(tmp_path / "again"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    assert snapshot(tmp_path / "again") == snapshot(built)


@pytest.mark.slow
def test_a_run_with_nothing_to_do_skips_without_matplotlib(copy):
    before = snapshot(copy)
    code = (
        "import sys\n"
        "from ecove_data.cli import main\n"
        f"status = main(['figures', '--out', {str(copy)!r}])\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib was imported'\n"
        "sys.exit(status)\n"
    )
    result = run([sys.executable, "-c", code], cwd=ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["skipped"] * len(NAMES)
    assert [line.split()[1] for line in lines[:-1]] == NAMES
    assert re.search(r"\d+ s$|s  \(up to date\)$", lines[0])
    assert lines[-1].startswith(f"{len(NAMES)} figures: 0 drawn, {len(NAMES)} skipped, 0 failed")
    assert snapshot(copy) == before


@pytest.mark.slow
def test_force_redraws(copy, capsys):
    (copy / "activities.png").write_bytes(b"tampered")
    result = figures_cli(
        capsys, "--out", str(copy), "--only", "activities", "call_2021_countries", "--force"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["drawn", "call_2021_countries"]
    assert lines[1].split()[:2] == ["drawn", "activities"]
    assert re.search(r"\d+\.\d\d s$", lines[0])
    assert (copy / "activities.png").read_bytes() != b"tampered"


@pytest.mark.slow
def test_a_changed_output_file_is_redrawn_without_force(copy, built, capsys):
    (copy / "day2_workshops.svg").write_text("<svg/>", encoding="utf-8")
    result = figures_cli(capsys, "--out", str(copy))
    assert result.returncode == 0, result.stderr
    drawn = [line.split()[1] for line in result.stdout.splitlines() if line.startswith("drawn")]
    assert drawn == ["day2_workshops"]
    assert snapshot(copy) == snapshot(built)


def test_only_and_format(tmp_path, capsys):
    out = tmp_path / "some"
    result = figures_cli(capsys, "--out", str(out), "--only", "activities", "--format", "svg,png")
    assert result.returncode == 0, result.stderr
    assert set(snapshot(out)) == {"activities.png", "activities.svg", "manifest.json", "README.md"}
    assert list(manifest(out)) == ["activities"]
    assert manifest(out)["activities"]["files"] == ["activities.png", "activities.svg"]


@pytest.mark.parametrize(
    ("args", "message", "valid"),
    [
        (["--only", "activity"], "unknown figure 'activity'", "key_figures_panel"),
        (["--format", "png,jpg"], "unknown format 'jpg'", "png, svg, pdf"),
    ],
)
def test_bad_names_and_formats_are_refused(tmp_path, args, message, valid, capsys):
    result = figures_cli(capsys, "--out", str(tmp_path / "out"), *args)
    assert result.returncode == 2
    assert message in result.stderr and valid in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_failing_figure_leaves_its_previous_files_intact(copy, monkeypatch, capsys):
    before = snapshot(copy)

    def broken(path: Path, alt: str) -> None:
        raise RuntimeError("disk full")

    # The SVG step fails after the PNG was saved: nothing may replace the old files.
    monkeypatch.setattr(render, "add_svg_desc", broken)
    status = main(["figures", "--out", str(copy), "--only", "activities", "--force", "--jobs", "1"])
    err = capsys.readouterr()
    assert status == 1
    assert "activities failed" in err.err and "disk full" in err.err
    assert "FAILED   activities" in err.out
    assert snapshot(copy) == before
    assert not [p for p in copy.iterdir() if ".tmp" in p.name]


def test_bad_data_exits_non_zero(tmp_path, data_copy, monkeypatch, capsys):
    (data_copy / "activities.csv").write_text("position,activity\n1,x\n", encoding="utf-8")
    monkeypatch.setenv("ECOVE_DATA_DIR", str(data_copy))
    result = figures_cli(capsys, "--out", str(tmp_path / "o"), "--force")
    assert result.returncode == 1
    assert "activities.csv" in result.stderr


def test_inputs_hash_follows_data_code_and_style_only(data_copy):
    from ecove_data._descriptor import read_package

    spec = figures.REGISTRY["activities"]
    versions = {"matplotlib": "x"}
    first = _build.inputs_hash(spec, read_package(data_copy), versions)
    raw = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    raw["resources"].append({"name": "unrelated", "path": "unrelated.csv"})
    (data_copy / "datapackage.json").write_text(json.dumps(raw), encoding="utf-8")
    assert _build.inputs_hash(spec, read_package(data_copy), versions) == first
    path = data_copy / "activities.csv"
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert _build.inputs_hash(spec, read_package(data_copy), versions) != first
    assert _build.inputs_hash(spec, read_package(data_copy), {"matplotlib": "y"}) != first


def test_the_build_leaves_the_environment_and_the_backend_as_they_were(tmp_path, monkeypatch):

    import matplotlib

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    environment = dict(os.environ)
    # Read past rcParams' own lookup, which would resolve an automatic backend.
    backend = dict.__getitem__(matplotlib.rcParams, "backend")
    result = _build.build(
        tmp_path / "out", only=["activities"], formats=["png"], jobs=1, echo=lambda line: None
    )
    assert result.drawn == ["activities"]
    assert dict(os.environ) == environment
    assert dict.__getitem__(matplotlib.rcParams, "backend") == backend
