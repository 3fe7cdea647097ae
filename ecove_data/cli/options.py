"""What the commands share: the argparse types and options of more than one command."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["Version", "data_dir_option", "positive_number"]


def positive_number(text: str) -> int:
    """Read a ``--jobs`` value: a whole number of at least 1, or say so (argparse's type).

    Examples
    --------
    >>> positive_number("2")
    2
    >>> positive_number("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: must be a positive whole number, such as 2, not '0'
    """
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"must be a positive whole number, such as 2, not {text!r}"
        )
    return value


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("ecove-data")
    except metadata.PackageNotFoundError:
        return "unknown (not installed)"


class Version(argparse.Action):
    """``--version``: read from the installed metadata only when asked (it costs an import)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> None:
        """Print the version and exit."""
        print(f"{parser.prog} {_version()}")
        parser.exit()


def data_dir_option(parser: argparse.ArgumentParser, default: Any) -> None:
    """Add ``--data-dir`` to ``parser``."""
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar="DIR",
        help="another copy of data/ (default: ECOVE_DATA_DIR, else the package's own data)",
    )
