"""The ``figures`` command: draw the registered figures into a folder (see ``figures._build``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from .._errors import FiguresFailedError
from ..figures.render import FORMATS
from .options import positive_number

__all__ = ["add_commands"]


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the ``figures`` command and its options."""
    parser = command(
        "figures",
        "draw the report figures as PNG, SVG and PDF, skipping those already current",
        description=(
            "Draw every registered figure as PNG (300 dpi), SVG and PDF into --out (default: "
            "figures/ under the current directory; `make figures` runs it from the checkout), "
            "with manifest.json and a README.md gallery. A figure whose data, code, style and "
            "library versions have not changed is skipped; --force redraws. Exits 1 naming "
            "any figure that failed (its previous files are kept), 2 on unknown names or "
            "formats."
        ),
    )
    parser.add_argument(
        "--out",
        default="figures",
        help="output folder (default: figures/ under the current directory)",
    )
    parser.add_argument(
        "--only", nargs="+", metavar="NAME", help="draw only these figures (default: all)"
    )
    parser.add_argument(
        "--format",
        default=",".join(FORMATS),
        help="comma-separated formats among png, svg, pdf (default: all three)",
    )
    parser.add_argument("--force", action="store_true", help="redraw even if current")
    parser.add_argument(
        "--jobs",
        type=positive_number,
        default=2,
        metavar="N",
        help="processes to draw with, a positive number (default: 2; 1 draws in this process)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> None:
    """Run ``ecove-data figures`` with parsed arguments.

    Raises :class:`ecove_data.FiguresFailedError` naming each figure that failed (its
    previous files are kept); errors are reported by :func:`ecove_data.cli.main`.
    """
    from ..figures._build import build, parse_formats

    result = build(
        args.out,
        only=args.only,
        formats=parse_formats(args.format),
        force=args.force,
        data_dir=args.data_dir,
        jobs=args.jobs,
    )
    if not result.ok:
        raise FiguresFailedError(result.failed)
