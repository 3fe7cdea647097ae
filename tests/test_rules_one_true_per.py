"""ecove_data._rules.one_true_per: exactly one row in use per group, broken in a copy of data/.

Each of a context table's conflicting rows is kept; ``used_in_figures`` marks the one figures
use. Conftest's ``refused`` checks the error of each case of ``REFUSED``.
"""

from __future__ import annotations

import pytest
from conftest import DATA, broken, refusal_test, row_of

CALLS = "context/cove_calls"
REFUSED = [
    broken(
        CALLS,
        "2019,selected,4,exact,count,false,https://www.stemcoalition",
        "2019,selected,4,exact,count,true,https://www.stemcoalition",
        "context_one_row_used_per_measure",
        "used_in_figures",
        "2 rows with call_year 2019, measure 'selected' have used_in_figures true",
    ),
    pytest.param(
        lambda e: e.csv(
            CALLS, "2020,selected,7,exact,count,true,", "2020,selected,7,exact,count,false,"
        ),
        {
            # No row in use: the error points at the group's first row.
            "rule": "context_one_row_used_per_measure",
            "file": f"{CALLS}.csv",
            "row": row_of(DATA, CALLS, "2020,selected,5,"),
            "column": "used_in_figures",
            "problem": "0 rows with call_year 2020, measure 'selected' have used_in_figures true",
            "fix": "the one row figures use",
        },
        id="no-row-in-use",
    ),
]


test_a_broken_context_rule_is_refused = refusal_test(REFUSED)
