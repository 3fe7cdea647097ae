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
import shutil
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path

from .._errors import CannotWriteError, UsageError, parse_choices
from .._files import make_dir, reason, write_atomic

__all__ = ["DOCX", "FORMATS", "PDF", "build", "main"]

FORMATS = ("docx", "pdf", "html")
DOCX = "ecove-data-report.docx"
PDF = "ecove-data-report.pdf"


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


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Write a whole folder beside ``folder``, then swap it in: never half a folder."""
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    try:
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir()
        for name, data in files.items():
            write_atomic(tmp / name, data)
        if folder.exists():
            shutil.rmtree(folder)
        tmp.rename(folder)
    except OSError as exc:
        raise CannotWriteError(folder, reason(exc)) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def build(
    formats: str | Sequence[str] = FORMATS,
    out: Path | str = "build/report",
    *,
    template: Path | str | None = None,
    notebooks: Path | str = "notebooks",
    deliverable: Path | str | None = None,
    data_dir: Path | str | None = None,
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
    """
    from .. import _load
    from . import _deliverable, _document, _notebooks, _writers
    from ._template import check_template

    chosen = parse_formats(formats)
    out = Path(out)
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

    executed = _notebooks.execute(paths, data_dir=data_dir)
    say(f"executed {len(paths)} notebooks")
    chapters = [_notebooks.read(p.stem, nb) for p, nb in zip(paths, executed, strict=True)]
    _notebooks.number(chapters)
    written: list[Path] = []
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
        document = _document.make_document(chapters, png, data_dir=data_dir, deliverable=described)
        _writers.check_blocks(document)
        results: dict[str, bytes | dict[str, bytes]] = {}
        if "docx" in chosen:
            results["docx"] = _writers.write_docx(
                document, work, Path(template) if template else None
            )
            say("wrote the .docx")
        if "pdf" in chosen:
            results["pdf"] = _writers.write_pdf(document, work, svg)
            say("wrote the PDF")
        if "html" in chosen:
            results["html"] = _writers.write_html(document, work)
            say("wrote the HTML pages")
    # Only now that every format is made do the files replace the previous ones.
    for fmt, data in results.items():
        if fmt == "html":
            assert isinstance(data, dict)
            _write_folder(out / "html", data)
            written.append(out / "html")
        else:
            assert isinstance(data, bytes)
            target = out / (DOCX if fmt == "docx" else PDF)
            write_atomic(target, data)
            written.append(target)
    return written


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the report options to a parser (``ecove-data report`` and ``python -m``)."""
    parser.add_argument(
        "--format",
        default=",".join(FORMATS),
        help="formats to build, comma-separated: docx, pdf, html (default: all three)",
    )
    parser.add_argument(
        "--out", default="build/report", help="output folder (default: build/report)"
    )
    parser.add_argument(
        "--template",
        help="a Word reference document (.docx) whose styles, page set-up, header and footer "
        "the .docx takes (default: the package's neutral A4 one)",
    )
    parser.add_argument(
        "--notebooks", default="notebooks", help="folder of the notebooks (default: notebooks)"
    )
    parser.add_argument(
        "--deliverable",
        help="the deliverable file (TOML): title, project, deliverable identity, history "
        "(default: deliverable.toml in the notebooks' folder)",
    )


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

    Errors are raised for the command line to report (:mod:`ecove_data.cli`); a Word
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
            progress=True,
        )
    for path in written:
        print(path)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m ecove_data.report``: ``ecove-data report`` with the same options."""
    from ..cli import main as cli_main

    return cli_main(["report", *(sys.argv[1:] if argv is None else argv)])
