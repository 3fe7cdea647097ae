"""The ``ecove-data`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecove-data",
        description="Figures of the CoVEs conference report as validated tables.",
    )
    parser.add_argument(
        "--data-dir", help="another copy of data/ (default: ECOVE_DATA_DIR or the package's)"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    listing = sub.add_parser("list", help="list the tables, with the role of each")
    listing.add_argument(
        "--role", choices=["report", "context"], help="only the report's or the context tables"
    )
    show = sub.add_parser("show", help="print a table")
    show.add_argument("name")
    desc = sub.add_parser("describe", help="print a table's data dictionary")
    desc.add_argument("name")
    sub.add_parser("validate", help="check every file and rule; exit 1 on the first broken rule")
    sub.add_parser(
        "rehash", help="record each file's size and hash in datapackage.json after a correction"
    )
    export = sub.add_parser("export", help="write every table as csv, xlsx or md")
    export.add_argument("--format", required=True, choices=["csv", "xlsx", "md"])
    export.add_argument("--out", required=True, help="output folder")
    figures = sub.add_parser(
        "figures",
        help="draw the report figures as PNG, SVG and PDF, skipping those already current",
        description=(
            "Draw every registered figure as PNG (300 dpi), SVG and PDF into --out (default: "
            "figures/ under the current directory; `make figures` runs it from the checkout), "
            "with manifest.json and a README.md gallery. A figure whose data, code, style and "
            "library versions have not changed is skipped; --force redraws. Exits 1 naming "
            "any figure that failed (its previous files are kept), 2 on unknown names or "
            "formats."
        ),
    )
    from .figures._build import add_arguments

    add_arguments(figures)
    report = sub.add_parser(
        "report",
        help="write the notebooks' discussion as a Word document, a PDF and HTML pages",
        description=(
            "Execute the discussion notebooks (01 onwards) once and write, into --out, "
            "ecove-data-report.docx, ecove-data-report.pdf and html/. Needs the report "
            "dependency group (make report installs it). Exits 1 if a notebook fails or a "
            "file cannot be written (nothing is half-written), 2 on an unknown format."
        ),
    )
    from .report import add_arguments as add_report_arguments

    add_report_arguments(report)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    if args.command == "figures":
        from .figures._build import main as figures_main

        return figures_main(args)
    if args.command == "report":
        from .report import run

        return run(args)
    import pandas as pd

    from . import _descriptor, _export, _load
    from ._errors import DataError, UnknownDatasetError

    try:
        if args.command == "list":
            for name in _load.datasets(args.role, data_dir=args.data_dir):
                about = _load.info(name, data_dir=args.data_dir)
                print(f"{name:28} {about['role']:8} {about['title']}")
        elif args.command == "show":
            with pd.option_context(
                "display.max_columns", None, "display.width", 200, "display.max_colwidth", 60
            ):
                print(_load.load(args.name, data_dir=args.data_dir).to_string(index=False))
        elif args.command == "describe":
            print(_export.to_markdown(_load.describe(args.name, data_dir=args.data_dir)))
        elif args.command == "validate":
            frames = _load.load_all(data_dir=args.data_dir)
            print(f"valid: {len(frames)} tables, {sum(map(len, frames.values()))} rows")
        elif args.command == "rehash":
            changed = _descriptor.refresh_hashes(args.data_dir)
            print(f"updated: {', '.join(changed)}" if changed else "every hash is current")
        elif args.command == "export":
            for path in _export.export(args.format, args.out, data_dir=args.data_dir):
                print(path)
    except (DataError, UnknownDatasetError) as exc:
        print(f"ecove-data: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
