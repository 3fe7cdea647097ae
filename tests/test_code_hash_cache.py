"""The package's code hash is kept in the user's cache, under the bytes it was computed from."""

from __future__ import annotations

from pathlib import Path

import pytest

from ecove_data.figures import _build


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
