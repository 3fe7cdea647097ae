"""Execute the discussion notebooks once and read what a reader sees in them.

A chapter is one notebook: its Markdown cells, the Markdown its code displays, and the
figures and tables shown with :func:`ecove_data.figures.show` (recognised by their MIME
types). Code, plain-text results, DataFrame reprs and the captions shown under figures in
JupyterLab are left out: the documents write their own, numbered captions.
"""

from __future__ import annotations

import base64
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._errors import NotebookError
from ..notebook import (
    CAPTION_KEY,
    FIGURE_MIME,
    TABLE_MIME,
    FigurePayload,
    TablePayload,
    cell_text,
)
from ._cache import NotebookCache

__all__ = [
    "Chapter",
    "Executed",
    "Figure",
    "Prose",
    "Table",
    "discussion_notebooks",
    "execute",
    "read",
]


@dataclass
class Prose:
    """Markdown, from a Markdown cell or displayed by code."""

    markdown: str


@dataclass
class Figure:
    """A registered figure as the notebook drew it."""

    name: str
    title: str
    caption: str
    alt: str
    width_cm: float
    height_cm: float
    png: bytes
    svg: str
    report_lines: list[int]
    sources: list[dict[str, str]]
    number: int = 0


@dataclass
class Table:
    """A table shown to the reader, its cells already formatted."""

    title: str
    columns: list[str]
    numeric: list[bool]
    rows: list[list[str]]
    report_lines: list[int]
    sources: list[dict[str, str]]
    number: int = 0


Block = Prose | Figure | Table


@dataclass
class Chapter:
    """One notebook: its file name, its opening question and what it shows, in order."""

    stem: str
    title: str
    blocks: list[Block] = field(default_factory=list)


def discussion_notebooks(folder: Path | str) -> list[Path]:
    """Return the discussion notebooks in file order: ``01_*`` onwards (not the quickstart).

    Examples
    --------
    >>> [p.name for p in discussion_notebooks("notebooks")][:1]
    ['01_cove_call_2021.ipynb']
    """
    paths = sorted(Path(folder).glob("[0-9][0-9]_*.ipynb"))
    return [path for path in paths if not path.name.startswith("00")]


def _kernel_environment(data_dir: Path | str | None) -> dict[str, str]:
    """Return the kernels' environment: this one, with the data folder and no backend.

    Given to each kernel as it starts; the environment of this process is left as it is.
    """
    env = {key: value for key, value in os.environ.items() if key != "MPLBACKEND"}
    env.setdefault("SOURCE_DATE_EPOCH", "0")
    if data_dir is not None:
        env["ECOVE_DATA_DIR"] = str(Path(data_dir).resolve())
    return env


def _kernel_specs() -> Any:
    """Return the kernel specifications, this Python's own ``python3`` first.

    ``make report`` runs the kernels of the project's environment even where the user has
    another ``python3`` kernel installed: this environment's folder is searched first, as
    putting it first on ``JUPYTER_PATH`` would, without changing the environment.
    """
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager()
    own = str(Path(sys.prefix) / "share" / "jupyter" / "kernels")
    specs.kernel_dirs = [own, *(folder for folder in specs.kernel_dirs if folder != own)]
    return specs


def _import_nbclient() -> None:
    """Import nbclient (and nbformat), leaving out a validator dependency no notebook needs.

    nbformat imports jsonschema, and jsonschema imports ``rfc3987_syntax`` where it is
    installed (JupyterLab's dependencies bring it) to check strings of the ``iri`` format;
    that module builds a grammar when imported, 1.2 s here, a tenth of a first build. The
    notebook format's schema has no such string, so while nbformat is first imported the
    module is reported missing, and jsonschema goes on without that one format check. Where
    jsonschema is already imported, nothing changes.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import nbclient

        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]
    try:
        import nbclient  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


def code_length(nb: Any) -> int:
    """Return the number of characters in the code cells of ``nb`` (its JSON)."""
    return sum(
        len(cell_text(cell["source"])) for cell in nb["cells"] if cell["cell_type"] == "code"
    )


@dataclass
class Executed:
    """The executed notebooks, in the order asked, and which ran now or came from the cache."""

    notebooks: list[Any]
    ran: list[str]
    reused: list[str]

    def summary(self) -> str:
        """Say what was done: "executed 1 of 4 notebooks, reused 3"."""
        total = len(self.ran) + len(self.reused)
        return f"executed {len(self.ran)} of {total} notebooks, reused {len(self.reused)}"


def execute(
    paths: list[Path],
    *,
    data_dir: Path | str | None = None,
    jobs: int = 1,
    cache: NotebookCache | None = None,
    force: bool = False,
    timeout: int = 300,
) -> Executed:
    """Execute the notebooks that need it, ``jobs`` at a time, each in its own kernel.

    A notebook whose key (:mod:`ecove_data.report._cache`) is in ``cache`` is not run: its
    outputs are reused, with its Markdown as it is now. ``force`` runs every notebook. The
    results come back in the order of ``paths``, whatever order the kernels finish in.
    Raises :class:`NotebookError` naming the notebook and cell of the first failure (in the
    order of ``paths``).
    """
    import asyncio
    import json

    from . import _cache

    # Plain JSON until a notebook must run: nbformat's import alone costs more than a build
    # with nothing to do (its schema validator's dependencies).
    notebooks = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    keys: list[str | None] = [None] * len(paths)
    results: list[Any] = [None] * len(paths)
    if cache is not None:
        context = _cache.context_key(data_dir)
        keys = [_cache.notebook_key(nb, context) for nb in notebooks]
        if not force:
            for at, (path, key) in enumerate(zip(paths, keys, strict=True)):
                found = cache.load(path.stem, str(key))
                if found is not None:
                    results[at] = _cache.with_outputs(notebooks[at], found)
    todo = [at for at, result in enumerate(results) if result is None]
    if todo:
        env = _kernel_environment(data_dir)
        # The longest first, so that the last to finish is not a long one started last, with
        # the other cores idle: a notebook's time grows with its code, which is read as its
        # length. The results are put back in the order asked.
        start = sorted(todo, key=lambda at: -code_length(notebooks[at]))
        with tempfile.TemporaryDirectory() as cwd:
            ran = asyncio.run(_run_all([paths[at] for at in start], cwd, env, jobs, timeout))
        outcomes = dict(zip(start, ran, strict=True))
        for at in todo:
            outcome, error = outcomes[at]
            if error is not None:
                raise _failure(paths[at], outcome, error)
            results[at] = outcome
            if cache is not None:
                cache.store(paths[at].stem, str(keys[at]), outcome)
    names = [path.name for path in paths]
    return Executed(
        notebooks=results,
        ran=[names[at] for at in todo],
        reused=[name for at, name in enumerate(names) if at not in todo],
    )


async def _run_all(
    paths: list[Path], cwd: str, env: dict[str, str], jobs: int, timeout: int
) -> list[Any]:
    """Run each notebook in its own kernel, ``jobs`` at a time; its result or its error.

    Each kernel is started before nbclient is imported: the kernels' processes start up
    on the other cores while this one imports.
    """
    import asyncio

    from jupyter_client.manager import AsyncKernelManager

    specs = _kernel_specs()
    gate = asyncio.Semaphore(max(1, jobs))
    imported = asyncio.Lock()

    async def run(path: Path) -> tuple[Any, BaseException | None]:
        nb = None
        try:
            async with gate:
                manager = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=specs)
                # As nbclient starts its kernels: the history in memory, the kernel's own log
                # (a warning about its local TCP transport) not for readers; cell errors
                # come back as messages and are reported by the caller.
                await manager.start_kernel(
                    extra_arguments=["--HistoryManager.hist_file=:memory:"],
                    env=env,
                    cwd=cwd,
                    stderr=subprocess.DEVNULL,
                )
                async with imported:
                    _import_nbclient()
                import nbformat
                from nbclient import NotebookClient

                nb = nbformat.read(path, as_version=4)
                client = NotebookClient(
                    nb,
                    km=manager,
                    timeout=timeout,
                    record_timing=False,
                    resources={"metadata": {"path": cwd}},
                )
                # The client shuts the kernel down when done, as for a kernel it started.
                client.owns_km = True
                await client.async_execute()
        except Exception as error:  # the caller names the notebook; nb: as far as it ran
            return nb, error
        return nb, None

    return list(await asyncio.gather(*(run(path) for path in paths)))


def _failure(path: Path, nb: Any, error: BaseException) -> NotebookError:
    from nbclient.exceptions import CellExecutionError

    if nb is None or not isinstance(error, CellExecutionError):
        return NotebookError(f"{path.name} could not be run: {type(error).__name__}: {error}")
    index = next(
        (
            i
            for i, cell in enumerate(nb.cells)
            if any(o.get("output_type") == "error" for o in cell.get("outputs", []))
        ),
        None,
    )
    where = f"cell {index}" if index is not None else "a cell"
    failure = NotebookError(f"{path.name}: {where} failed, so no document was written.\n{error}")
    failure.notebook = nb  # as far as it ran, its error in the outputs
    return failure


def read(stem: str, nb: Any) -> Chapter:
    """Read one executed notebook (nbformat's, or its plain JSON) into a chapter."""
    blocks: list[Block] = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            blocks.append(Prose(cell_text(cell["source"])))
            continue
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if FIGURE_MIME in data:
                blocks.append(_figure(data))
            elif TABLE_MIME in data:
                blocks.append(_table(data[TABLE_MIME]))
            elif CAPTION_KEY in output.get("metadata", {}):
                continue
            elif "text/markdown" in data:
                blocks.append(Prose(cell_text(data["text/markdown"])))
    title = next(
        (
            line[2:].strip()
            for block in blocks
            if isinstance(block, Prose)
            for line in block.markdown.splitlines()
            if line.startswith("# ")
        ),
        stem,
    )
    return Chapter(stem=stem, title=title, blocks=blocks)


def _figure(data: dict[str, Any]) -> Figure:
    info: FigurePayload = data[FIGURE_MIME]
    return Figure(
        name=info["name"],
        title=info["title"],
        caption=info["caption"],
        alt=info["alt"],
        width_cm=float(info["width_cm"]),
        height_cm=float(info["height_cm"]),
        png=base64.b64decode(data["image/png"]),
        svg=info["svg"],
        report_lines=list(info["report_lines"]),
        sources=list(info["sources"]),
    )


def _table(info: TablePayload) -> Table:
    return Table(
        title=info["title"],
        columns=list(info["columns"]),
        numeric=list(info["numeric"]),
        rows=[list(row) for row in info["rows"]],
        report_lines=list(info["report_lines"]),
        sources=list(info["sources"]),
    )


def number(chapters: list[Chapter]) -> None:
    """Give each figure and table its number in the whole document, in reading order."""
    figures = tables = 0
    for chapter in chapters:
        for block in chapter.blocks:
            if isinstance(block, Figure):
                figures += 1
                block.number = figures
            elif isinstance(block, Table):
                tables += 1
                block.number = tables
