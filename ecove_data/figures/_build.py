"""``ecove-data figures``: draw every registered figure into a folder, incrementally and safely.

A figure is redrawn only when something it depends on changed: the data files of its
tables and their entries in the descriptor, the code of the whole package (the loader
and the derived indicators as much as the figure's own module), the style, and the
versions of the libraries that make the bytes. The code counts as Python runs it:
docstrings, comments and line numbers are left out, so editing them redraws nothing. A
run with nothing to do reads hashes and the manifest only, and never imports matplotlib.

Every file is written under a temporary name and renamed into place once all of a
figure's formats are drawn, so a failure leaves the previous files intact; a file whose
new bytes equal the old is left untouched. A folder or file that cannot be written
stops the run with :class:`ecove_data.CannotWriteError`. The same data and locked
library versions give the same bytes: the files carry no dates or software versions, and
the SVG hash salt is fixed by the package style.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

from .._descriptor import read_package
from .._errors import CannotWriteError, parse_choices
from .._files import keep, make_dir, read_kept, user_cache, write_atomic
from .._records import Package
from ._registry import REGISTRY, FigureSpec, UnknownFigureError
from ._style import STYLE_FILE
from .render import FORMATS, metadata, render

__all__ = [
    "FORMATS",
    "BuildResult",
    "build",
    "inputs_hash",
    "parse_formats",
    "render_readme",
]

MANIFEST = "manifest.json"
README = "README.md"
HERE = Path(__file__).resolve().parent
PACKAGE = HERE.parent
# Code hashes kept in the user's cache, the newest first: a few versions of the package.
CODE_HASHES_KEPT = 8
# Libraries whose versions can change the bytes of a figure file.
LIBRARIES = ("matplotlib", "seaborn", "numpy", "pandas", "pillow", "fonttools")
# Tables computed from other tables when loaded: they read these files.
COMPUTED = {"derived_indicators": ("key_figures",)}


@dataclass
class BuildResult:
    """What a run did: the names drawn, skipped and failed, and where."""

    out: Path
    drawn: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether every figure asked for is now current."""
        return not self.failed


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """Parse ``png,svg`` into formats in canonical order; unknown ones list the valid ones.

    Examples
    --------
    >>> parse_formats("svg, png")
    ('png', 'svg')
    >>> parse_formats("gif")
    Traceback (most recent call last):
    ...
    ecove_data._errors.UnknownChoiceError: unknown format 'gif'. Valid formats: png, svg, pdf
    """
    return parse_choices(text, FORMATS, "format")


def _library_versions() -> dict[str, str]:
    versions = {"python": f"{sys.version_info.major}.{sys.version_info.minor}"}
    found = installed_versions(LIBRARIES)
    for name in LIBRARIES:
        versions[name] = found.get(name) or _metadata_version(name)
    return versions


def _metadata_version(name: str) -> str:
    # importlib.metadata reads the version from the distribution's metadata file, wherever
    # and however it is installed; importing it costs more than the rest of a run with
    # nothing to do, so it is asked only about what installed_versions leaves out.
    from importlib import metadata

    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "absent"


def _normalized(name: str) -> str:
    # Distribution names compare as the packaging specifications normalise them.
    return re.sub(r"[-_.]+", "_", name).lower()


def installed_versions(names: Iterable[str], path: Sequence[str] | None = None) -> dict[str, str]:
    """Return the installed version of each distribution in ``names``, read from its folder.

    An installed distribution has a ``{name}-{version}.dist-info`` folder (the packaging
    specification "Recording installed projects"), so its version is in the folder's
    name, without reading its metadata. The folders of ``path`` (default ``sys.path``)
    are searched in order, and the first that holds a distribution decides, as for
    ``importlib.metadata``. A name is left out where the folder names cannot say: not
    found, found as a legacy ``.egg-info``, or found twice in one folder.

    Examples
    --------
    >>> from importlib import metadata
    >>> installed_versions(["pandas"]) == {"pandas": metadata.version("pandas")}
    True
    """
    wanted = {_normalized(name): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path if path is None else path:
        if not wanted:
            break
        try:
            with os.scandir(folder or ".") as found_here:
                entries = [entry.name for entry in found_here]
        except OSError:  # a zip file, or a folder that is not there
            continue
        here: dict[str, list[str]] = {}
        for entry in entries:
            stem, dot, suffix = entry.rpartition(".")
            if dot and suffix in ("dist-info", "egg-info"):
                # As importlib.metadata splits it: the name ends at the first hyphen.
                name, _, version = stem.partition("-")
                key = _normalized(name)
                if key in wanted:
                    here.setdefault(key, []).append(version if suffix == "dist-info" else "")
        for key, versions in here.items():
            name = wanted.pop(key)
            if len(versions) == 1 and versions[0]:
                found[name] = versions[0]
    return found


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _canonical(value: Any) -> str:
    # Sets print in hash order, which changes from run to run for strings: sort them.
    if isinstance(value, frozenset | set):
        return "{" + ",".join(sorted(_canonical(v) for v in value)) + "}"
    if isinstance(value, tuple):
        return "(" + ",".join(_canonical(v) for v in value) + ")"
    return f"{type(value).__name__}:{value!r}"


def _code_digest(code: CodeType, digest: Any) -> None:
    """Feed what ``code`` does into ``digest``: its bytecode, names and constants."""
    digest.update(code.co_code)
    names = (code.co_names, code.co_varnames, code.co_freevars, code.co_cellvars)
    shape = (code.co_argcount, code.co_posonlyargcount, code.co_kwonlyargcount, code.co_flags)
    digest.update(repr((code.co_qualname, names, shape)).encode())
    for const in code.co_consts:
        if isinstance(const, CodeType):
            _code_digest(const, digest)
        else:
            digest.update(_canonical(const).encode())


def code_hash(root: Path | None = None) -> str:
    """Hash the package's code (or the code under ``root``) as Python runs it, and the style.

    Compiled without docstrings and hashed without line numbers, so a change in a
    docstring or a comment leaves the hash as it was and any other change does not.
    The package's own hash is computed once a process.

    Examples
    --------
    >>> code_hash().startswith("sha256:")
    True
    """
    return _package_code_hash() if root is None else _code_hash(root)


@functools.cache
def _package_code_hash() -> str:
    # Compiling every module costs more than the rest of a run with nothing to do, so the
    # result is kept in the user's cache under the hash of the files' bytes and the Python
    # that compiles them: the same bytes give the same compiled code. Without a cache folder
    # it is simply computed.
    sources = hashlib.sha256(sys.version.encode() + b"\0")
    for path in sorted(PACKAGE.rglob("*.py")):
        sources.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0")
        sources.update(path.read_bytes() + b"\0")
    sources.update(STYLE_FILE.read_bytes())
    cache = user_cache(f"code-{sources.hexdigest()}")
    kept = read_kept(cache)
    if kept is not None:
        return kept.decode("ascii")
    found = _code_hash(PACKAGE)
    # The newest few: each edit of the package's code makes a new entry.
    keep(cache, found, like="code-*", count=CODE_HASHES_KEPT)
    return found


def _code_hash(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        name = path.relative_to(root).as_posix()
        code = compile(path.read_bytes(), name, "exec", dont_inherit=True, optimize=2)
        digest.update(name.encode())
        _code_digest(code, digest)
    digest.update(STYLE_FILE.read_bytes())
    return "sha256:" + digest.hexdigest()


def inputs_hash(spec: FigureSpec, pkg: Package, versions: dict[str, str] | None = None) -> str:
    """Hash everything a figure's files depend on.

    Only the descriptor entries of the figure's own tables count, so adding an unrelated
    table to the package does not redraw the report figures.

    Examples
    --------
    >>> from ecove_data.figures import REGISTRY
    >>> inputs_hash(REGISTRY["activities"], read_package()).startswith("sha256:")
    True
    """
    resources = {res["name"]: res for res in pkg.raw["resources"]}
    parts: dict[str, Any] = {"versions": versions or _library_versions(), "tables": {}}
    for table in spec.tables:
        for name in COMPUTED.get(table, (table,)):
            entry = resources.get(name, {})
            path = pkg.data_dir / entry.get("path", f"{name}.csv")
            parts["tables"][name] = {
                "descriptor": entry,
                "sha256": _file_digest(path) if path.is_file() else None,
            }
        if table in COMPUTED:
            parts["derived"] = pkg.raw.get("derived")
    parts["code"] = code_hash()
    # The title is written into the files; the caption is not, so it redraws nothing.
    parts["title"] = spec.title
    text = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write_text(path: Path, text: str) -> bool:
    """Write ``text`` atomically if it differs from what is there; return whether it did."""
    return write_atomic(path, text, only_if_changed=True)


def _render(
    name: str, frames: dict[str, Any], out: Path, formats: Sequence[str]
) -> tuple[dict[str, str], str, float]:
    """Draw one figure and save it in each format; return file hashes, alt text, seconds."""
    start = time.perf_counter()
    spec = REGISTRY[name]
    chosen = {table: frames[table] for table in spec.tables}
    alt = spec.alt_text(chosen)
    fig = spec.draw(**chosen)
    files = render(fig, formats, spec.title, alt)
    saved = {out / f"{name}.{fmt}": data for fmt, data in files.items()}
    # Only now that every format is saved do the new files replace the old ones (those whose
    # bytes changed: a redraw that gives the same bytes leaves the file alone).
    for target, data in saved.items():
        write_atomic(target, data, only_if_changed=True)
    hashes = {target.name: hashlib.sha256(data).hexdigest() for target, data in saved.items()}
    return hashes, alt, time.perf_counter() - start


def _read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    try:
        raw = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
        return {entry["name"]: entry for entry in raw["figures"]}
    except (OSError, ValueError, KeyError, TypeError):
        return {}


def _current(entry: dict[str, Any] | None, digest: str, out: Path, formats: Sequence[str]) -> bool:
    if not entry or entry.get("inputs") != digest:
        return False
    hashes = entry.get("sha256", {})
    for fmt in formats:
        file = f"{entry['name']}.{fmt}"
        path = out / file
        if file not in hashes or not path.is_file() or _file_digest(path) != hashes[file]:
            return False
    return True


def render_readme(entries: Sequence[dict[str, Any]]) -> str:
    r"""Return the gallery ``README.md`` for the manifest ``entries``.

    Examples
    --------
    >>> entry = {"name": "x", "title": "X", "caption": "C.", "alt_text": "A [1].",
    ...          "files": ["x.png", "x.pdf"]}
    >>> print(render_readme([entry]).splitlines()[-7])
    ![A \[1\].](x.png)
    """
    lines = [
        "# Figures of the CoVEs conference report",
        "",
        "Made by `ecove-data figures` (or `make figures`) from the tables in `data/`; do not",
        "edit these files by hand. Correct the data, then run the command again: it redraws",
        "the figures whose inputs changed. PNG at 300 dpi for Word, SVG and PDF for LaTeX and",
        "print; each file carries its alt text (SVG description, PDF subject, PNG text).",
        "`manifest.json` lists every figure with its caption, alt text, files and the hash",
        "of its inputs.",
    ]
    for entry in entries:
        files = entry["files"]
        image = next((f for f in files if f.endswith(".png")), None) or next(
            (f for f in files if f.endswith(".svg")), None
        )
        alt = entry["alt_text"].replace("[", "\\[").replace("]", "\\]")
        lines += ["", f"## {entry['title']}", "", f"`{entry['name']}`", ""]
        if image:
            lines += [f"![{alt}]({image})", ""]
        lines += [
            f"*{entry['caption']}*",
            "",
            f"Alt text: {entry['alt_text']}",
            "",
            "Files: " + " · ".join(f"[{Path(f).suffix[1:].upper()}]({f})" for f in files),
        ]
    return "\n".join(lines) + "\n"


def _manifest_text(entries: Sequence[dict[str, Any]]) -> str:
    body = {"generator": "ecove-data figures", "figures": list(entries)}
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def _warm_up() -> None:
    """Import the backends and load the fonts once, before the workers fork."""
    import io

    import matplotlib as mpl
    from matplotlib.figure import Figure

    with mpl.rc_context(fname=str(STYLE_FILE)):
        fig = Figure(figsize=(1, 1))
        fig.text(0.1, 0.5, "0", fontweight="bold")
        fig.text(0.5, 0.5, "0", fontstyle="italic")
        for fmt in FORMATS:
            fig.savefig(io.BytesIO(), format=fmt, metadata=metadata(fmt, "", ""))


def _draw_all(
    todo: Sequence[str],
    frames: dict[str, Any],
    out: Path,
    formats: Sequence[str],
    jobs: int,
) -> Iterable[tuple[str, Any]]:
    """Yield ``(name, result or exception)`` in the order of ``todo``."""
    if jobs > 1 and len(todo) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        _warm_up()
        # fork: the workers inherit matplotlib, its backends, the loaded fonts and the
        # tables instead of importing and validating them again.
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=min(jobs, len(todo)), mp_context=context) as pool:
            futures = [(name, pool.submit(_render, name, frames, out, formats)) for name in todo]
            for name, future in futures:
                try:
                    yield name, future.result()
                except CannotWriteError:
                    raise
                except Exception as exc:
                    yield name, exc
        return
    for name in todo:
        try:
            yield name, _render(name, frames, out, formats)
        except CannotWriteError:
            raise
        except Exception as exc:
            yield name, exc


def build(
    out: Path | str = "figures",
    *,
    only: Sequence[str] | None = None,
    formats: Sequence[str] = FORMATS,
    force: bool = False,
    data_dir: Path | str | None = None,
    jobs: int = 2,
    echo: Callable[[str], Any] = print,
) -> BuildResult:
    """Draw the registered figures into ``out``; skip those whose inputs have not changed.

    Parameters
    ----------
    out : path
        Output folder, created if missing.
    only : list of str, optional
        Figure names to consider (default: all, in registry order).
    formats : sequence of str
        Any of ``png``, ``svg``, ``pdf``.
    force : bool
        Redraw even when the files are current.
    data_dir : path, optional
        Another copy of ``data/``.
    jobs : int
        Processes to draw with (1 draws in this process).
    echo : callable
        Receives one line per figure and a summary.

    Returns
    -------
    BuildResult
        Names drawn, skipped and failed (with the error).
    """
    started = time.perf_counter()
    valid = list(REGISTRY)
    for name in only or ():
        if name not in REGISTRY:
            raise UnknownFigureError(name, valid)
    formats = parse_formats(formats)
    names = [name for name in valid if not only or name in only]
    if jobs < 1:
        raise ValueError(f"jobs must be a positive number, not {jobs}")
    out = make_dir(out)

    pkg = read_package(data_dir)
    versions = _library_versions()
    digests = {name: inputs_hash(REGISTRY[name], pkg, versions) for name in names}
    previous = _read_manifest(out)
    result = BuildResult(out=out)
    todo = [
        name
        for name in names
        if force or not _current(previous.get(name), digests[name], out, formats)
    ]
    outcomes: Iterable[tuple[str, Any]] = ()
    if todo:
        from .._load import load_all

        tables = sorted({t for name in todo for t in REGISTRY[name].tables})
        frames = load_all(data_dir=data_dir)
        frames = {t: frames[t] for t in tables}
        outcomes = _draw_all(todo, frames, out, formats, jobs)

    for name in names:
        if name not in todo:
            result.skipped.append(name)
            echo(f"skipped  {name:28} {0:6.2f} s  (up to date)")
    entries = dict(previous)
    for name in result.skipped:
        if name in entries:
            # Words that are not in the files: a corrected caption reaches the manifest and
            # the gallery without a redraw.
            spec = REGISTRY[name]
            entries[name] = {**entries[name], "title": spec.title, "caption": spec.caption}
    # Results arrive in registry order as each figure is done, so progress shows live.
    for name, outcome in outcomes:
        if isinstance(outcome, BaseException):
            result.failed[name] = f"{type(outcome).__name__}: {outcome}"
            echo(f"FAILED   {name:28}          {result.failed[name]}")
            continue
        hashes, alt, seconds = outcome
        echo(f"drawn    {name:28} {seconds:6.2f} s")
        result.drawn.append(name)
        old = previous.get(name, {})
        for file in old.get("files", []):
            if file in hashes:
                continue
            path = out / file
            if old.get("inputs") == digests[name] and path.is_file():
                hashes[file] = old["sha256"].get(file, _file_digest(path))
            else:
                # Drawn from other inputs than the new files: stale, so not kept.
                path.unlink(missing_ok=True)
        files = [f"{name}.{fmt}" for fmt in FORMATS if f"{name}.{fmt}" in hashes]
        spec = REGISTRY[name]
        entries[name] = {
            "name": name,
            "title": spec.title,
            "caption": spec.caption,
            "alt_text": alt,
            "tables": list(spec.tables),
            "files": files,
            "sha256": {file: hashes[file] for file in files},
            "inputs": digests[name],
        }
    ordered = [entries[name] for name in valid if name in entries]
    _write_text(out / MANIFEST, _manifest_text(ordered))
    _write_text(out / README, render_readme(ordered))
    seconds = time.perf_counter() - started
    echo(
        f"{len(names)} figures: {len(result.drawn)} drawn, {len(result.skipped)} skipped, "
        f"{len(result.failed)} failed in {seconds:.2f} s -> {out}"
    )
    return result
