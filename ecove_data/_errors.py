"""The exceptions the package raises."""

from __future__ import annotations

__all__ = ["DataError", "UnknownDatasetError"]


class DataError(ValueError):
    """Bad data: says what is wrong, where, which rule it breaks and how to fix it.

    Parameters
    ----------
    problem : str
        What is wrong, in one sentence.
    file : str, optional
        The file at fault, relative to the data folder where possible.
    row : int, optional
        1-based data row (the header is not counted).
    column : str, optional
        Column name.
    rule : str, optional
        The rule that was broken (``hash``, ``type``, ``required``, ``quote``...).
    fix : str, optional
        What to do about it.

    Examples
    --------
    >>> err = DataError("'x' is not an integer", file="key_figures.csv", row=2,
    ...                 column="value", rule="type", fix="write a whole number")
    >>> print(err)
    key_figures.csv, row 2, column 'value': 'x' is not an integer [rule: type]
    How to fix: write a whole number
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
    ) -> None:
        self.problem = problem
        self.file = file
        self.row = row
        self.column = column
        self.rule = rule
        self.fix = fix
        super().__init__(self._message())

    def _message(self) -> str:
        where = [part for part in (self.file,) if part]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        text = f"{', '.join(where)}: {self.problem}" if where else self.problem
        if self.rule:
            text += f" [rule: {self.rule}]"
        if self.fix:
            text += f"\nHow to fix: {self.fix}"
        return text


class UnknownDatasetError(LookupError):
    """A dataset name that the data package does not have.

    Examples
    --------
    >>> err = UnknownDatasetError("pact_sector", ["pact_sectors", "workshops"])
    >>> print(err)
    unknown dataset 'pact_sector'. Did you mean 'pact_sectors'? Valid names: pact_sectors, workshops
    """

    def __init__(self, name: str, valid: list[str]) -> None:
        import difflib

        self.name = name
        self.valid = list(valid)
        close = difflib.get_close_matches(name, self.valid, n=1, cutoff=0.5)
        self.suggestion = close[0] if close else None
        hint = f" Did you mean {self.suggestion!r}?" if self.suggestion else ""
        super().__init__(f"unknown dataset {name!r}.{hint} Valid names: {', '.join(self.valid)}")
