"""Writing files safely: whole or not at all, with the permissions the user's umask gives."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from ._errors import CannotWriteError

__all__ = ["keep", "make_dir", "read_kept", "reason", "user_cache", "write_atomic"]

Writer = Callable[[Path], None]


def reason(exc: OSError) -> str:
    """Say why a write failed in words, without the errno number and path.

    Examples
    --------
    >>> reason(FileExistsError(17, "File exists"))
    'File exists'
    """
    return exc.strerror or str(exc) or type(exc).__name__


def make_dir(path: Path | str) -> Path:
    """Create folder ``path`` and its parents if missing; refuse with :class:`CannotWriteError`."""
    path = Path(path)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise CannotWriteError(path, "it is a file, not a folder") from None
    except OSError as exc:
        raise CannotWriteError(path, reason(exc)) from None
    return path


def user_cache(*parts: str) -> Path:
    """Return the path of ``parts`` in the package's folder of the user's cache (not made).

    ``$XDG_CACHE_HOME/ecove-data``, else ``~/.cache/ecove-data``: what is kept there can be
    made again, and ``make clean`` removes it.
    """
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base, "ecove-data", *parts)


def read_kept(path: Path) -> bytes | None:
    """Return the bytes of a cache entry, marked as used now; None if it cannot be read.

    Used now: :func:`keep` removes the entries least recently used first.
    """
    try:
        data = path.read_bytes()
        os.utime(path)
    except OSError:
        return None
    return data


def keep(path: Path, content: bytes | str, *, like: str, count: int) -> None:
    """Write a cache entry whole, then keep only the ``count`` newest entries ``like`` it.

    ``like`` is the glob pattern of the entries in ``path``'s folder that share the bound
    (the entry's own among them). A cache that cannot be written is simply not kept: what
    it holds can be made again.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp()) / "cache"
    >>> for name in ("a", "b", "c"):
    ...     keep(folder / f"{name}.run", name, like="*.run", count=2)
    >>> len(list(folder.glob("*.run"))), read_kept(folder / "c.run")
    (2, b'c')
    """
    try:
        folder = make_dir(path.parent)
        write_atomic(folder / path.name, content)
        entries = sorted(folder.glob(like), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in entries[count:]:
            stale.unlink(missing_ok=True)
    except (CannotWriteError, OSError):
        pass


def _mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def write_atomic(
    target: Path | str, content: bytes | str | Writer, *, only_if_changed: bool = False
) -> bool:
    """Write ``content`` to ``target`` through a temporary file in the same folder.

    ``content`` is bytes, text (written as UTF-8), or a function that writes the file at
    the path it is given. The temporary file gets the permissions a new file gets under
    the user's umask and replaces ``target`` in one rename, so readers see the old file or
    the new one, never half of one; on failure it is removed and the old file is left as
    it was. With ``only_if_changed``, a file whose bytes would not change is not touched.
    Returns whether ``target`` was replaced.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.txt", "été")
    True
    >>> write_atomic(folder / "a.txt", "été", only_if_changed=True)
    False
    >>> sorted(p.name for p in folder.iterdir()), (folder / "a.txt").read_text("utf-8")
    (['a.txt'], 'été')
    """
    target = Path(target)
    data = content.encode("utf-8") if isinstance(content, str) else content
    try:
        if only_if_changed and isinstance(data, bytes) and _same(target, data):
            return False
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise CannotWriteError(target, reason(exc)) from None
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
        if not isinstance(data, bytes):
            data(tmp)
        tmp.chmod(_mode())
        if only_if_changed and _same(target, tmp.read_bytes()):
            tmp.unlink()
            return False
        tmp.replace(target)
    except OSError as exc:
        _discard(tmp)
        raise CannotWriteError(target, reason(exc)) from None
    except BaseException:
        _discard(tmp)
        raise
    return True


def _discard(tmp: Path) -> None:
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)


def _same(target: Path, data: bytes) -> bool:
    try:
        return target.read_bytes() == data
    except OSError:
        return False
