"""ecove_data._numbers: numbers as the report writes them, never broken across two lines."""

from __future__ import annotations

import pytest

from ecove_data._numbers import NBSP, format_number, format_value, join_labels


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (84, "84"),
        (9999, "9999"),
        (10_000, f"10{NBSP}000"),
        (1_000_000, f"1{NBSP}000{NBSP}000"),
        (7e9, f"7{NBSP}billion"),
        (7.5e9, f"7.5{NBSP}billion"),
        (20.72619, "20.7"),
        (50.0, "50"),
    ],
)
def test_a_number_as_the_report_writes_it(value: float, shown: str) -> None:
    assert format_number(value) == shown


def test_a_value_with_its_unit_and_a_lower_bound() -> None:
    assert format_value(5, "percent") == f"5{NBSP}%"
    assert format_value(7e9, "eur") == f"€7{NBSP}billion"
    assert format_value(500, "count", "more_than") == f">{NBSP}500"
    assert format_value(500, "count", "more_than", words=True) == "more than 500"
    assert format_value(12, "an unknown unit") == "12"


def test_labels_joined_for_prose() -> None:
    assert join_labels(["Textiles"]) == "Textiles"
    assert join_labels(["EU", "non-EU"]) == "EU and non-EU"
    assert join_labels(["a", "b", "c"]) == "a, b and c"
