"""ecove_data._consistency: the descriptor's cross-table rules run, and context rows on their lines.

``check_consistency`` runs every rule of the descriptor's ``consistency`` list on the parsed
tables (each kind's own tests are in ``test_rules_<kind>``); ``check_report_lines`` holds the
context rows taken from the report to the line where their quote starts. ``REFUSED`` breaks
those rows in a copy of data/ (conftest's ``refused`` checks the error).
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import DATA, broken, refusal_test, row_of

from ecove_data import DataError, _rules
from ecove_data._consistency import check_consistency, check_report_lines
from ecove_data._descriptor import read_package
from ecove_data._quotes import Report
from ecove_data._records import Package
from ecove_data._validate import Problems, check_file, read_columns

BROKEN = [
    # table, old, new, rule, column, what the message says; the row is the one holding old
    (
        "context/cove_calls",
        "raw/coves-conference-report.txt,(no title: the report in this package),"
        "with the participation of 1741 organisations from 55 countries,,44,",
        "raw/coves-conference-report.txt,(no title: the report in this package),"
        "with the participation of 1741 organisations from 55 countries,,45,",
        "reportLine",
        "report_line",
        "the quote starts on line 44 of the report, not line 45",
    ),
    (
        "context/pact_membership",
        "to date, more than 500 companies",
        "to date, more than 600 companies",
        "reportLine",
        "source_quote",
        "the quote does not stand in the report",
    ),
    (
        "context/cove_calls",
        "https://www.swisscore.org/centres-of-vocational-excellence-5-platforms-chosen,"
        "(not shown),four pilot projects were approved with a maximum of 1 million € per "
        "project,,,",
        "https://www.swisscore.org/centres-of-vocational-excellence-5-platforms-chosen,"
        "(not shown),four pilot projects were approved with a maximum of 1 million € per "
        "project,,12,",
        "reportLine",
        "report_line",
        "is 'https://www.swisscore.org",
    ),
]
REFUSED = [broken(*args) for args in BROKEN]


test_a_broken_context_rule_is_refused = refusal_test(REFUSED)


# --- the rules run on parsed tables ----------------------------------------------------------


def parsed() -> tuple[Package, dict[str, dict[str, list[Any]]]]:
    """The real descriptor and every table of the real data, parsed (quotes not looked up)."""
    pkg = read_package()
    columns = {}
    for res in pkg.tables:
        table = read_columns(res, check_file(pkg, res), None)
        assert table is not None, res.name
        columns[res.name] = table
    return pkg, columns


def set_cell(table: dict[str, list[Any]], key: str, at: Any, column: str, value: Any) -> None:
    """Set ``column`` on the one row of ``table`` whose ``key`` column is ``at``."""
    table[column][table[key].index(at)] = value


def break_three_rules(columns: dict[str, dict[str, list[Any]]]) -> None:
    """Break a ``fixed``, a ``sum_of`` and a ``context`` rule, each on a table of its own."""
    set_cell(columns["roundtable_recommendations"], "position", 3, "covered_by_ecovem", False)
    set_cell(columns["key_figures"], "figure_id", "cove_call_2021_countries_eu", "value", 26)
    calls = columns["context_cove_calls"]
    keys = zip(calls["call_year"], calls["measure"], strict=True)
    row = next(at for at, key in enumerate(keys) if key == (2021, "applications"))
    calls["value"][row] = 85


def test_the_real_tables_break_no_rule():
    pkg, columns = parsed()
    problems = Problems(collect=True)
    check_consistency(pkg, columns, problems)
    assert problems.found == []
    # The real rules are of every kind, so each kind's check ran on the real data.
    assert {rule.kind for rule in pkg.consistency} == set(_rules.KINDS)


def test_every_broken_rule_is_found_in_the_order_of_the_descriptor():
    pkg, columns = parsed()
    break_three_rules(columns)
    problems = Problems(collect=True)
    check_consistency(pkg, columns, problems)
    found = [(err.rule, err.file, err.row, err.column, err.problem) for err in problems.found]
    assert found == [
        (
            "all_recommendations_covered",
            "roundtable_recommendations.csv",
            3,
            "covered_by_ecovem",
            "covered_by_ecovem is false, but the report says true",
        ),
        (
            "countries_add_up",
            "key_figures.csv",
            None,
            "value",
            "cove_call_2021_countries_eu (26) + cove_call_2021_countries_non_eu (28) = 54, "
            "but cove_call_2021_countries is 55",
        ),
        (
            "context_2021_applications_match",
            "context/cove_calls.csv",
            row_of(DATA, "context/cove_calls", "2021,applications,84,"),
            "value",
            "85 is not the report's cove_call_2021_proposals (84)",
        ),
    ]


def test_without_a_list_of_problems_the_first_broken_rule_is_raised():
    pkg, columns = parsed()
    break_three_rules(columns)
    with pytest.raises(DataError) as info:
        check_consistency(pkg, columns)
    assert info.value.rule == "all_recommendations_covered"
    assert str(info.value).startswith(
        "roundtable_recommendations.csv, row 4, column 'covered_by_ecovem': covered_by_ecovem is "
        "false, but the report says true"
    )


def test_a_rule_that_reads_a_table_refused_while_it_was_read_is_left_out():
    # Without key_figures every sum_of, rows_of and context rule is left out (each would
    # otherwise say a figure is missing); the rules on other tables still run.
    pkg, columns = parsed()
    break_three_rules(columns)
    del columns["key_figures"]
    problems = Problems(collect=True)
    check_consistency(pkg, columns, problems)
    assert [err.rule for err in problems.found] == ["all_recommendations_covered"]


# --- the context rows taken from the report --------------------------------------------------


def test_a_row_that_gives_the_report_as_its_source_gives_the_line_of_its_quote():
    pkg, columns = parsed()
    res = pkg.resource("context_pact_membership")
    table = columns[res.name]
    report = Report(check_file(pkg, pkg.source), pkg.source.path)
    check_report_lines(pkg, res, table, report)
    set_cell(table, "report_line", 23, "report_line", None)
    with pytest.raises(DataError) as info:
        check_report_lines(pkg, res, table, report)
    err = info.value
    assert (err.rule, err.file, err.row, err.column) == (
        "reportLine",
        "context/pact_membership.csv",
        3,
        "report_line",
    )
    assert err.problem == "source_url is 'raw/coves-conference-report.txt' but report_line is empty"
    assert err.fix == (
        "a row taken from the report gives source_url raw/coves-conference-report.txt and the "
        "line where its quote starts; any other row leaves report_line empty"
    )
