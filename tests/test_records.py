"""ecove_data._records: the descriptor's records, typed, read-only, each with its own JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import pytest
from conftest import DATA, ROWS, report_resources

from ecove_data._descriptor import read_package
from ecove_data._records import Indicator, Rule, _Record

SHARE = {
    "indicator_id": "non_eu_share",
    "label": "Share of non-EU countries",
    "numerator": "non_eu",
    "denominator": "all",
    "scale": 100.0,
    "unit": "percent",
}


def share(**values: Any) -> Indicator:
    """An indicator made up here, its JSON holding its own values."""
    return Indicator(**{**SHARE, "raw": dict(SHARE), **values})


def test_a_record_holds_its_fields_in_the_order_of_its_annotations():
    indicator = share()
    assert Indicator._fields == (*SHARE, "raw")
    assert [getattr(indicator, name) for name in SHARE] == list(SHARE.values())


def test_a_record_needs_every_field_by_name_and_no_other():
    values = {**SHARE, "raw": {}}
    values.pop("unit")
    with pytest.raises(TypeError) as info:
        Indicator(**values, units="percent")
    assert str(info.value) == (
        "Indicator() needs indicator_id, label, numerator, denominator, scale, unit, raw; "
        "missing unit; unknown units"
    )
    with pytest.raises(TypeError, match=r"^Indicator\(\) needs .*; missing raw$"):
        Indicator(**SHARE)
    with pytest.raises(TypeError, match="positional argument"):
        Indicator("non_eu_share")


def test_a_record_is_read_only():
    indicator = share()
    with pytest.raises(AttributeError, match=r"^Indicator is read-only: cannot set 'scale'$"):
        indicator.scale = 1.0
    with pytest.raises(AttributeError, match=r"^Indicator is read-only: cannot set 'note'$"):
        indicator.note = "new"
    with pytest.raises(AttributeError, match=r"^Indicator is read-only: cannot delete 'label'$"):
        del indicator.label
    assert (indicator.scale, indicator.label) == (100.0, "Share of non-EU countries")


def test_a_class_variable_is_not_a_field():
    class Point(_Record):
        LIMIT: ClassVar[int] = 3
        x: int
        raw: Mapping[str, Any]

    assert Point._fields == ("x", "raw")
    assert Point(x=1, raw={}).x == 1
    with pytest.raises(TypeError, match=r"; unknown LIMIT$"):
        Point(x=1, raw={}, LIMIT=4)


def test_a_records_repr_shows_each_field_in_order():
    rule = Rule(name="r", description="d", kind="sum_of", tables=frozenset({"t"}), raw={"a": 1})
    assert repr(rule) == (
        "Rule(name='r', description='d', kind='sum_of', tables=frozenset({'t'}), raw={'a': 1})"
    )


def test_a_record_reads_its_own_json():
    rule = read_package(DATA).consistency[2]
    assert rule.name == "countries_add_up"
    assert rule["equals"] == "cove_call_2021_countries"
    assert "sum_of" in rule and "at_most" not in rule
    assert rule.get("at_most") is None
    assert rule.get("at_most", "none") == "none"
    with pytest.raises(KeyError):
        rule["at_most"]


def test_a_tables_field_names_in_order_and_a_file_without_a_schema():
    pkg = read_package(DATA)
    assert pkg.resource("activities").field_names == ["position", "activity", "quote", "line"]
    assert pkg.source.field_names == []
    assert pkg.source.path == "raw/coves-conference-report.txt"


def test_resource_lookup():
    pkg = read_package(DATA)
    assert pkg.resource("workshops").path == "workshops.csv"
    assert pkg.resource("workshops").tabular
    assert not pkg.source.tabular
    assert pkg.source.role == "source"
    with pytest.raises(KeyError):
        pkg.resource("nothing")
    assert [res.name for res in pkg.tables][: len(ROWS)] == report_resources()
