"""Write ``_typing.py`` from the descriptor: table names and roles as Literals for editors.

The descriptor is the one place where tables are named. Editors and type checkers need the
names as a ``Literal``, so this module writes them into ``ecove_data/_typing.py``; a test
fails, naming the command below, when the file no longer matches the descriptor.

Run ``make generate`` (or ``python -m ecove_data._codegen``) after adding, removing or
renaming a table; ``--check`` only reports whether the file is current.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from ._files import write_atomic

__all__ = ["TYPING_FILE", "main", "typing_source"]

TYPING_FILE = Path(__file__).resolve().parent / "_typing.py"
COMMAND = "make generate"

_TEMPLATE = '''\
"""Names for editors and type checkers.

Generated from the descriptor by `{command}`; do not edit by hand.
"""

from __future__ import annotations

from typing import Literal

__all__ = ["DatasetName", "DatasetRole"]

DatasetName = Literal[
{names}
]
"""The tables of the data package, in the order :func:`ecove_data.datasets` gives them."""

DatasetRole = Literal[{roles}]
"""Where a table's values come from: the report itself, or public sources that set it in context."""
'''


def typing_source(data_dir: Path | str | None = None) -> str:
    """Return the text ``_typing.py`` must have for the descriptor in ``data_dir``.

    Examples
    --------
    >>> text = typing_source()
    >>> '    "key_figures",' in text and 'DatasetRole = Literal["report", "context"]' in text
    True
    """
    from ._descriptor import package_data_dir, read_package
    from ._load import _names

    # The package's own data, never ECOVE_DATA_DIR: the names belong to the shipped package.
    pkg = read_package(data_dir if data_dir is not None else package_data_dir())
    roles: list[str] = []
    for res in pkg.tables:
        if res.role not in roles:
            roles.append(res.role)
    return _TEMPLATE.format(
        command=COMMAND,
        names="\n".join(f'    "{name}",' for name in _names(pkg)),
        roles=", ".join(f'"{role}"' for role in roles),
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Write ``_typing.py`` (or, with ``--check``, exit 1 if it is stale); return the status."""
    parser = argparse.ArgumentParser(
        prog="python -m ecove_data._codegen", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--check", action="store_true", help="only check; exit 1 if stale")
    args = parser.parse_args(argv)
    from .cli.exits import EXIT_BAD_DATA, EXIT_OK

    text = typing_source()
    current = TYPING_FILE.read_text(encoding="utf-8") if TYPING_FILE.exists() else ""
    if current == text:
        print(f"{TYPING_FILE.name} is current")
        return EXIT_OK
    if args.check:
        print(f"{TYPING_FILE.name} is stale: run `{COMMAND}`", file=sys.stderr)
        return EXIT_BAD_DATA
    write_atomic(TYPING_FILE, text)
    print(f"wrote {TYPING_FILE}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
