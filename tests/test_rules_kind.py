"""ecove_data._rules._kind: what a rule kind is made of, and the tables a rule is checked on.

``Tables`` gives every kind the files of the tables, the key figures and a table's rows; a key
figure a rule needs and the data lacks is refused in a copy of data/ (``REFUSED``).
"""

from __future__ import annotations

import inspect

import pytest
from conftest import both, case, refusal_test

from ecove_data import DataError, _rules
from ecove_data._descriptor import read_package
from ecove_data._rules._kind import KEY_FIGURES, Tables

REFUSED = [
    case(
        "missing-key-figure-in-a-rule",
        both(
            lambda e: e.field("key_figures", "figure_id", lambda spec: spec.pop("complete")),
            lambda e: e.csv("key_figures", e.line("key_figures", "day2_workshops,"), ""),
        ),
        rule="workshops_match",
        file="key_figures.csv",
        column="figure_id",
        problem="figure 'day2_workshops' is missing",
        fix="restore the day2_workshops row",
    ),
]


test_a_broken_rule_is_refused = refusal_test(REFUSED)


# Key figures made up here: ids, values and qualifiers, one of them empty.
FIGURES = {
    "figure_id": ["eu", "non_eu", "all"],
    "value": [27, 28, 55],
    "qualifier": ["exact", None, "more_than"],
}


def test_every_kind_has_what_a_kind_is_made_of():
    for name, kind in _rules.KINDS.items():
        assert isinstance(kind.NEEDS, frozenset) and isinstance(kind.MAY, frozenset), name
        # name and description are every rule's, not a kind's.
        assert not {"name", "description"} & (kind.NEEDS | kind.MAY), name
        assert list(inspect.signature(kind.tables).parameters) == ["raw"], name
        assert list(inspect.signature(kind.parse).parameters) == [
            "parser",
            "raw",
            "where",
            "tables",
        ], name
        assert list(inspect.signature(kind.check).parameters) == ["data", "rule"], name


def test_a_tables_file_is_the_one_the_descriptor_names():
    data = Tables(read_package(), {})
    assert data.path("context_cove_calls") == "context/cove_calls.csv"
    assert data.path(KEY_FIGURES) == "key_figures.csv"


def test_a_key_figure_and_its_qualifier_are_found_by_its_id():
    data = Tables(read_package(), {KEY_FIGURES: FIGURES})
    assert [data.figure(figure_id, "r", "d") for figure_id in ("all", "eu")] == [55, 27]
    assert [data.qualifier(figure_id) for figure_id in ("all", "non_eu", "other")] == [
        "more_than",
        None,
        None,
    ]
    without = Tables(read_package(), {KEY_FIGURES: {"figure_id": ["eu"], "value": [27]}})
    assert without.qualifier("eu") is None


def test_a_missing_key_figure_names_the_rule_and_the_row_to_restore():
    data = Tables(read_package(), {KEY_FIGURES: FIGURES})
    with pytest.raises(DataError) as info:
        data.figure("day2_workshops", "workshops_match", "one row per workshop")
    err = info.value
    assert (err.rule, err.file, err.row, err.column) == (
        "workshops_match",
        "key_figures.csv",
        None,
        "figure_id",
    )
    assert err.problem == "figure 'day2_workshops' is missing"
    assert err.fix == "restore the day2_workshops row (one row per workshop)"
    # No key figures at all (the table was refused): the same error, not a KeyError.
    with pytest.raises(DataError, match="figure 'eu' is missing"):
        Tables(read_package(), {}).figure("eu", "r", "d")


def test_a_tables_records_are_its_rows_as_dicts_row_1_first():
    pkg = read_package()
    data = Tables(pkg, {"workshops": {"position": [1, 2], "workshop": ["a", "b"]}})
    assert data.records(pkg.consistency[0], "workshops") == (
        "workshops.csv",
        [{"position": 1, "workshop": "a"}, {"position": 2, "workshop": "b"}],
    )


def test_a_rule_on_a_table_the_descriptor_does_not_describe_is_a_data_error():
    pkg = read_package()
    rule = pkg.consistency[0]
    with pytest.raises(DataError) as info:
        Tables(pkg, {}).records(rule, "workshop")
    err = info.value
    assert (err.rule, err.file) == (rule.name, "datapackage.json")
    assert err.problem == (
        f"rule {rule.name!r} refers to a table 'workshop' the descriptor does not describe"
    )
    assert err.fix == "restore the table's resource, or correct the rule in datapackage.json"
