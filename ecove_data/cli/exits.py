"""The exit policy of the command line, in one place: which error ends with which status.

Every command raises; only :func:`ecove_data.cli.main` turns errors into statuses and
messages, through :data:`EXIT_STATUSES`.
"""

from __future__ import annotations

from .._errors import (
    CannotWriteError,
    DataError,
    FiguresFailedError,
    NotebookError,
    UnknownNameError,
    UsageError,
)

__all__ = [
    "EXIT_BAD_DATA",
    "EXIT_CANNOT_WRITE",
    "EXIT_CODES",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "EXIT_STATUSES",
    "EXIT_USAGE",
    "exit_status",
]

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2
EXIT_CANNOT_WRITE = 73  # EX_CANTCREAT in sysexits.h
EXIT_PIPE_CLOSED = 141  # what a shell reports for a command ended by SIGPIPE

# The first class an error is an instance of decides the status.
EXIT_STATUSES: tuple[tuple[type[BaseException], int], ...] = (
    (BrokenPipeError, EXIT_PIPE_CLOSED),
    (DataError, EXIT_BAD_DATA),
    (NotebookError, EXIT_BAD_DATA),
    (FiguresFailedError, EXIT_BAD_DATA),
    (CannotWriteError, EXIT_CANNOT_WRITE),
    (UsageError, EXIT_USAGE),
    (UnknownNameError, EXIT_USAGE),
)

# What every command's --help says about its statuses.
EXIT_CODES = f"""\
exit status:
  {EXIT_OK}   done
  {EXIT_BAD_DATA}   bad data: a file or rule of the data package is broken, or a figure or
      notebook failed (the message names it)
  {EXIT_USAGE}   bad usage: an unknown command, option, table or figure name, or an unusable
      option value (a missing or broken template, an unknown format)
  {EXIT_CANNOT_WRITE}  a file or folder cannot be written (previous files are left intact)
  {EXIT_PIPE_CLOSED} the output was closed early (`ecove-data show NAME | head`)"""


def exit_status(error: BaseException) -> int | None:
    """Return the exit status for ``error``, or None for an error the package did not expect.

    Examples
    --------
    >>> from ecove_data import DataError
    >>> exit_status(DataError("bad")), exit_status(KeyError("x"))
    (1, None)
    """
    return next((status for kind, status in EXIT_STATUSES if isinstance(error, kind)), None)
