"""The ``report`` command: the notebooks' discussion as documents (see ``ecove_data.report``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..report import FORMATS
from .exits import EXIT_CANNOT_WRITE
from .options import positive_number

__all__ = ["add_arguments", "add_commands"]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the ``report`` command and its options."""
    parser = command(
        "report",
        "write the notebooks' discussion as a Word document, a PDF and HTML pages",
        description=(
            "Execute the discussion notebooks (01 onwards) once and write, into --out, "
            "ecove-data-report.docx, ecove-data-report.pdf and html/. Needs the report "
            "dependency group (make report installs it). Exits 1 on bad data (checked before "
            "any notebook runs) or a notebook that fails, "
            f"{EXIT_CANNOT_WRITE} if a file cannot be written (nothing is half-written), 2 on "
            "an unknown format, an unusable template or a deliverable file that breaks its "
            "rules (nothing is run or written then)."
        ),
    )
    add_arguments(parser)
    parser.set_defaults(run=run)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the report options to a parser."""
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
        "--jobs",
        type=positive_number,
        metavar="N",
        help="notebooks to execute at once, each in its own kernel (default: the number of cores)",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="execute every notebook and write every format, even those still current",
    )
    parser.add_argument(
        "--deliverable",
        help="the deliverable file (TOML): title, project, deliverable identity, history "
        "(default: deliverable.toml in the notebooks' folder)",
    )


def run(args: argparse.Namespace) -> None:
    """Build the documents from parsed arguments and print the paths written."""
    from ..report import run as build

    build(args)
