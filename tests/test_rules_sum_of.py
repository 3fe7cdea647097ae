"""ecove_data._rules.sum_of: key figures that must add up to another, broken in a copy of data/.

``REFUSED`` breaks the rule in a copy of the data (conftest's ``refused`` checks the error);
``MALFORMED`` breaks the rule itself in a copy of the descriptor.
"""

from __future__ import annotations

from conftest import both, case, consistency_rule, descriptor_refusal_test, refusal_test

REFUSED = [
    case(
        # 26 EU + 28 non-EU: change the report too, so that only the sum is wrong.
        "countries-add-up",
        both(
            lambda e: e.report("(27 EU + 28 non-EU)", "(26 EU + 28 non-EU)"),
            lambda e: e.csv(
                "key_figures",
                "55 countries (27 EU + 28 non-EU)",
                "55 countries (26 EU + 28 non-EU)",
            ),
            lambda e: e.csv("key_figures", ",27,count,exact,27 EU,", ",26,count,exact,26 EU,"),
        ),
        rule="countries_add_up",
        file="key_figures.csv",
        column="value",
        problem="cove_call_2021_countries_eu (26) + cove_call_2021_countries_non_eu (28) = 54, "
        "but cove_call_2021_countries is 55",
        fix="correct one of these rows so that: EU and non-EU countries add up",
    ),
]

MALFORMED = [
    (
        lambda raw: consistency_rule(raw, "countries_add_up").update(
            sum_of="cove_call_2021_countries"
        ),
        "consistency rule 'countries_add_up': sum_of is \"cove_call_2021_countries\", not a list",
        "write a list",
    ),
]


test_a_broken_rule_is_refused = refusal_test(REFUSED)
test_a_malformed_descriptor_is_a_data_error = descriptor_refusal_test(MALFORMED)
