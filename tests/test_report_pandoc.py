"""ecove_data.report._pandoc: a pandoc run is given back only when everything it reads is the same.

pandoc itself runs in these tests: what a kept run gives back is what pandoc gives.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecove_data.report import _pandoc

HTML = ["-f", "markdown", "-t", "html5", "--standalone", "--embed-resources", "--wrap=none"]


@pytest.fixture
def runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The arguments of every pandoc process started, with an empty cache of runs."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    started: list[list[str]] = []
    real = _pandoc.pandoc

    def counted(args: list[str], source: str | bytes | None = None, env: object = None) -> bytes:
        started.append(args)
        return real(args, source)

    monkeypatch.setattr(_pandoc, "pandoc", counted)
    return started


def _page(work: Path, css: str = "p { color: #1a1a1a; }") -> tuple[list[str], str]:
    """The arguments and input of a page's run in ``work`` (made if missing), its style sheet."""
    work.mkdir(exist_ok=True)
    (work / "page.css").write_text(css, encoding="utf-8")
    return [*HTML, f"--css={work / 'page.css'}", f"--resource-path={work}"], "# A page\n\nText.\n"


def _kept(args: list[str], source: str, work: Path, **options: bool) -> bytes:
    """A page's run, reading its style sheet."""
    return _pandoc.pandoc_kept(args, source, work=work, reads=["page.css"], **options)


def test_the_same_run_is_given_back_without_pandoc(runs: list[list[str]], tmp_path: Path) -> None:
    work = tmp_path / "build"
    args, source = _page(work)
    first = _kept(args, source, work)
    assert b"color: #1a1a1a" in first
    assert _kept(args, source, work) == first
    assert len(runs) == 1
    # Another build's folder, the same files in it: the same run.
    other = tmp_path / "another build"
    args, source = _page(other)
    assert _kept(args, source, other) == first
    assert len(runs) == 1


def test_a_changed_file_argument_or_input_runs_pandoc_again(
    runs: list[list[str]], tmp_path: Path
) -> None:
    work = tmp_path / "build"
    args, source = _page(work)
    first = _kept(args, source, work)
    _page(work, css="p { color: #000000; }")
    changed = _kept(args, source, work)
    assert b"color: #000000" in changed and changed != first
    titled = _pandoc.pandoc_kept([*args, "--metadata", "pagetitle=T"], source, work=work)
    assert b"<title>T</title>" in titled
    edited = _kept(args, source + "More.\n", work)
    assert b"More." in edited
    assert len(runs) == 4


def test_without_reuse_pandoc_runs_and_its_output_is_kept(
    runs: list[list[str]], tmp_path: Path
) -> None:
    work = tmp_path / "build"
    args, source = _page(work)
    first = _kept(args, source, work, reuse=False)
    assert _kept(args, source, work, reuse=False) == first
    assert len(runs) == 2
    assert _kept(args, source, work) == first
    assert len(runs) == 2


def test_a_cache_that_cannot_be_written_gives_the_output_all_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    out = _pandoc.pandoc_kept(["-f", "markdown", "-t", "html5"], "*Text*")
    assert out.strip() == b"<p><em>Text</em></p>"


def test_the_newest_runs_are_kept(
    runs: list[list[str]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_pandoc, "KEEP", 2)
    for word in ("one", "two", "three"):
        _pandoc.pandoc_kept(["-f", "markdown", "-t", "html5"], word)
    assert len(list((tmp_path / "cache" / "ecove-data" / "pandoc").iterdir())) == 2


def test_pandoc_failing_says_why() -> None:
    with pytest.raises(RuntimeError, match=r"pandoc -f nonsense failed: .*nonsense"):
        _pandoc.pandoc(["-f", "nonsense"], "text")
