"""The cache of executed notebooks: a notebook runs again only when what it depends on changed.

A notebook's outputs depend on its code cells (their sources, in order), the kernel, the
data it reads, the package's code and the versions of everything installed. The key of an
executed notebook hashes all of these:

- the code cells' sources in order, and the kernel's name: editing, adding, removing or
  moving a code cell runs the notebook again; a Markdown cell does not count, since no code
  reads it (as in jupyter-cache), and the documents take the Markdown from the notebook as
  it is now;
- every file of the data folder the kernels read (``--data-dir``, ``ECOVE_DATA_DIR`` or the
  package's own), path and bytes: a corrected value runs every notebook again;
- the package's code as Python runs it (the figures' code hash, style file included);
- the Python version and the name and version of every installed distribution (the locked
  environment), as the folders that record them are named, so an upgrade of pandas or
  matplotlib runs them again.

Nothing else reaches a kernel: it runs from an empty temporary folder, with the same
environment variables for every build. The cache lives in the user's cache folder
(``$XDG_CACHE_HOME/ecove-data/notebooks``, else ``~/.cache/ecove-data/notebooks``), one
file per executed notebook, each written whole; ``make clean`` empties it and
``--force`` runs every notebook again. jupyter-cache keys on the code cells and the kernel
only, with no way to count the data, the package or the environment, so it could serve a
stale notebook here; this module keeps its idea and adds what is missing.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from .._files import keep, read_kept, user_cache
from ..notebook import cell_text

__all__ = [
    "NotebookCache",
    "cache_dir",
    "code_key",
    "content_digest",
    "context_key",
    "data_key",
    "notebook_key",
    "with_outputs",
]

# Entries kept per notebook: the current one and a few others (a corrected copy of the data,
# a branch), so switching back and forth does not run everything again.
KEEP = 6


def cache_dir() -> Path:
    """Return the folder of the cache of executed notebooks."""
    return user_cache("notebooks")


def data_key(data_dir: Path | str | None) -> str:
    """Hash every file of the data folder the kernels will read: its path and its bytes."""
    from .._descriptor import default_data_dir

    root = Path(data_dir) if data_dir is not None else default_data_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def code_key() -> str:
    """Hash the package's code as Python runs it (shared with the figures' inputs)."""
    from ..figures._build import code_hash

    return code_hash()


def installed() -> list[str]:
    """Name every installed distribution as its folder does: ``FOLDER/NAME-VERSION.dist-info``.

    An installer records each distribution in a folder named after its name and version
    (the Python packaging specification "Recording installed projects"), so listing the
    folders of ``sys.path`` says what is installed, and in which version, without reading
    every distribution's metadata (which costs more than a build with nothing to do).
    Legacy ``.egg-info`` entries are named too.
    """
    found = []
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as entries:
                names = [entry.name for entry in entries]
        except OSError:  # a zip file, or a folder that is not there
            continue
        records = (name for name in names if name.endswith((".dist-info", ".egg-info")))
        found += [f"{folder}/{name}" for name in records]
    return sorted(found)


def _environment_key() -> str:
    text = "\n".join([sys.version, sys.executable, *installed()])
    return hashlib.sha256(text.encode()).hexdigest()


def context_key(data_dir: Path | str | None) -> str:
    """Hash what every notebook depends on besides its own code: data, package, environment."""
    parts = {"data": data_key(data_dir), "code": code_key(), "environment": _environment_key()}
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def notebook_key(nb: Any, context: str) -> str:
    """Hash a notebook's code cells (in order) and kernel with the ``context``."""
    kernel = nb.get("metadata", {}).get("kernelspec", {}).get("name", "python3")
    code = [
        cell_text(cell.get("source", "")) for cell in nb["cells"] if cell["cell_type"] == "code"
    ]
    text = json.dumps({"kernel": kernel, "code": code, "context": context}, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def content_digest(nb: Any) -> str:
    """Hash what the documents read of an executed notebook: each cell's type, source, outputs.

    Timings, execution counts and other metadata are left out: they change from run to run
    and no document shows them.
    """
    cells = [
        [cell["cell_type"], cell_text(cell.get("source", "")), cell.get("outputs", [])]
        for cell in nb["cells"]
    ]
    text = json.dumps(cells, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def with_outputs(nb: Any, executed: Any) -> Any:
    """Return ``nb`` as it stands (its Markdown) with the outputs of ``executed``'s code cells.

    Both have the same code cells in the same order: their key says so.
    """
    import copy

    result = copy.deepcopy(nb)
    ran = [cell for cell in executed["cells"] if cell["cell_type"] == "code"]
    mine = [cell for cell in result["cells"] if cell["cell_type"] == "code"]
    for cell, done in zip(mine, ran, strict=True):
        cell["outputs"] = done.get("outputs", [])
        cell["execution_count"] = done.get("execution_count")
    return result


class NotebookCache:
    """Executed notebooks by key, one file each, in ``folder``."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else cache_dir()

    def _path(self, stem: str, key: str) -> Path:
        return self.folder / f"{stem}-{key[:32]}.ipynb"

    def load(self, stem: str, key: str) -> Any | None:
        """Return the executed notebook stored under ``key`` (its JSON), or None."""
        data = read_kept(self._path(stem, key))
        if data is None:
            return None
        try:
            return json.loads(data.decode("utf-8"))
        except ValueError:  # UnicodeDecodeError too
            return None

    def store(self, stem: str, key: str, nb: Any) -> None:
        """Keep an executed notebook under ``key``; an unwritable cache is simply not kept."""
        text = json.dumps(nb, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
        keep(self._path(stem, key), text, like=f"{stem}-*.ipynb", count=KEEP)
