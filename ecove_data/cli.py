"""The ``ecove-data`` command line."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, get_args

from ._errors import (
    CannotWriteError,
    DataError,
    FiguresFailedError,
    NotebookError,
    UnknownNameError,
    UsageError,
)
from ._export import FORMATS as EXPORT_FORMATS
from ._typing import DatasetRole

__all__ = [
    "EXIT_BAD_DATA",
    "EXIT_CANNOT_WRITE",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "EXIT_STATUSES",
    "EXIT_USAGE",
    "exit_status",
    "main",
]

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_CANNOT_WRITE = 73  # EX_CANTCREAT in sysexits.h
EXIT_PIPE_CLOSED = 141  # what a shell reports for a command ended by SIGPIPE

# The exit policy, in one place: the first class an error is an instance of decides the
# status. Every command raises; only main() turns errors into statuses and messages.
EXIT_STATUSES: tuple[tuple[type[BaseException], int], ...] = (
    (BrokenPipeError, EXIT_PIPE_CLOSED),
    (DataError, EXIT_BAD_DATA),
    (NotebookError, EXIT_BAD_DATA),
    (FiguresFailedError, EXIT_BAD_DATA),
    (CannotWriteError, EXIT_CANNOT_WRITE),
    (UsageError, EXIT_USAGE),
    (UnknownNameError, EXIT_USAGE),
)

EXIT_CODES = f"""\
exit status:
  {EXIT_OK}   done
  {EXIT_BAD_DATA}   bad data: a file or rule of the data package is broken, or a figure or
      notebook failed (the message names it)
  {EXIT_USAGE}   bad usage: an unknown command, option, table or figure name, or an unusable
      option value (a missing or broken template, an unknown format)
  {EXIT_CANNOT_WRITE}  a file or folder cannot be written (previous files are left intact)
  {EXIT_PIPE_CLOSED} the output was closed early (`ecove-data show NAME | head`)"""
# The colours a notebook's traceback carries for a terminal.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def exit_status(error: BaseException) -> int | None:
    """Return the exit status for ``error``, or None for an error the package did not expect.

    Examples
    --------
    >>> from ecove_data import DataError
    >>> exit_status(DataError("bad")), exit_status(KeyError("x"))
    (1, None)
    """
    return next((status for kind, status in EXIT_STATUSES if isinstance(error, kind)), None)


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ecove-data")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


class _Version(argparse.Action):
    """``--version``: read from the installed metadata only when asked (it costs an import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        print(f"{parser.prog} {_version()}")
        parser.exit()


def _data_dir_option(parser: argparse.ArgumentParser, default: Any) -> None:
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help="another copy of data/ (default: ECOVE_DATA_DIR, else the package's own data)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecove-data",
        description="Figures of the CoVEs conference report as validated tables.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=_Version, help="show the version and exit")
    _data_dir_option(parser, None)
    # The same option after the command: SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    _data_dir_option(common, argparse.SUPPRESS)

    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, text: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=text,
            description=kwargs.pop("description", text[0].upper() + text[1:] + "."),
            parents=[common],
            epilog=EXIT_CODES,
            formatter_class=argparse.RawDescriptionHelpFormatter,
            **kwargs,
        )

    listing = command("list", "list the tables, with the role of each")
    listing.add_argument(
        "--role", choices=get_args(DatasetRole), help="only the report's or the context tables"
    )
    show = command(
        "show",
        "print a table",
        description="Print a table. On a terminal long text is cut to fit its width; "
        "--full prints every cell whole, as does output to a file or a pipe.",
    )
    show.add_argument("name")
    show.add_argument("--full", action="store_true", help="print every cell whole, unwrapped")
    desc = command("describe", "print a table's data dictionary")
    desc.add_argument("name")
    command(
        "validate",
        "check every file and rule; list every problem, by file",
        description="Check every file and rule of the data package: sizes and hashes, "
        "types and constraints, quotes against the report, cross-table rules. Lists every "
        "problem found, grouped by file, and exits 1 if there is any.",
    )
    command("rehash", "record each file's size and hash in datapackage.json after a correction")
    export = command(
        "export",
        "write every table as csv, xlsx or md",
        description="Write every table into --out: csv (one UTF-8 file a table, with a "
        "byte-order mark so that Excel keeps accents), xlsx (one workbook with a "
        "data_dictionary sheet) or md (one Markdown file).",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, help="output folder (made if missing)")
    figures = command(
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
    from .figures._build import add_arguments

    add_arguments(figures)
    report = command(
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
    from .report import add_arguments as add_report_arguments

    add_report_arguments(report)
    return parser


def _fit(frame: Any, full: bool) -> str:
    """Render a frame for the terminal: cells cut and columns wrapped to its width."""
    fits = sys.stdout.isatty() or "COLUMNS" in os.environ
    if full or not fits:
        return str(frame.to_string(index=False))
    width = max(shutil.get_terminal_size().columns, 20)
    return str(frame.to_string(index=False, max_colwidth=max(8, width // 2), line_width=width))


def _report_problems(problems: list[DataError], data_dir: Path) -> None:
    by_file: dict[str, list[DataError]] = {}
    for err in problems:
        by_file.setdefault(err.file or "datapackage.json", []).append(err)
    count = len(problems)
    print(
        f"ecove-data: {count} problem{'s' if count > 1 else ''} in {len(by_file)} "
        f"file{'s' if len(by_file) > 1 else ''} of {data_dir}",
        file=sys.stderr,
    )
    for file, errors in by_file.items():
        print(f"\n{file}: {len(errors)} problem{'s' if len(errors) > 1 else ''}", file=sys.stderr)
        for err in errors:
            text = err.for_cli(with_file=False)
            print("  " + text.replace("\n", "\n    "), file=sys.stderr)


def _validate(data_dir: Path | None) -> None:
    from . import _load

    pkg, problems, frames = _load.check_package(data_dir)
    if problems:
        raise _load.first_of(problems, pkg)
    quoted = sum(
        len(frames[res.name])
        for res in pkg.tables
        if res.role == "report" and {"quote", "line"} <= set(res.field_names)
    )
    print(f"valid: {len(frames)} tables, {sum(map(len, frames.values()))} rows in {pkg.data_dir}")
    print(
        f"checked: the size and hash of {len(pkg.resources)} files; the types and constraints "
        f"of {len(pkg.tables)} tables; the quote and line of {quoted} report rows; "
        f"{len(pkg.consistency)} cross-table rules; "
        f"{len(pkg.derived.indicators) if pkg.derived else 0} derived indicators"
    )


def _run(args: argparse.Namespace) -> None:
    import pandas as pd

    from . import _descriptor, _export, _load

    data_dir = args.data_dir
    if args.command == "list":
        for name in _load.datasets(args.role, data_dir=data_dir):
            about = _load.info(name, data_dir=data_dir)
            print(f"{name:28} {about['role']:8} {about['title']}")
    elif args.command == "show":
        frame = _load.load(args.name, data_dir=data_dir)
        with pd.option_context("display.max_columns", None):
            print(_fit(frame, args.full))
    elif args.command == "describe":
        print(_export.to_markdown(_load.describe(args.name, data_dir=data_dir)))
    elif args.command == "validate":
        _validate(data_dir)
    elif args.command == "rehash":
        changed = _descriptor.refresh_hashes(data_dir)
        print(f"updated: {', '.join(changed)}" if changed else "every hash is current")
    elif args.command == "export":
        for path in _export.export(args.format, args.out, data_dir=data_dir):
            print(path)
    elif args.command == "figures":
        from .figures._build import main as figures

        figures(args)
    elif args.command == "report":
        from .report import run

        run(args)


def _say(error: BaseException, command: str) -> None:
    """Print what went wrong: one message, or every problem of the data as validate lists them."""
    # The loader names the folder of the problems it collected; a descriptor that cannot be
    # read is one problem, said in one line.
    if (
        isinstance(error, DataError)
        and error.data_dir is not None
        and (command in ("validate", "report") or len(error.problems) > 1)
    ):
        _report_problems(error.problems, error.data_dir)
        return
    text = error.for_cli() if isinstance(error, DataError) else str(error)
    if not sys.stderr.isatty():
        text = _ANSI.sub("", text)
    print(f"ecove-data: {text}", file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (see :data:`EXIT_STATUSES`)."""
    args = _parser().parse_args(argv)
    try:
        _run(args)
        sys.stdout.flush()
    except Exception as error:
        status = exit_status(error)
        if status is None:
            raise
        if status == EXIT_PIPE_CLOSED:
            # The reader went away (`ecove-data show NAME | head`): stop quietly, and keep
            # Python from failing again on flushing stdout at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        else:
            _say(error, args.command)
        return status
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
