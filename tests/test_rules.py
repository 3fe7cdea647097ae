"""ecove_data._rules: the registry of rule kinds, each one module found by its name.

Each kind's own rules are broken in its test module (``test_rules_sum_of``...); what a kind is
made of is tested in ``test_rules_kind``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ecove_data import _rules
from ecove_data._descriptor import read_package
from ecove_data._errors import DataError


def test_an_unknown_rule_kind_is_an_error_not_a_default():
    with pytest.raises(DataError) as info:
        _rules.kind("rows_off")
    assert info.value.problem == "there is no rule kind 'rows_off'"
    assert "use one of: sum_of, rows_of, fixed, one_true_per, context" in str(info.value)


def test_every_kind_is_the_module_of_its_name_and_every_module_a_kind():
    folder = Path(_rules.__file__).parent
    modules = sorted(p.stem for p in folder.glob("*.py") if not p.stem.startswith("_"))
    assert sorted(_rules.KINDS) == modules
    for name, kind in _rules.KINDS.items():
        assert kind.__name__ == f"ecove_data._rules.{name}"
        assert _rules.kind(name) is kind


def test_each_kind_is_named_by_the_key_it_needs():
    for name, kind in _rules.KINDS.items():
        assert name in kind.NEEDS
        assert not kind.NEEDS & kind.MAY


def test_each_rule_reads_the_tables_its_kind_names():
    pkg = read_package()
    tables = {rule.name: rule.tables for rule in pkg.consistency}
    assert tables["all_recommendations_covered"] == {"roundtable_recommendations"}
    assert tables["countries_add_up"] == {"key_figures"}
    assert all(rule.tables <= {res.name for res in pkg.tables} for rule in pkg.consistency)
