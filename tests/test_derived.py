"""Derived indicators: computed from the loaded key_figures, never typed in."""

from __future__ import annotations

import pandas as pd
import pytest

import ecove_data
from ecove_data import DataError
from ecove_data._derived import derive

EXPECTED = {
    "organisations_per_proposal": ("organisations_per_proposal", 1741 / 84),
    "non_eu_country_share": ("percent", 28 / 55 * 100),
    "automotive_eur_over_people_a_year": ("eur_per_person", 7e9 / 700000),
    "automotive_implied_workforce": ("people", 700000 / (5 / 100)),
}


def _value(figures, figure_id):
    return float(figures.loc[figure_id, "value"])


def test_indicators_equal_the_computation_from_key_figures():
    figures = ecove_data.load("key_figures").set_index("figure_id")
    derived = ecove_data.load("derived_indicators").set_index("indicator_id")
    computed = {
        "organisations_per_proposal": _value(figures, "cove_call_2021_organisations")
        / _value(figures, "cove_call_2021_proposals"),
        "non_eu_country_share": _value(figures, "cove_call_2021_countries_non_eu")
        / _value(figures, "cove_call_2021_countries")
        * 100,
        "automotive_eur_over_people_a_year": _value(figures, "automotive_upskilling_eur")
        / _value(figures, "automotive_upskilling_people"),
        "automotive_implied_workforce": _value(figures, "automotive_upskilling_people")
        / (_value(figures, "automotive_upskilling_share") / 100),
    }
    assert set(EXPECTED) <= set(derived.index)
    for indicator_id, (unit, value) in EXPECTED.items():
        assert derived.loc[indicator_id, "value"] == pytest.approx(value, rel=1e-12)
        assert derived.loc[indicator_id, "value"] == pytest.approx(computed[indicator_id])
        assert derived.loc[indicator_id, "unit"] == unit
    assert derived.loc["automotive_eur_over_people_a_year", "value"] == 10000
    assert derived.loc["automotive_implied_workforce", "value"] == 14_000_000


def test_formula_inputs_and_dtypes():
    derived = ecove_data.load("derived_indicators").set_index("indicator_id")
    row = derived.loc["non_eu_country_share"]
    assert row["formula"] == "cove_call_2021_countries_non_eu / cove_call_2021_countries * 100"
    assert row["inputs"] == "cove_call_2021_countries_non_eu, cove_call_2021_countries"
    assert derived.loc["organisations_per_proposal", "formula"] == (
        "cove_call_2021_organisations / cove_call_2021_proposals"
    )
    assert derived["derived"].all()
    frame = ecove_data.load("derived_indicators")
    assert frame["value"].dtype == "Float64"
    assert frame["derived"].dtype == "boolean"
    assert frame["indicator_id"].dtype == "string"
    figure_ids = set(ecove_data.load("key_figures")["figure_id"].astype(str))
    for inputs in frame["inputs"]:
        assert set(inputs.split(", ")) <= figure_ids


def test_indicators_follow_a_corrected_key_figure(data_copy, edit_report, edit_csv):
    # Correct 7 to 8 billion euros in the copy's report and in every row that quotes it.
    edit_report("7 billion euros", "8 billion euros")
    edit_csv(
        "key_figures",
        "7000000000,eur,exact,700000 people/year and 7",
        "8000000000,eur,exact,700000 people/year and 8",
    )
    edit_csv("pact_initiatives", "7 billion euros", "8 billion euros")
    edit_csv("pact_initiatives", "7 billion euros", "8 billion euros")
    derived = ecove_data.load("derived_indicators", data_dir=data_copy).set_index("indicator_id")
    assert derived.loc["automotive_eur_over_people_a_year", "value"] == pytest.approx(8e9 / 700000)
    assert derived.loc["automotive_implied_workforce", "value"] == pytest.approx(700000 / 0.05)
    original = ecove_data.load("derived_indicators").set_index("indicator_id")
    assert original.loc["automotive_eur_over_people_a_year", "value"] == 10000


def test_indicators_follow_a_corrected_share(data_copy, edit_report, edit_csv):
    edit_report("up-skill 5% of employees", "up-skill 4% of employees")
    edit_csv("key_figures", "up-skill 5% of employees", "up-skill 4% of employees")
    edit_csv("key_figures", ",5,percent,", ",4,percent,")
    edit_csv("pact_initiatives", "up-skill 5% of employees", "up-skill 4% of employees")
    edit_csv("pact_initiatives", "up-skill 5% of employees", "up-skill 4% of employees")
    frames = ecove_data.load_all(data_dir=data_copy)
    derived = frames["derived_indicators"].set_index("indicator_id")
    assert derived.loc["automotive_implied_workforce", "value"] == pytest.approx(700000 / 0.04)


def test_derive_refuses_a_missing_input():
    spec = {
        "indicators": [
            {
                "indicator_id": "r",
                "label": "R",
                "numerator": "a",
                "denominator": "b",
                "unit": "x",
            }
        ]
    }
    with pytest.raises(DataError) as info:
        derive(spec, {"figure_id": ["a"], "value": [1]}, file="key_figures.csv")
    assert info.value.rule == "derived"
    assert info.value.file == "key_figures.csv"
    assert "derived indicator 'r' needs ['b']" in str(info.value)
    assert "How to fix: restore those rows of key_figures.csv" in str(info.value)


def test_derive_refuses_a_zero_denominator():
    spec = {
        "indicators": [
            {"indicator_id": "r", "label": "R", "numerator": "a", "denominator": "b", "unit": "x"}
        ]
    }
    with pytest.raises(DataError) as info:
        derive(spec, {"figure_id": ["a", "b"], "value": [1, 0]}, file="key_figures.csv")
    assert info.value.rule == "derived"
    assert info.value.column == "value"
    assert "divides by b, which is 0" in str(info.value)


def test_derive_scale_and_formula():
    spec = {
        "indicators": [
            {
                "indicator_id": "share",
                "label": "Share",
                "numerator": "a",
                "denominator": "b",
                "scale": 100,
                "unit": "percent",
            }
        ]
    }
    columns = derive(spec, {"figure_id": ["a", "b"], "value": [1, 4]}, file="key_figures.csv")
    assert columns["value"] == [25.0]
    assert columns["formula"] == ["a / b * 100"]
    assert columns["inputs"] == ["a, b"]
    assert columns["derived"] == [True]
    assert pd.DataFrame(columns).shape == (1, 7)
