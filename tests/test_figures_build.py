"""ecove_data.figures._build: figures never go stale silently, and the code hash behind it.

Edits that change no drawing churn no file. A copy of the package is edited and run with
`ecove-data figures` in a subprocess (the slow tests):
a change anywhere in its code (the loader included) redraws, a docstring or a comment
does not, and a redraw that gives the same bytes leaves the files untouched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA, ROOT, clean_env, ecove

from ecove_data.figures import _build
from ecove_data.figures._build import code_hash

# Each slow test copies the package and draws the figures in a subprocess.


@pytest.fixture
def package(tmp_path: Path) -> Path:
    """A copy of the ecove_data package, importable from the returned folder."""
    shutil.copytree(
        ROOT / "ecove_data", tmp_path / "pkg" / "ecove_data", ignore=shutil.ignore_patterns("_data")
    )
    return tmp_path / "pkg"


def edit(package: Path, module: str, old: str, new: str) -> None:
    path = package / "ecove_data" / module
    text = path.read_text(encoding="utf-8")
    assert old in text, (module, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def figures(package: Path, out: Path, only: tuple[str, ...] = ("activities",)) -> str:
    args = ["--out", str(out), "--only", *only, "--format", "png", "--jobs", "1"]
    result = ecove(
        "figures",
        "--data-dir",
        str(DATA),
        *args,
        env=clean_env(PYTHONPATH=str(package)),
        cwd=package,
    )
    assert result.returncode == 0, result.stderr
    # The copy, not the installed package, did the work.
    return result.stdout


def state(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(out.iterdir())}


@pytest.mark.slow
def test_code_hash_ignores_docstrings_and_comments_only(package):
    root = package / "ecove_data"
    first = code_hash(root)
    edit(package, "_load.py", '"""Loading: descriptor', '"""Loading (edited docstring): descriptor')
    edit(package, "_load.py", "\n_ROLES: ", "\n# A new comment, and a blank line.\n\n_ROLES: ")
    edit(
        package, "_derived.py", "    value_of = dict(", "    # why, not what\n    value_of = dict("
    )
    assert code_hash(root) == first
    edit(package, "_derived.py", '"derived": True,', '"derived": bool(1),')
    assert code_hash(root) != first


@pytest.mark.slow
def test_a_loader_change_redraws_and_a_docstring_change_does_not(package, tmp_path):
    out = tmp_path / "out"
    assert "drawn    activities" in figures(package, out)
    first = state(out)
    assert set(first) == {"activities.png", "manifest.json", "README.md"}

    # A docstring and a comment in the loader: nothing to redraw, no file touched.
    edit(
        package,
        "_load.py",
        "    Examples\n    --------\n    >>> figures = load(",
        ("    More words in the docstring.\n\n    Examples\n    --------\n    >>> figures = load("),
    )
    edit(package, "_load.py", "\n_ROLES: ", "\n# A comment.\n_ROLES: ")
    assert "skipped  activities" in figures(package, out)
    assert state(out) == first

    # Code of the loader changes: the figure is redrawn. Its bytes come out the same, so
    # the PNG is left as it was; the manifest records the new inputs.
    edit(package, "_load.py", "\n_ROLES: ", "\n_UNUSED = 1\n_ROLES: ")
    assert "drawn    activities" in figures(package, out)
    second = state(out)
    assert second["activities.png"] == first["activities.png"]
    assert second["README.md"] == first["README.md"]
    assert second["manifest.json"][0] != first["manifest.json"][0]

    # A change in what the loader returns changes the drawing, and the file.
    edit(
        package,
        "_load.py",
        "    return {name: frame.copy(deep=True) for name, frame in _validated(data_dir).items()}",
        "    frames = {name: frame.copy() for name, frame in _validated(data_dir).items()}\n"
        "    frames['activities'] = frames['activities'].iloc[:4]\n"
        "    return frames",
    )
    assert "drawn    activities" in figures(package, out)
    assert state(out)["activities.png"][0] != first["activities.png"][0]


@pytest.mark.slow
def test_a_caption_edit_redraws_nothing_and_reaches_the_manifest_and_gallery(package, tmp_path):
    out = tmp_path / "out"
    assert "drawn    activities" in figures(package, out)
    first = state(out)
    old = "The main activities of the 2021 call's proposals in the order"
    new = "The main activities of the 2021 call's proposals, in the order"
    assert code_hash(package / "ecove_data") == code_hash(ROOT / "ecove_data")
    edit(package, "figures/captions.toml", old, new)
    # Words are not code: the package's code hash is the same.
    assert code_hash(package / "ecove_data") == code_hash(ROOT / "ecove_data")
    assert "skipped  activities" in figures(package, out)
    after = state(out)
    assert after["activities.png"] == first["activities.png"]
    (entry,) = json.loads(after["manifest.json"][0])["figures"]
    assert entry["caption"].startswith(new)
    assert new in after["README.md"][0].decode("utf-8")
    assert old not in after["README.md"][0].decode("utf-8")


@pytest.mark.slow
def test_a_title_edit_redraws_that_figure_only(package, tmp_path):
    out = tmp_path / "out"
    both = ("activities", "day2_workshops")
    drawn = figures(package, out, both)
    assert "drawn    activities" in drawn and "drawn    day2_workshops" in drawn
    first = state(out)
    edit(
        package,
        "figures/captions.toml",
        'title = "Workshops of the second day"',
        'title = "The workshops of the second day"',
    )
    again = figures(package, out, both)
    assert "skipped  activities" in again and "drawn    day2_workshops" in again
    after = state(out)
    assert after["activities.png"] == first["activities.png"]
    # The title is in the PNG's metadata: the file changes with it.
    assert after["day2_workshops.png"][0] != first["day2_workshops.png"][0]
    assert b"The workshops of the second day" in after["day2_workshops.png"][0]
    assert "## The workshops of the second day" in after["README.md"][0].decode("utf-8")


# --- the package's code hash, kept in the user's cache under the bytes it was computed from


def test_the_cached_hash_is_the_computed_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    _build._package_code_hash.cache_clear()
    try:
        first = _build.code_hash()
        (cached,) = (tmp_path / "ecove-data").iterdir()
        assert cached.read_text(encoding="ascii") == first == _build._code_hash(_build.PACKAGE)
        # A stale entry under the same key would be used: the key is what keeps it true.
        cached.write_text("sha256:from-the-cache", encoding="ascii")
        _build._package_code_hash.cache_clear()
        assert _build.code_hash() == "sha256:from-the-cache"
    finally:
        _build._package_code_hash.cache_clear()


def test_without_a_cache_folder_the_hash_is_computed(tmp_path: Path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    _build._package_code_hash.cache_clear()
    try:
        assert _build.code_hash() == _build._code_hash(_build.PACKAGE)
    finally:
        _build._package_code_hash.cache_clear()
