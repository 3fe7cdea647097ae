"""The context tables: values, sources, conflicts kept, and their cells broken in a copy.

The cross-table rules that hold context rows to the report are broken in the test modules of
their kinds (``test_rules_context``, ``test_rules_one_true_per``) and of the report's lines
(``test_consistency``).
"""

from __future__ import annotations

import csv
import json
import re

import pandas as pd
import pytest
from conftest import DATA, REPORT, broken, refusal_test, resource

import ecove_data
from ecove_data.cli import main

# The context tables, in descriptor order.
CONTEXT = [
    "context_cove_calls",
    "context_pact_membership",
    "context_campus_excellence",
    "context_event",
    "context_ecovem",
]
DZS = (
    "https://www.dzs.cz/en/article/"
    "european-commission-has-published-approved-centres-vocational-excellence-projects"
)
URL = re.compile(r"https?://\S+")


def used(calls: pd.DataFrame, year: int, measure: str) -> pd.Series:
    """The one row of a call year and measure that figures use."""
    rows = calls[(calls["call_year"] == year) & (calls["measure"] == measure)]
    chosen = rows[rows["used_in_figures"]]
    assert len(chosen) == 1
    return chosen.iloc[0]


# --- the tables as loaded ----------------------------------------------------------------------


def test_context_tables_are_listed_after_the_reports():
    names = ecove_data.datasets()
    assert ecove_data.datasets(role="context") == list(CONTEXT)
    assert names == ecove_data.datasets("report") + list(CONTEXT)
    assert "derived_indicators" in ecove_data.datasets("report")
    assert not set(CONTEXT) & set(ecove_data.datasets("report"))
    assert list(ecove_data.load_all()) == names


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match="report, context"):
        ecove_data.datasets("contexts")  # type: ignore[arg-type]


def test_every_record_of_a_context_file_is_a_row():
    # The context tables are collected, not given by the report: no count is fixed, but no
    # record of a file is dropped or added on the way to its frame.
    frames = ecove_data.load_all()
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for name in CONTEXT:
        path = DATA / resource(raw, name)["path"]
        with path.open(encoding="utf-8", newline="") as file:
            records = list(csv.reader(file))
        assert len(frames[name]) == len(records) - 1 > 0, name


def test_cove_call_values_and_sources():
    calls = ecove_data.load("context_cove_calls")
    assert str(calls["call_year"].dtype) == "Int64"
    assert str(calls["value"].dtype) == "Int64"
    assert used(calls, 2021, "selected")["value"] == 13
    assert used(calls, 2021, "selected_planned")["value"] == 11
    assert used(calls, 2022, "applications")["value"] == 76
    assert used(calls, 2022, "eligible")["value"] == 61
    assert used(calls, 2022, "awarded_eur")["value"] == 47403994
    assert used(calls, 2023, "budget_eur")["value"] == 52000000
    row = used(calls, 2021, "applications")
    assert (row["value"], row["source_url"]) == (84, DZS)
    assert "84 Centres of Vocational Excellence applications" in row["source_quote"]


def test_selected_projects_add_up_to_the_commissions_total():
    # The Commission's news of 22/04/2024: "340 project applications have been submitted,
    # with 53 of them securing funding" since the 2019 pilot call.
    calls = ecove_data.load("context_cove_calls")
    chosen = calls[calls["used_in_figures"] & (calls["measure"] == "selected")]
    assert chosen["call_year"].tolist() == [2019, 2020, 2021, 2022, 2023]
    assert chosen["value"].sum() == 53


def test_membership_dates_and_gaps():
    members = ecove_data.load("context_pact_membership").set_index("date")
    assert str(members["members"].dtype) == "Int64"
    assert members.loc["2022-11-10", "members"] == 1000
    assert members.loc["2024-06-06", ["members", "qualifier"]].tolist() == [2500, "more_than"]
    launch = members.loc["2020-11-10"]
    assert pd.isna(launch["members"]) and pd.isna(launch["qualifier"])
    assert "launch" in launch["source_quote"]
    assert list(members.index) == sorted(members.index)


def test_the_reports_point_on_the_membership_timeline():
    members = ecove_data.load("context_pact_membership")
    figures = ecove_data.load("key_figures").set_index("figure_id")
    mine = members[members["source_url"] == REPORT]
    assert len(mine) == 1
    row, figure = mine.iloc[0], figures.loc["pact_for_skills_members"]
    assert row["date"] == "2022-02-03"
    assert (row["members"], row["qualifier"]) == (figure["value"], figure["qualifier"])
    assert row["source_quote"] == figure["quote"]
    assert row["report_line"] == figure["line"]


def test_campuses_of_excellence():
    campus = ecove_data.load("context_campus_excellence").set_index("date")
    assert campus["excellence_campuses"].to_dict() == {
        "2020-02-06": 23,
        "2021-03-18": 40,
        "2022-02": 43,
    }
    assert pd.isna(campus.loc["2022-02", "newly_labelled"])
    assert campus.loc["2022-02", ["all_campuses", "all_campuses_qualifier"]].tolist() == [
        100,
        "about",
    ]


def test_event_and_ecovem_dates_load_as_datetimes():
    event = ecove_data.load("context_event").set_index("attribute")
    assert str(event["date"].dtype) == "datetime64[ns]"
    assert event.loc["first_day", "date"] == pd.Timestamp("2022-02-03")
    assert event.loc["networking_workshops", ["workshops", "part_of_day"]].tolist() == [
        6,
        "afternoon",
    ]
    assert event.loc["thematic_workshops", ["workshops", "part_of_day"]].tolist() == [5, "morning"]
    assert event.loc["thematic_workshops", "date"] == pd.Timestamp("2022-02-04")
    ecovem = ecove_data.load("context_ecovem").set_index("attribute")
    assert ecovem.loc["grant_number", "value"] == "620101-EPP-1-2020-1-BG-EPPKA3-VET-COVE"
    assert ecovem.loc["end_date", "date"] == pd.Timestamp("2024-10-31")
    assert ecovem.loc["eu_funding_eur", "number"] == 3990321
    assert pd.isna(ecovem.loc["grant_number", "number"])


@pytest.mark.parametrize("name", list(CONTEXT))
def test_every_row_has_a_source_and_a_quote(name):
    frame = ecove_data.load(name)
    for row in frame.itertuples():
        from_report = row.source_url == REPORT
        assert from_report or URL.fullmatch(row.source_url), row
        assert row.source_title.strip() and row.source_quote.strip(), row
        if from_report:
            assert not pd.isna(row.report_line)


@pytest.mark.parametrize("name", list(CONTEXT))
def test_describe_context_tables(name):
    dictionary = ecove_data.describe(name)
    assert {"source_url", "source_title", "source_quote"} <= set(dictionary["column"])
    assert dictionary["description"].str.len().min() > 0


# --- conflicting sources -----------------------------------------------------------------------


def test_every_call_year_and_measure_has_exactly_one_row_in_use():
    calls = ecove_data.load("context_cove_calls")
    in_use = calls.groupby(["call_year", "measure"], observed=True)["used_in_figures"].sum()
    assert (in_use == 1).all()


@pytest.mark.parametrize(
    ("year", "measure", "values", "chosen"),
    [
        (2019, "selected", [5, 4, 4], 5),
        (2020, "selected", [5, 7], 7),
        (2021, "organisations", [1700, 1741], 1741),
        (2021, "selected", [13, 13], 13),
    ],
)
def test_both_sides_of_a_conflict_are_kept(year, measure, values, chosen):
    calls = ecove_data.load("context_cove_calls")
    rows = calls[(calls["call_year"] == year) & (calls["measure"] == measure)]
    assert rows["value"].tolist() == values
    assert rows["source_url"].is_unique
    assert used(calls, year, measure)["value"] == chosen
    assert rows["note"].notna().all()


def test_the_reports_1741_against_more_than_1700():
    calls = ecove_data.load("context_cove_calls")
    rows = calls[(calls["call_year"] == 2021) & (calls["measure"] == "organisations")]
    dzs = rows[rows["source_url"] == DZS].iloc[0]
    report = rows[rows["source_url"] == REPORT].iloc[0]
    assert (dzs["value"], dzs["qualifier"]) == (1700, "more_than")
    assert (report["value"], report["qualifier"], report["report_line"]) == (1741, "exact", 44)
    assert dzs["value"] <= report["value"]


# --- the context tables' cells and hashes, broken in a copy -----------------------------------

BROKEN = [
    # table, old, new, rule, column, what the message says; the row is the one holding old
    (
        "context/campus_excellence",
        "https://www.defi-metiers.fr/",
        "www.defi-metiers.fr/",
        "pattern",
        "source_url",
        "does not match the pattern",
    ),
    (
        "context/ecovem",
        "Total Budget: 4988113",
        "",
        "required",
        "source_quote",
        "the cell is empty but required",
    ),
    (
        "context/cove_calls",
        "2022,eligible,61,",
        "22,eligible,61,",
        "type",
        "call_year",
        "'22' is not a year",
    ),
    (
        "context/event",
        "last_day,2022-02-04,2022-02-04,",
        "last_day,2022-02-04,2022-02-30,",
        "type",
        "date",
        "'2022-02-30' is not a date",
    ),
    (
        "context/pact_membership",
        "2021-11,450,",
        "2021-13,450,",
        "pattern",
        "date",
        "'2021-13' does not match the pattern",
    ),
]


REFUSED = [
    *[broken(*args) for args in BROKEN],
    pytest.param(
        lambda e: e.text("context/campus_excellence.csv", ",43,", ",44,", rehash=False, count=-1),
        {
            "rule": "hash",
            "file": "context/campus_excellence.csv",
            "problem": "the file's hash is",
            "fix": "ecove-data rehash",
        },
        id="edited-without-a-new-hash",
    ),
]


test_a_broken_context_rule_is_refused = refusal_test(REFUSED)


def test_context_quotes_are_not_looked_up_in_the_report():
    report = (DATA / REPORT).read_text(encoding="utf-8")
    calls = ecove_data.load("context_cove_calls")
    web = calls[calls["source_url"] != REPORT]
    assert not any(
        " ".join(quote.split()) in " ".join(report.split()) for quote in web["source_quote"]
    )


# --- the whole package, as others see it -------------------------------------------------------


def test_frictionless_validates_the_package():
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(DATA / "datapackage.json")
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert {task.name for task in report.tasks} >= set(CONTEXT)


def test_frictionless_also_refuses_a_source_without_an_address(edit_csv):
    frictionless = pytest.importorskip("frictionless")
    data_dir = edit_csv("context/campus_excellence", "https://www.defi-metiers.fr/", "defi/")
    report = frictionless.validate(data_dir / "datapackage.json")
    assert not report.valid
    assert ["source_url", "constraint-error"] in report.flatten(["fieldName", "type"])


def test_the_command_line_lists_the_role(capsys, monkeypatch):
    monkeypatch.delenv("ECOVE_DATA_DIR", raising=False)
    assert main(["list", "--role", "context"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[:2] for line in lines] == [[name, "context"] for name in CONTEXT]
    assert main(["list"]) == 0
    everything = capsys.readouterr().out.splitlines()
    assert everything[0].split()[:2] == ["key_figures", "report"]
    assert everything[-1].split()[:2] == ["context_ecovem", "context"]
