"""Cross-table rules: the descriptor's ``consistency`` list, and context rows quoting the report."""

from __future__ import annotations

from typing import Any

from ._descriptor import Package, Resource, Rule
from ._errors import DataError
from ._quotes import Report
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
    for rule in pkg.consistency:
        if not rule.tables <= set(columns):
            continue
        with problems.check():
            _check_rule(pkg, columns, rule)


def _check_rule(pkg: Package, columns: dict[str, dict[str, list[Any]]], rule: Rule) -> None:
    figures = columns["key_figures"] if "key_figures" in rule.tables else {}
    value_of = dict(zip(figures.get("figure_id", []), figures.get("value", []), strict=True))

    def figure(figure_id: str) -> int:
        if figure_id not in value_of:
            raise DataError(
                f"figure {figure_id!r} is missing",
                file="key_figures.csv",
                column="figure_id",
                rule=rule.name,
                fix=f"restore the {figure_id} row ({rule.description})",
            )
        value: int = value_of[figure_id]
        return value

    if rule.kind == "fixed":
        _check_fixed(pkg, columns, rule)
    elif rule.kind == "one_true_per":
        _check_one_true(pkg, columns, rule)
    elif rule.kind == "context":
        kind = "equals" if "equals" in rule else "at_most"
        stated = figure(rule[kind])
        qualifiers = dict(zip(figures["figure_id"], figures.get("qualifier", []), strict=False))
        _check_context(pkg, columns, rule, kind, stated, qualifiers.get(rule[kind]))
    elif rule.kind == "sum_of":
        expected = figure(rule["equals"])
        parts = {fid: figure(fid) for fid in rule["sum_of"]}
        if sum(parts.values()) != expected:
            terms = " + ".join(f"{fid} ({v})" for fid, v in parts.items())
            raise DataError(
                f"{terms} = {sum(parts.values())}, but {rule['equals']} is {expected}",
                file="key_figures.csv",
                column="value",
                rule=rule.name,
                fix=f"correct one of these rows so that: {rule.description}",
            )
    else:
        expected = figure(rule["equals"])
        table = columns[rule["rows_of"]]
        flags = table[rule["where"]] if "where" in rule else [True] * len(table[next(iter(table))])
        count = sum(bool(flag) for flag in flags)
        what = f"rows with {rule['where']} true" if "where" in rule else "rows"
        if count != expected:
            raise DataError(
                f"{count} {what}, but key_figures {rule['equals']} is {expected}",
                file=pkg.resource(rule["rows_of"]).path,
                column=rule.get("where"),
                rule=rule.name,
                fix=f"make the table and the figure agree: {rule.description}",
            )


def _check_fixed(pkg: Package, columns: dict[str, dict[str, list[Any]]], rule: Rule) -> None:
    """Check a value the report states for a whole list, or for one named row."""
    table, column, fixed = columns[rule["table"]], rule["column"], rule["fixed"]
    match = rule.get("rows", {})
    for row, values in enumerate(zip(*table.values(), strict=True), start=1):
        record = dict(zip(table, values, strict=True))
        if all(record[key] == value for key, value in match.items()) and record[column] != fixed:
            raise DataError(
                f"{column} is {str(record[column]).lower()}, but the report says "
                f"{str(fixed).lower()}",
                file=pkg.resource(rule["table"]).path,
                row=row,
                column=column,
                rule=rule["name"],
                fix=f"set it to {str(fixed).lower()}: {rule['description']}",
            )


def _records(table: dict[str, list[Any]]) -> list[dict[str, Any]]:
    """Return a parsed table's rows as dicts (row 1 first)."""
    return [dict(zip(table, values, strict=True)) for values in zip(*table.values(), strict=True)]


def _table(
    pkg: Package, columns: dict[str, dict[str, list[Any]]], rule: Rule, name: str
) -> tuple[str, list[dict[str, Any]]]:
    if name not in columns:
        raise DataError(
            f"rule {rule['name']!r} refers to a table {name!r} the descriptor does not describe",
            file="datapackage.json",
            rule=rule["name"],
            fix="restore the table's resource, or correct the rule in datapackage.json",
        )
    return pkg.resource(name).path, _records(columns[name])


def _check_context(
    pkg: Package,
    columns: dict[str, dict[str, list[Any]]],
    rule: Rule,
    kind: str,
    stated: Any,
    stated_qualifier: str | None,
) -> None:
    """Check the context rows a rule selects against the figure the report states.

    ``equals``: the value (and the qualifier, where both tables have one) is the report's.
    ``at_most``: the value is at most the report's, as a source's "more than 1 700" must be
    for the report's exact 1741.
    """
    spec = rule["context"]
    path, records = _table(pkg, columns, rule, spec["table"])
    where, column = spec.get("where", {}), spec["column"]
    matched = 0
    for row, record in enumerate(records, start=1):
        if any(record.get(key) != value for key, value in where.items()):
            continue
        matched += 1
        value, qualifier = record.get(column), record.get("qualifier")
        if value is None or (value != stated if kind == "equals" else value > stated):
            relation = "is not" if kind == "equals" else "is more than"
            shown = "an empty cell" if value is None else value
            problem, at = f"{shown} {relation} the report's {rule[kind]} ({stated})", column
        elif kind == "equals" and None not in (qualifier, stated_qualifier):
            if qualifier == stated_qualifier:
                continue
            problem = f"qualifier {qualifier!r} is not the report's {stated_qualifier!r}"
            at = "qualifier"
        else:
            continue
        raise DataError(
            problem,
            file=path,
            row=row,
            column=at,
            rule=rule["name"],
            fix=f"check the source and the report, then correct the row: {rule['description']}",
        )
    if not matched:
        terms = ", ".join(f"{key} {value!r}" for key, value in where.items())
        raise DataError(
            f"no row has {terms}",
            file=path,
            column=", ".join(where) or None,
            rule=rule["name"],
            fix=f"restore that row: {rule['description']}",
        )


def _check_one_true(pkg: Package, columns: dict[str, dict[str, list[Any]]], rule: Rule) -> None:
    """Check that exactly one row of each group (``one_true_per``) has ``column`` true."""
    path, records = _table(pkg, columns, rule, rule["table"])
    column, keys = rule["column"], rule["one_true_per"]
    groups: dict[tuple[Any, ...], list[int]] = {}
    for row, record in enumerate(records, start=1):
        groups.setdefault(tuple(record[key] for key in keys), []).append(row)
    for group, rows in groups.items():
        chosen = [row for row in rows if records[row - 1][column]]
        if len(chosen) != 1:
            terms = ", ".join(f"{key} {value!r}" for key, value in zip(keys, group, strict=True))
            raise DataError(
                f"{len(chosen)} rows with {terms} have {column} true "
                f"(rows {[row + 1 for row in rows]}); "
                "exactly one must",
                file=path,
                row=(chosen[1] if chosen else rows[0]),
                column=column,
                rule=rule["name"],
                fix=f"set {column} true on the one row figures use and false on the others, "
                f"and say why in the note ({rule['description']})",
            )


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
                    fix="copy the excerpt from data/raw/coves-conference-report.txt as it "
                    "stands and give the line where it starts",
                )
