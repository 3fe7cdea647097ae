"""The exceptions: what they say and what they carry."""

from __future__ import annotations

import pytest

import ecove_data
from ecove_data import DataError, UnknownDatasetError


def test_data_error_is_a_value_error_with_its_parts():
    err = DataError(
        "'x' is not an integer",
        file="key_figures.csv",
        row=2,
        column="value",
        rule="type",
        fix="write a whole number",
    )
    assert isinstance(err, ValueError)
    assert (err.problem, err.file, err.row, err.column, err.rule, err.fix) == (
        "'x' is not an integer",
        "key_figures.csv",
        2,
        "value",
        "type",
        "write a whole number",
    )
    assert str(err) == (
        "key_figures.csv, row 3, column 'value': 'x' is not an integer [rule: type]\n"
        "How to fix: write a whole number"
    )


def test_data_error_leaves_out_what_it_does_not_know():
    assert str(DataError("something is wrong")) == "something is wrong"
    assert str(DataError("bad", file="a.csv")) == "a.csv: bad"
    assert str(DataError("bad", row=0, rule="header")) == "row 1: bad [rule: header]"
    assert str(DataError("bad", column="c", fix="do x")) == "column 'c': bad\nHow to fix: do x"
    err = DataError("bad")
    assert err.file is err.row is err.column is err.rule is err.fix is None


def test_data_error_can_be_caught_as_value_error():
    with pytest.raises(ValueError, match="rule: csv"):
        raise DataError("unreadable", file="a.csv", rule="csv")


def test_unknown_dataset_error():
    err = UnknownDatasetError("pact_sector", ["key_figures", "pact_sectors", "workshops"])
    assert isinstance(err, LookupError)
    assert not isinstance(err, DataError)
    assert err.name == "pact_sector"
    assert err.valid == ["key_figures", "pact_sectors", "workshops"]
    assert err.suggestion == "pact_sectors"
    assert str(err) == (
        "unknown dataset 'pact_sector'. Did you mean 'pact_sectors'? "
        "Valid names: key_figures, pact_sectors, workshops"
    )


def test_unknown_dataset_error_without_a_close_name():
    err = UnknownDatasetError("figures", ["activities", "workshops"])
    assert err.suggestion is None
    assert str(err) == "unknown dataset 'figures'. Valid names: activities, workshops"


def test_unknown_dataset_error_keeps_its_own_list():
    valid = ["a_table"]
    err = UnknownDatasetError("b_table", valid)
    valid.append("b_table")
    assert err.valid == ["a_table"]


def test_public_exceptions():
    assert ecove_data.DataError is DataError
    assert ecove_data.UnknownDatasetError is UnknownDatasetError
    assert {"DataError", "UnknownDatasetError"} <= set(ecove_data.__all__)
