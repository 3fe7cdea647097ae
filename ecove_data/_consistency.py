"""Cross-table rules: the descriptor's ``consistency`` list, and context rows quoting the report.

Each kind of rule is a module of :mod:`ecove_data._rules`, found by its name.
"""

from __future__ import annotations

from typing import Any

from . import _rules
from ._errors import DataError
from ._quotes import Report
from ._records import Package, Resource
from ._validate import Problems

__all__ = ["check_consistency", "check_report_lines"]


def check_consistency(
    pkg: Package, columns: dict[str, dict[str, list[Any]]], problems: Problems | None = None
) -> None:
    """Check the descriptor's cross-table rules against the parsed tables.

    A rule that reads a table missing from ``columns`` (one refused while it was read) is
    left out: its problem is already recorded.
    """
    problems = problems if problems is not None else Problems()
    data = _rules.Tables(pkg, columns)
    for rule in pkg.consistency:
        if not rule.tables <= set(columns):
            continue
        with problems.check():
            _rules.kind(rule.kind).check(data, rule)


def check_report_lines(
    pkg: Package, res: Resource, columns: dict[str, list[Any]], report: Report
) -> None:
    """Check the rows a context table takes from the report itself.

    A field with the ``reportLine`` property holds, for such rows, the line where the
    row's quote starts in the report; those rows give the report's path as their URL.

    Examples
    --------
    >>> from ecove_data._descriptor import read_package
    >>> from ecove_data._validate import check_file, read_columns
    >>> pkg = read_package()
    >>> res = pkg.resource("context_pact_membership")
    >>> columns = read_columns(res, check_file(pkg, res), None)
    >>> report = Report(check_file(pkg, pkg.source))
    >>> check_report_lines(pkg, res, columns, report)  # the real data passes
    >>> columns["report_line"][columns["report_line"].index(23)] = 24
    >>> try:
    ...     check_report_lines(pkg, res, columns, report)
    ... except DataError as err:
    ...     print(f"row {err.row}, {err.column}: {err.problem}")
    row 3, report_line: the quote starts on line 23 of the report, not line 24
    """
    for field in res.fields:
        if field.report_line is None:
            continue
        quote_column, url_column = field.report_line
        spec = {"quote": quote_column, "url": url_column}
        name = field.name
        rows = zip(columns[name], columns[quote_column], columns[url_column], strict=True)
        for row, (line, quote, url) in enumerate(rows, start=1):
            from_report = url == pkg.source.path
            if from_report != (line is not None):
                raise DataError(
                    f"{spec['url']} is {url!r} but {name} is "
                    + ("empty" if line is None else str(line)),
                    file=res.path,
                    row=row,
                    column=name,
                    rule="reportLine",
                    fix=f"a row taken from the report gives {spec['url']} {pkg.source.path} and "
                    f"the line where its quote starts; any other row leaves {name} empty",
                )
            if line is None:
                continue
            found = [at_line for _, at_line in report.find(quote or "")]
            if line not in found:
                raise DataError(
                    "the quote does not stand in the report"
                    if not found
                    else f"the quote starts on line {found[0]} of the report, not line {line}",
                    file=res.path,
                    row=row,
                    column=spec["quote"] if not found else name,
                    rule="reportLine",
                    fix=f"copy the excerpt from {report.path} in the data folder as it "
                    "stands and give the line where it starts",
                )
