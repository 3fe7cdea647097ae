"""ecove_data._rules.rows_of: a table with as many rows as a key figure, broken in a copy of data/.

``REFUSED`` breaks the rule in a copy of the data (conftest's ``refused`` checks the error);
``MALFORMED`` breaks the rule itself in a copy of the descriptor.
"""

from __future__ import annotations

from conftest import (
    DATA,
    ROWS,
    EditTable,
    both,
    case,
    consistency_rule,
    descriptor_refusal_test,
    real_line,
    refusal_test,
)


def sixth_workshop_declared(e: EditTable) -> None:
    # Declare a sixth workshop in the report and the key figure; the table still has five.
    assert (DATA / "workshops.csv").read_text(encoding="utf-8").count("\n") == ROWS["workshops"] + 1
    e.report("there were 5 workshops", "there were 6 workshops")
    e.csv(
        "key_figures",
        ',5,count,exact,"During the afternoon, there were 5 workshops."',
        ',6,count,exact,"During the afternoon, there were 6 workshops."',
    )


REFUSED = [
    case(
        "networking-sectors-count",
        lambda e: e.csv("pact_sectors", "Tourism,true,", "Tourism,false,"),
        rule="networking_sectors_match",
        file="pact_sectors.csv",
        column="in_networking_workshops",
        problem="5 rows with in_networking_workshops true, but key_figures "
        "pact_sectors_in_networking_workshops is 6",
        fix="make the table and the figure agree",
    ),
    case(
        "workshop-rows",
        sixth_workshop_declared,
        rule="workshops_match",
        file="workshops.csv",
        problem="5 rows, but key_figures day2_workshops is 6",
        fix="make the table and the figure agree",
    ),
    case(
        # Without the speaker list's `complete`, which refuses it first (tests/test_validate.py),
        # the count of the citations against the key figure refuses it.
        "citation-rows-against-the-figure",
        both(
            lambda e: e.field("ecovem_citations", "speaker", lambda spec: spec.pop("complete")),
            lambda e: e.csv("ecovem_citations", real_line("ecovem_citations", 2), ""),
        ),
        rule="ecovem_citations_match",
        file="ecovem_citations.csv",
        problem="1 rows, but key_figures ecovem_citations is 2",
        fix="The citations table has as many rows as the report says ECoVEM was cited",
    ),
]

MALFORMED = [
    (
        lambda raw: consistency_rule(raw, "workshops_match").update(rows_of="workshop"),
        "names a table 'workshop' the descriptor does not describe",
        "did you mean 'workshops'?",
    ),
    (
        lambda raw: consistency_rule(raw, "networking_sectors_match").update(where="in_networking"),
        "names a column 'in_networking' that pact_sectors does not have",
        "did you mean 'in_networking_workshops'?",
    ),
]


test_a_broken_rule_is_refused = refusal_test(REFUSED)
test_a_malformed_descriptor_is_a_data_error = descriptor_refusal_test(MALFORMED)
