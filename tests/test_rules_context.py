"""ecove_data._rules.context: context rows that hold the report's key figure, broken in a copy.

``REFUSED`` breaks a context rule in a copy of data/ (conftest's ``refused`` checks the error):
a value other than the report's, a bound above it, another qualifier, an empty cell, a missing
row. ``MALFORMED`` breaks the rule itself in a copy of the descriptor.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import broken, consistency_rule, descriptor_refusal_test, refusal_test

CALLS = "context/cove_calls"
BROKEN = [
    # table, old, new, rule, column, what the message says; the row is the one holding old
    (
        "context/cove_calls",
        "2021,applications,84,",
        "2021,applications,85,",
        "context_2021_applications_match",
        "value",
        "85 is not the report's cove_call_2021_proposals (84)",
    ),
    (
        "context/cove_calls",
        "2021,countries,55,",
        "2021,countries,56,",
        "context_2021_countries_match",
        "value",
        "56 is not the report's cove_call_2021_countries (55)",
    ),
    (
        "context/cove_calls",
        "2021,organisations,1700,more_than",
        "2021,organisations,1800,more_than",
        "context_2021_organisations_lower_bound",
        "value",
        "1800 is more than the report's cove_call_2021_organisations (1741)",
    ),
    (
        "context/cove_calls",
        "2021,organisations,1741,",
        "2021,organisations,1740,",
        "context_2021_organisations_report_row",
        "value",
        "1740 is not the report's cove_call_2021_organisations (1741)",
    ),
    (
        "context/pact_membership",
        "2022-02-03,500,more_than",
        "2022-02-03,600,more_than",
        "context_pact_report_row",
        "members",
        "600 is not the report's pact_for_skills_members (500)",
    ),
    (
        "context/pact_membership",
        "2022-02-03,500,more_than",
        "2022-02-03,500,exact",
        "context_pact_report_row",
        "qualifier",
        "qualifier 'exact' is not the report's 'more_than'",
    ),
    (
        "context/campus_excellence",
        "2022-02,43,",
        "2022-02,44,",
        "context_campuses_2022_match",
        "excellence_campuses",
        "44 is not the report's campus_des_metiers_excellence (43)",
    ),
    (
        "context/event",
        "afternoon,6,",
        "afternoon,7,",
        "context_networking_workshops_match",
        "workshops",
        "7 is not the report's pact_sectors_in_networking_workshops (6)",
    ),
    (
        "context/event",
        "morning,5,",
        "morning,,",
        "context_thematic_workshops_match",
        "workshops",
        "an empty cell is not the report's day2_workshops (5)",
    ),
]
REFUSED = [
    *[broken(*args) for args in BROKEN],
    pytest.param(
        lambda e: e.csv(CALLS, e.line(CALLS, "2021,applications,84,"), ""),
        {
            "rule": "context_2021_applications_match",
            "file": f"{CALLS}.csv",
            "column": "call_year, measure",
            "problem": "no row has call_year 2021, measure 'applications'",
            "fix": "restore that row",
        },
        id="missing-context-row",
    ),
]


def where(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The ``where`` of context rule ``name`` in a parsed descriptor."""
    return consistency_rule(raw, name)["context"]["where"]


MALFORMED = [
    (
        lambda raw: where(raw, "context_2021_applications_match").update(measures="applications"),
        "names a column 'measures' that context_cove_calls does not have",
        "did you mean 'measure'?",
    ),
]


test_a_broken_context_rule_is_refused = refusal_test(REFUSED)
test_a_malformed_descriptor_is_a_data_error = descriptor_refusal_test(MALFORMED)
