"""Running pandoc: the binary of the ``pypandoc-binary`` wheel, and runs kept for the next build.

Most of a documents build that follows a small edit is pandoc converting again what did
not change: the prose of the other chapters, their HTML pages. :func:`pandoc_kept` gives
back what the same run gave before. A run is the same when everything its output depends
on is: pandoc's binary, the arguments, the input, ``SOURCE_DATE_EPOCH`` and the bytes of
every file of the build's folder that it reads (a page's style sheet and images). pandoc's
writers are deterministic, so the same run gives the same bytes; the documents builds are
tested byte for byte against a build that runs pandoc every time.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterable
from pathlib import Path

from .._files import keep, read_kept, user_cache

__all__ = ["KEEP", "pandoc", "pandoc_kept"]

# Runs kept in the user's cache: enough for every reused one of a few builds (a chapter's
# prose and its HTML page each), the oldest removed first.
KEEP = 64


def pandoc(
    args: list[str], source: str | bytes | None = None, env: dict[str, str] | None = None
) -> bytes:
    """Run the pandoc of the ``pypandoc-binary`` wheel; raise with its message on failure."""
    import pypandoc

    done = subprocess.run(
        [pypandoc.get_pandoc_path(), *args],
        input=source.encode("utf-8") if isinstance(source, str) else source,
        capture_output=True,
        check=False,
        env=env,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"pandoc {' '.join(args)} failed: {done.stderr.decode(errors='replace')}"
        )
    return done.stdout


def run_key(args: list[str], source: str, work: Path | None, reads: Iterable[str]) -> str:
    """Hash what the output of a pandoc run depends on (``reads``: file names in ``work``).

    The build's folder is a new temporary one each time: it enters the key as a name, and
    the files read from it by their bytes.
    """
    import pypandoc

    binary = Path(pypandoc.get_pandoc_path())
    stat = binary.stat()
    here = str(work) if work is not None else None
    shown = [arg.replace(here, "<work>") if here else arg for arg in args]
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    digest = hashlib.sha256(
        json.dumps([str(binary), stat.st_size, stat.st_mtime_ns, shown, epoch]).encode()
    )
    digest.update(source.encode("utf-8") + b"\0")
    for name in sorted(set(reads)):
        assert work is not None, "files are read from the build's folder"
        digest.update(name.encode() + b"\0" + hashlib.sha256((work / name).read_bytes()).digest())
    return digest.hexdigest()


def pandoc_kept(
    args: list[str],
    source: str,
    *,
    work: Path | None = None,
    reads: Iterable[str] = (),
    reuse: bool = True,
) -> bytes:
    """Run pandoc as :func:`pandoc` does, or give back what the same run gave before.

    ``reads`` names every file of ``work`` (the build's folder) that the run reads. Runs are
    kept in the user's cache (``pandoc/``, the newest :data:`KEEP`), each written whole; a
    cache that cannot be read or written is skipped. Without ``reuse`` (``--force``), pandoc
    runs and what it gives is kept.
    """
    path = user_cache("pandoc", run_key(args, source, work, reads) + ".run")
    if reuse:
        kept = read_kept(path)
        if kept is not None:
            return kept
    data = pandoc(args, source)
    keep(path, data, like="*.run", count=KEEP)
    return data
