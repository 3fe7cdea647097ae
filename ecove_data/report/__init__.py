"""The deliverable documents: the notebooks' discussion as Word, PDF and HTML.

``make report``, ``ecove-data report`` and ``python -m ecove_data.report`` execute each
discussion notebook once (``notebooks/01_*`` onwards) and write, from that one run:

- ``ecove-data-report.docx``: a cover (the EU emblem and funding statement, the project's
  and the deliverable's identity, its history, the disclaimer; from the deliverable file,
  ``--deliverable``), a Word table of contents and Lists of Figures and Tables, a chapter
  per notebook, captions numbered by Word fields, native tables with repeating header
  rows, and the Sources (styled by a reference document, ``--template``);
- ``ecove-data-report.pdf``: the same on A4 through Typst, a tagged PDF (PDF/UA-1) with
  embedded fonts, vector figures and their alt text;
- ``html/``: a page per notebook without code, every chart with ``alt=`` and caption.

Needs the ``report`` dependency group (pandoc from ``pypandoc-binary``, ``typst``,
``nbclient``); ``import ecove_data`` does not.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from .._errors import UsageError, parse_choices
from .._files import make_dir, write_atomic

__all__ = ["DOCX", "FORMATS", "PDF", "build"]

FORMATS = ("docx", "pdf", "html")
DOCX = "ecove-data-report.docx"
PDF = "ecove-data-report.pdf"
# What the build says it wrote, format by format.
WRITTEN = {"docx": "the .docx", "pdf": "the PDF", "html": "the HTML pages"}


def parse_formats(text: str | Sequence[str]) -> tuple[str, ...]:
    """Return the formats named in ``"docx,pdf"`` (or a list), checked, in build order.

    Examples
    --------
    >>> parse_formats("html, docx")
    ('docx', 'html')
    >>> parse_formats("odt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecove_data._errors.UnknownChoiceError: unknown report format 'odt'. Valid report formats: ...
    """
    return parse_choices(text, FORMATS, "report format")


RECORD = ".ecove-data-report.json"


def _digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()


def _files_of(fmt: str) -> list[str]:
    return {"docx": [DOCX], "pdf": [PDF]}.get(fmt, [])


def _current(out: Path, record: dict[str, Any], fmt: str, key: str) -> bool:
    """Whether ``fmt``'s files in ``out`` were written from inputs of ``key`` and are intact."""
    entry = record.get(fmt)
    if not isinstance(entry, dict) or entry.get("inputs") != key:
        return False
    files = entry.get("files", {})
    try:
        return bool(files) and all(
            _digest((out / name).read_bytes()) == digest for name, digest in files.items()
        )
    except OSError:
        return False


def _write(
    out: Path, fmt: str, data: bytes | dict[str, bytes], previous: dict[str, Any]
) -> dict[str, str]:
    """Write one format's files, each replaced only if its bytes differ; return their hashes."""
    files = (
        {name: data for name in _files_of(fmt)}
        if isinstance(data, bytes)
        else {f"html/{name}": page for name, page in data.items()}
    )
    if fmt == "html":
        make_dir(out / "html")
    for name, content in files.items():
        write_atomic(out / name, content, only_if_changed=True)
    for name in previous.get("files", {}):
        if name not in files:
            (out / name).unlink(missing_ok=True)  # a page the document no longer has
    return {name: _digest(content) for name, content in files.items()}


def _writer_keys(
    executed: list[Any], context: str, deliverable: Path, template: Path | None
) -> dict[str, str]:
    """Hash the inputs of each writer, by format.

    They are the executed notebooks, what they rest on, the deliverable file, the template
    (Word only) and the package's own files (reference document, fonts).
    """
    import json

    from ._cache import content_digest
    from ._writers import REFERENCE_DOCX

    here = Path(__file__).parent
    resources = [
        f"{p.relative_to(here)}:{_digest(p.read_bytes())}"
        for p in sorted(here.rglob("*"))
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    common = {
        "notebooks": [content_digest(nb) for nb in executed],
        "context": context,
        "deliverable": _digest(deliverable.read_bytes()),
        "resources": resources,
    }
    word = (template or REFERENCE_DOCX).read_bytes()
    keys = {}
    for fmt in FORMATS:
        parts = {**common, "format": fmt, "template": _digest(word) if fmt == "docx" else None}
        keys[fmt] = _digest(json.dumps(parts, sort_keys=True).encode())
    return keys


def build(
    formats: str | Sequence[str] = FORMATS,
    out: Path | str = "build/report",
    *,
    template: Path | str | None = None,
    notebooks: Path | str = "notebooks",
    deliverable: Path | str | None = None,
    data_dir: Path | str | None = None,
    jobs: int | None = None,
    force: bool = False,
    progress: bool = False,
) -> list[Path]:
    """Execute the discussion notebooks once and write each format; return the paths written.

    Parameters
    ----------
    formats
        Some of ``docx``, ``pdf``, ``html`` (a comma-separated string or a list).
    out
        The output folder, made if missing.
    template
        A Word reference document whose styles, page set-up, header and footer the .docx
        takes (default: the neutral A4 one shipped with the package).
    notebooks
        The folder of the notebooks.
    deliverable
        The deliverable file: title, project, deliverable identity and history (default:
        ``deliverable.toml`` in the notebooks' folder). Checked before anything runs.
    data_dir
        Another copy of ``data/`` for the notebooks (default: ``ECOVE_DATA_DIR`` or the
        package's).
    jobs
        Notebooks executed at once, each in its own kernel (default: the number of cores).
    force
        Execute every notebook and write every format, even if current.

    A notebook runs again only when its code cells, the data, the package's code or the
    installed versions changed (:mod:`ecove_data.report._cache`); a format is written
    again only when its inputs changed, and a file is replaced only if its bytes differ.
    """
    from .. import _load
    from . import _cache, _deliverable, _document, _notebooks, _writers
    from ._template import check_template

    chosen = parse_formats(formats)
    out = Path(out)
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise UsageError(f"jobs must be a positive number, not {jobs}")
    if template is not None:
        check_template(template)
    # Bad data is refused here, with every problem, before a kernel starts.
    _load.load_all(data_dir=data_dir)
    described = _deliverable.load_deliverable(
        deliverable if deliverable is not None else _deliverable.default_path(notebooks),
        data_dir=data_dir,
    )
    paths = _notebooks.discussion_notebooks(notebooks)
    if not paths:
        raise UsageError(
            f"no discussion notebooks (01_*.ipynb onwards) in {notebooks}; give the folder "
            "of the notebooks with --notebooks"
        )
    make_dir(out)

    clock = [time.perf_counter()]

    def say(message: str) -> None:
        now = time.perf_counter()
        if progress:
            print(f"{message} ({now - clock[0]:.1f} s)", file=sys.stderr, flush=True)
        clock[0] = now

    cache = _cache.NotebookCache()
    done = _notebooks.execute(paths, data_dir=data_dir, jobs=jobs, cache=cache, force=force)
    say(done.summary())
    deliverable_path = Path(
        deliverable if deliverable is not None else _deliverable.default_path(notebooks)
    )
    keys = _writer_keys(
        done.notebooks,
        _cache.context_key(data_dir),
        deliverable_path,
        Path(template) if template else None,
    )
    record = _read_record(out)
    todo = [fmt for fmt in chosen if force or not _current(out, record, fmt, keys[fmt])]
    written = [out / ("html" if fmt == "html" else _files_of(fmt)[0]) for fmt in chosen]
    if not todo:
        say(f"every format current: {', '.join(chosen)}")
        return written
    chapters = [_notebooks.read(p.stem, nb) for p, nb in zip(paths, done.notebooks, strict=True)]
    _notebooks.number(chapters)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        png, svg = {}, {}
        for chapter in chapters:
            for block in chapter.blocks:
                if isinstance(block, _notebooks.Figure):
                    png[block.number] = f"figure-{block.number}.png"
                    svg[block.number] = f"figure-{block.number}.svg"
                    (work / png[block.number]).write_bytes(block.png)
                    (work / svg[block.number]).write_text(block.svg, encoding="utf-8")
        document = _document.make_document(
            chapters, png, data_dir=data_dir, deliverable=described, reuse=not force
        )
        _writers.check_blocks(document)
        writers: dict[str, Callable[[], bytes | dict[str, bytes]]] = {
            "docx": lambda: _writers.write_docx(
                document, work, Path(template) if template else None
            ),
            "pdf": lambda: _writers.write_pdf(document, work, svg),
            "html": lambda: _writers.write_html(document, work, reuse=not force),
        }
        # At once: pandoc and Typst do their work outside Python's lock, so the formats are
        # made side by side on the cores; each from the same document and its own files.
        with ThreadPoolExecutor(max_workers=len(todo)) as pool:
            made = {fmt: pool.submit(writers[fmt]) for fmt in todo}
            results = {fmt: future.result() for fmt, future in made.items()}
        say(f"wrote {', '.join(WRITTEN[fmt] for fmt in todo)}")
    # Only now that every format is made do the files replace the previous ones.
    for fmt, data in results.items():
        files = _write(out, fmt, data, record.get(fmt) or {})
        record[fmt] = {"inputs": keys[fmt], "files": files}
    _write_record(out, record)
    return written


def _read_record(out: Path) -> dict[str, Any]:
    import json

    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def _write_record(out: Path, record: dict[str, Any]) -> None:
    import json

    text = json.dumps(record, indent=1, sort_keys=True) + "\n"
    write_atomic(out / RECORD, text, only_if_changed=True)


@contextlib.contextmanager
def _template_warnings() -> Iterator[None]:
    """Print each template contrast warning as one ``ecove-data: warning:`` line on stderr."""
    from ._contrast import TemplateContrastWarning

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", TemplateContrastWarning)
        try:
            yield
        finally:
            for item in caught:
                if issubclass(item.category, TemplateContrastWarning):
                    print(f"ecove-data: warning: {item.message}", file=sys.stderr, flush=True)
                else:
                    warnings.showwarning(item.message, item.category, item.filename, item.lineno)


def run(args: argparse.Namespace) -> None:
    """Build from parsed arguments and print the paths written.

    Errors are raised for the command line to report (``ecove_data.cli``); a Word
    template's styles below contrast are warned about on stderr.
    """
    with _template_warnings():
        written = build(
            args.format,
            args.out,
            template=args.template,
            notebooks=args.notebooks,
            deliverable=args.deliverable,
            data_dir=getattr(args, "data_dir", None),
            jobs=args.jobs,
            force=args.force,
            progress=True,
        )
    for path in written:
        print(path)
