"""The commands on the tables: list, show, describe, validate, rehash and export."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, get_args

from .._export import FORMATS as EXPORT_FORMATS
from .._typing import DatasetRole

__all__ = ["add_commands"]

Command = Callable[..., argparse.ArgumentParser]


def add_commands(command: Command) -> None:
    """Add the table commands, each with the function that runs it."""
    listing = command("list", "list the tables, with the role of each")
    listing.add_argument(
        "--role", choices=get_args(DatasetRole), help="only the report's or the context tables"
    )
    listing.set_defaults(run=_list)
    show = command(
        "show",
        "print a table",
        description="Print a table. On a terminal long text is cut to fit its width; "
        "--full prints every cell whole, as does output to a file or a pipe.",
    )
    show.add_argument("name")
    show.add_argument("--full", action="store_true", help="print every cell whole, unwrapped")
    show.set_defaults(run=_show)
    desc = command("describe", "print a table's data dictionary")
    desc.add_argument("name")
    desc.set_defaults(run=_describe)
    command(
        "validate",
        "check every file and rule; list every problem, by file",
        description="Check every file and rule of the data package: sizes and hashes, "
        "types and constraints, quotes against the report, cross-table rules. Lists every "
        "problem found, grouped by file, and exits 1 if there is any.",
    ).set_defaults(run=_validate)
    command(
        "rehash", "record each file's size and hash in datapackage.json after a correction"
    ).set_defaults(run=_rehash)
    export = command(
        "export",
        "write every table as csv, xlsx or md",
        description="Write every table into --out: csv (one UTF-8 file a table, with a "
        "byte-order mark so that Excel keeps accents), xlsx (one workbook with a "
        "data_dictionary sheet) or md (one Markdown file).",
    )
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--out", required=True, help="output folder (made if missing)")
    export.set_defaults(run=_export)


def _list(args: argparse.Namespace) -> None:
    from .. import _load

    for name in _load.datasets(args.role, data_dir=args.data_dir):
        about = _load.info(name, data_dir=args.data_dir)
        print(f"{name:28} {about['role']:8} {about['title']}")


def _fit(frame: Any, full: bool) -> str:
    """Render a frame for the terminal: cells cut and columns wrapped to its width."""
    fits = sys.stdout.isatty() or "COLUMNS" in os.environ
    if full or not fits:
        return str(frame.to_string(index=False))
    width = max(shutil.get_terminal_size().columns, 20)
    return str(frame.to_string(index=False, max_colwidth=max(8, width // 2), line_width=width))


def _show(args: argparse.Namespace) -> None:
    import pandas as pd

    from .. import _load

    frame = _load.load(args.name, data_dir=args.data_dir)
    with pd.option_context("display.max_columns", None):
        print(_fit(frame, args.full))


def _describe(args: argparse.Namespace) -> None:
    from .. import _export, _load

    print(_export.to_markdown(_load.describe(args.name, data_dir=args.data_dir)))


def _validate(args: argparse.Namespace) -> None:
    from .. import _load

    data_dir: Path | None = args.data_dir
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


def _rehash(args: argparse.Namespace) -> None:
    from .. import _descriptor

    changed = _descriptor.refresh_hashes(args.data_dir)
    print(f"updated: {', '.join(changed)}" if changed else "every hash is current")


def _export(args: argparse.Namespace) -> None:
    from .. import _export

    for path in _export.export(args.format, args.out, data_dir=args.data_dir):
        print(path)
