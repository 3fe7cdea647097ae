"""ecove_data._rules.fixed: the value the report states for a list or a row, broken in a copy.

``REFUSED`` breaks the rule in a copy of the data (conftest's ``refused`` checks the error);
``MALFORMED`` changes the rule itself in a copy of the descriptor.
"""

from __future__ import annotations

from conftest import both, case, consistency_rule, descriptor_refusal_test, refusal_test

REFUSED = [
    case(
        "all-recommendations-covered",
        lambda e: e.csv("roundtable_recommendations", "soft skills,true,", "soft skills,false,"),
        rule="all_recommendations_covered",
        file="roundtable_recommendations.csv",
        row=3,
        column="covered_by_ecovem",
        problem="covered_by_ecovem is false, but the report says true",
        fix='set it to true: The report says the round-table recommendations "are all covered',
    ),
    case(
        "microelectronics-not-in-workshops",
        both(
            lambda e: e.csv("pact_sectors", "Microelectronics,false,", "Microelectronics,true,"),
            lambda e: e.csv("pact_sectors", "Tourism,true,", "Tourism,false,"),
        ),
        rule="microelectronics_not_in_workshops",
        file="pact_sectors.csv",
        row=3,
        column="in_networking_workshops",
        problem="in_networking_workshops is true, but the report says false",
        fix="set it to false",
    ),
]

MALFORMED = [
    # A rule's fixed value is data of the rule's own: any JSON value is taken as is.
    (
        lambda raw: consistency_rule(raw, "microelectronics_not_in_workshops").update(
            fixed="false"
        ),
        None,
        None,
    ),
]


test_a_broken_rule_is_refused = refusal_test(REFUSED)
test_a_malformed_descriptor_is_a_data_error = descriptor_refusal_test(MALFORMED)
