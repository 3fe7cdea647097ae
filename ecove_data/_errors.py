"""The exceptions the package raises on purpose, all under :class:`EcoveError`."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "CannotWriteError",
    "DataError",
    "EcoveError",
    "FiguresFailedError",
    "NotebookError",
    "TemplateError",
    "UnknownChoiceError",
    "UnknownDatasetError",
    "UnknownNameError",
    "UsageError",
    "closest",
    "parse_choices",
]


class EcoveError(Exception):
    """Base of every error the package raises on purpose: catch this one to catch them all.

    Examples
    --------
    >>> issubclass(DataError, EcoveError) and issubclass(UnknownDatasetError, EcoveError)
    True
    """


def closest(name: str, valid: Iterable[str]) -> str | None:
    """Return the valid name closest to ``name``, or None when none is close.

    Examples
    --------
    >>> closest("verbatum", ["verbatim", "complete"])
    'verbatim'
    >>> print(closest("zzz", ["verbatim"]))
    None
    """
    import difflib  # only for a message: loading the data never needs it

    found = difflib.get_close_matches(name, list(valid), n=1, cutoff=0.5)
    return found[0] if found else None


class DataError(EcoveError, ValueError):
    """Bad data: says what is wrong, where, which rule it breaks and how to fix it.

    Parameters
    ----------
    problem : str
        What is wrong, in one sentence.
    file : str, optional
        The file at fault, relative to the data folder where possible.
    row : int, optional
        1-based data row (the header is not counted; 0 is the header). Messages give the
        row as a spreadsheet shows it, :attr:`sheet_row`: the header is row 1, so data
        row 2 is row 3.
    column : str, optional
        Column name.
    rule : str, optional
        The rule that was broken (``hash``, ``type``, ``required``, ``quote``...).
    fix : str, optional
        What to do about it.
    cli_fix : str, optional
        What to do about it at the command line, where that differs from ``fix``
        (``--data-dir`` instead of ``data_dir=``); :meth:`for_cli` uses it.

    Examples
    --------
    >>> err = DataError("'x' is not an integer", file="key_figures.csv", row=2,
    ...                 column="value", rule="type", fix="write a whole number")
    >>> print(err)
    key_figures.csv, row 3, column 'value': 'x' is not an integer [rule: type]
    How to fix: write a whole number
    >>> err.row, err.sheet_row
    (2, 3)
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        rule: str | None = None,
        fix: str | None = None,
        cli_fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.row = row
        self.column = column
        self.rule = rule
        self.fix = fix
        self.cli_fix = cli_fix
        # Every problem found where one error stands for several (``load`` of a package
        # with more than one broken rule): this one first.
        self.problems: list[DataError] = [self]
        # The data folder the problems were found in, where the loader knows it.
        self.data_dir: Path | None = None
        super().__init__(self._message(fix))

    @property
    def sheet_row(self) -> int | None:
        """The row as a spreadsheet numbers it: the header is row 1."""
        return None if self.row is None else self.row + 1

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only arguments: rebuild from the attributes (errors cross processes).
        return (_data_error, (self.problem, self._parts()))

    def _parts(self) -> dict[str, Any]:
        names = ("file", "row", "column", "rule", "fix", "cli_fix")
        return {name: getattr(self, name) for name in names}

    def _where(self, with_file: bool = True) -> str:
        where = [part for part in (self.file,) if part and with_file]
        if self.row is not None:
            where.append(f"row {self.sheet_row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return ", ".join(where)

    def _message(self, fix: str | None, with_file: bool = True) -> str:
        where = self._where(with_file)
        text = f"{where}: {self.problem}" if where else self.problem
        if self.rule:
            text += f" [rule: {self.rule}]"
        if fix:
            text += f"\nHow to fix: {fix}"
        return text

    def for_cli(self, *, with_file: bool = True) -> str:
        """Return the message as the command line prints it (its own advice, if any)."""
        return self._message(self.cli_fix or self.fix, with_file)


def _data_error(problem: str, parts: dict[str, Any]) -> DataError:
    return DataError(problem, **parts)


class UsageError(EcoveError, ValueError):
    """Bad usage: an option whose value cannot be used (a missing or unusable file, a bad choice).

    The command line exits 2 for it, as for an unknown command or option.

    Examples
    --------
    >>> issubclass(UnknownChoiceError, UsageError), issubclass(DataError, UsageError)
    (True, False)
    """


class UnknownChoiceError(UsageError):
    """An option's value that is not one of its choices, such as an output format."""


def parse_choices(text: str | Iterable[str], valid: Sequence[str], kind: str) -> tuple[str, ...]:
    """Return the choices named in ``"a, b"`` (or a list) in the order of ``valid``.

    Examples
    --------
    >>> parse_choices("svg, PNG", ("png", "svg", "pdf"), "format")
    ('png', 'svg')
    >>> try:
    ...     parse_choices("dox", ("docx", "pdf"), "report format")
    ... except UnknownChoiceError as err:
    ...     print(err)
    unknown report format 'dox'. Did you mean 'docx'? Valid report formats: docx, pdf
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    asked = [item.strip().lower() for item in items if item.strip()]
    listed = f"Valid {kind}s: {', '.join(valid)}"
    for item in asked:
        if item not in valid:
            hint = closest(item, valid)
            did_you_mean = f" Did you mean {hint!r}?" if hint else ""
            raise UnknownChoiceError(f"unknown {kind} {item!r}.{did_you_mean} {listed}")
    if not asked:
        raise UnknownChoiceError(f"no {kind} given. {listed}")
    return tuple(choice for choice in valid if choice in asked)


class UnknownNameError(EcoveError, LookupError):
    """A name that is not one of the valid ones; says the closest and lists them all.

    Examples
    --------
    >>> print(UnknownNameError("figure", "activity", ["activities", "day2_workshops"]))
    unknown figure 'activity'. Did you mean 'activities'? Valid names: activities, day2_workshops
    """

    def __init__(self, kind: str, name: str, valid: Iterable[str]) -> None:
        self.kind = kind
        self.name = name
        self.valid = list(valid)
        self.suggestion = closest(name, self.valid)
        hint = f" Did you mean {self.suggestion!r}?" if self.suggestion else ""
        super().__init__(f"unknown {kind} {name!r}.{hint} Valid names: {', '.join(self.valid)}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (UnknownNameError, (self.kind, self.name, self.valid))


class UnknownDatasetError(UnknownNameError):
    """A dataset name that the data package does not have.

    Examples
    --------
    >>> err = UnknownDatasetError("pact_sector", ["pact_sectors", "workshops"])
    >>> print(err)
    unknown dataset 'pact_sector'. Did you mean 'pact_sectors'? Valid names: pact_sectors, workshops
    """

    def __init__(self, name: str, valid: Iterable[str]) -> None:
        super().__init__("dataset", name, valid)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.valid))


class CannotWriteError(EcoveError):
    """A file or folder the package was asked to write and cannot.

    The previous file, if any, is left as it was.

    Examples
    --------
    >>> print(CannotWriteError("out/x.csv", "Permission denied"))
    cannot write out/x.csv: Permission denied
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"cannot write {path}: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class TemplateError(UsageError):
    """A Word template (``--template``) that cannot be used: missing, not a Word file, macros.

    Examples
    --------
    >>> print(TemplateError("ours.docx", "it does not exist"))
    the Word template ours.docx cannot be used: it does not exist
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"the Word template {path} cannot be used: {reason}")

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class NotebookError(EcoveError):
    """A notebook that failed to run: which one, which cell and the error it raised.

    ``notebook`` holds it as far as it ran, the error in its outputs, where it is known.
    """

    notebook: Any = None


class FiguresFailedError(EcoveError):
    """Figures that could not be drawn (their previous files are kept), with each error.

    Examples
    --------
    >>> print(FiguresFailedError({"activities": "RuntimeError: disk full"}))
    activities failed (RuntimeError: disk full); its previous files are unchanged
    """

    def __init__(self, failed: dict[str, str]) -> None:
        self.failed = dict(failed)
        super().__init__(
            "\n".join(
                f"{name} failed ({error}); its previous files are unchanged"
                for name, error in self.failed.items()
            )
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.failed,))
