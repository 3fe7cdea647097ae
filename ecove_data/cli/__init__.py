"""The ``ecove-data`` command line.

:func:`main` parses the arguments, runs the command and turns the errors the package raises
into messages and exit statuses (:mod:`ecove_data.cli.exits`, the one table of them). Each
group of commands is a module here with its parsers and the functions that run them:
:mod:`~ecove_data.cli.data` (the tables), :mod:`~ecove_data.cli.figures` and
:mod:`~ecove_data.cli.report`.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._errors import DataError
from . import data, figures, report
from .exits import (
    EXIT_BAD_DATA,
    EXIT_CANNOT_WRITE,
    EXIT_CODES,
    EXIT_OK,
    EXIT_PIPE_CLOSED,
    EXIT_STATUSES,
    EXIT_USAGE,
    exit_status,
)
from .options import Version, data_dir_option

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

# The colours a notebook's traceback carries for a terminal.
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ecove-data",
        description="Figures of the CoVEs conference report as validated tables.",
        epilog=EXIT_CODES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action=Version, help="show the version and exit")
    data_dir_option(parser, None)
    # The same option after the command: SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    data_dir_option(common, argparse.SUPPRESS)

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

    for group in (data, figures, report):
        group.add_commands(command)
    return parser


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
        args.run(args)
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
