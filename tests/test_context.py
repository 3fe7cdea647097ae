"""The context tables: values, sources, conflicts kept, and every context rule broken in a copy."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, REPORT

import ecove_data
from ecove_data import DataError

CONTEXT = {
    "context_cove_calls": 33,
    "context_pact_membership": 6,
    "context_campus_excellence": 3,
    "context_event": 10,
    "context_ecovem": 7,
}
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


def refused(data_dir: Path) -> DataError:
    """Load every table from ``data_dir``; return the DataError it must raise."""
    with pytest.raises(DataError) as info:
        ecove_data.load_all(data_dir=data_dir)
    return info.value


def row_of(data_dir: Path, table: str, text: str) -> int:
    """The 1-based data row (header not counted) of the only line of a table holding ``text``."""
    lines = (data_dir / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines) if text in line]
    assert len(found) == 1, found
    return found[0]


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


def test_row_counts():
    frames = ecove_data.load_all()
    assert {name: len(frames[name]) for name in CONTEXT} == CONTEXT


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


# --- every context rule, broken in a copy ------------------------------------------------------

BROKEN = [
    # table, old, new, rule, column, what the message says; the row is the one holding old
    (
        "context/cove_calls",
        "2021,applications,84,",
        "2021,applications,85,",
        "context_2021_applications_match",
        "value",
        "85 is not the report's cove_call_2021_proposals (84)",
    ),
    (
        "context/cove_calls",
        "2021,countries,55,",
        "2021,countries,56,",
        "context_2021_countries_match",
        "value",
        "56 is not the report's cove_call_2021_countries (55)",
    ),
    (
        "context/cove_calls",
        "2021,organisations,1700,more_than",
        "2021,organisations,1800,more_than",
        "context_2021_organisations_lower_bound",
        "value",
        "1800 is more than the report's cove_call_2021_organisations (1741)",
    ),
    (
        "context/cove_calls",
        "2021,organisations,1741,",
        "2021,organisations,1740,",
        "context_2021_organisations_report_row",
        "value",
        "1740 is not the report's cove_call_2021_organisations (1741)",
    ),
    (
        "context/pact_membership",
        "2022-02-03,500,more_than",
        "2022-02-03,600,more_than",
        "context_pact_report_row",
        "members",
        "600 is not the report's pact_for_skills_members (500)",
    ),
    (
        "context/pact_membership",
        "2022-02-03,500,more_than",
        "2022-02-03,500,exact",
        "context_pact_report_row",
        "qualifier",
        "qualifier 'exact' is not the report's 'more_than'",
    ),
    (
        "context/campus_excellence",
        "2022-02,43,",
        "2022-02,44,",
        "context_campuses_2022_match",
        "excellence_campuses",
        "44 is not the report's campus_des_metiers_excellence (43)",
    ),
    (
        "context/event",
        "afternoon,6,",
        "afternoon,7,",
        "context_networking_workshops_match",
        "workshops",
        "7 is not the report's pact_sectors_in_networking_workshops (6)",
    ),
    (
        "context/event",
        "morning,5,",
        "morning,,",
        "context_thematic_workshops_match",
        "workshops",
        "an empty cell is not the report's day2_workshops (5)",
    ),
    (
        "context/cove_calls",
        "2019,selected,4,exact,count,false,https://www.stemcoalition",
        "2019,selected,4,exact,count,true,https://www.stemcoalition",
        "context_one_row_used_per_measure",
        "used_in_figures",
        "2 rows with call_year 2019, measure 'selected' have used_in_figures true",
    ),
    (
        "context/cove_calls",
        "raw/coves-conference-report.txt,Report on the European conference on vocational "
        "excellence,with the participation of 1741 organisations from 55 countries,,44,",
        "raw/coves-conference-report.txt,Report on the European conference on vocational "
        "excellence,with the participation of 1741 organisations from 55 countries,,45,",
        "reportLine",
        "report_line",
        "the quote starts on line 44 of the report, not line 45",
    ),
    (
        "context/pact_membership",
        "to date, more than 500 companies",
        "to date, more than 600 companies",
        "reportLine",
        "source_quote",
        "the quote does not stand in the report",
    ),
    (
        "context/cove_calls",
        "https://www.swisscore.org/centres-of-vocational-excellence-5-platforms-chosen,"
        "(not shown),four pilot projects were approved with a maximum of 1 million € per "
        "project,,,",
        "https://www.swisscore.org/centres-of-vocational-excellence-5-platforms-chosen,"
        "(not shown),four pilot projects were approved with a maximum of 1 million € per "
        "project,,12,",
        "reportLine",
        "report_line",
        "is 'https://www.swisscore.org",
    ),
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


@pytest.mark.parametrize(
    ("table", "old", "new", "rule", "column", "problem"),
    BROKEN,
    ids=[f"{case[3]}-{case[4]}-{number}" for number, case in enumerate(BROKEN)],
)
def test_a_broken_context_rule_is_refused(edit_csv, table, old, new, rule, column, problem):
    row = row_of(DATA, table, old)
    err = refused(edit_csv(table, old, new))
    assert (err.file, err.row, err.column, err.rule) == (f"{table}.csv", row, column, rule)
    assert problem in err.problem
    assert err.fix
    assert f"row {row + 1}, column {column!r}" in str(err)
    assert f"How to fix: {err.fix}" in str(err)


def test_no_row_in_use_points_at_the_groups_first_row(edit_csv):
    old, new = "2020,selected,7,exact,count,true,", "2020,selected,7,exact,count,false,"
    err = refused(edit_csv("context/cove_calls", old, new))
    assert (err.rule, err.column) == ("context_one_row_used_per_measure", "used_in_figures")
    assert err.row == row_of(DATA, "context/cove_calls", "2020,selected,5,")
    assert "0 rows with call_year 2020, measure 'selected' have used_in_figures true" in str(err)
    assert err.fix and "the one row figures use" in err.fix


def test_a_missing_context_row_is_refused(edit_csv):
    lines = (DATA / "context" / "cove_calls.csv").read_text(encoding="utf-8").splitlines(True)
    line = next(line for line in lines if line.startswith("2021,applications,84,"))
    err = refused(edit_csv("context/cove_calls", line, ""))
    assert (err.file, err.rule, err.row) == (
        "context/cove_calls.csv",
        "context_2021_applications_match",
        None,
    )
    assert err.column == "call_year, measure"
    assert "no row has call_year 2021, measure 'applications'" in err.problem
    assert err.fix and "restore that row" in err.fix


def test_an_edited_context_file_without_a_new_hash_is_refused(data_copy):
    path = data_copy / "context" / "campus_excellence.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",43,", ",44,"), encoding="utf-8")
    err = refused(data_copy)
    assert (err.file, err.rule) == ("context/campus_excellence.csv", "hash")
    assert "ecove-data rehash" in (err.fix or "")


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


def test_the_command_line_lists_the_role():
    done = subprocess.run(
        [sys.executable, "-m", "ecove_data", "list", "--role", "context"],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = done.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [[name, "context"] for name in CONTEXT]
    everything = subprocess.run(
        [sys.executable, "-m", "ecove_data", "list"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert everything[0].split()[:2] == ["key_figures", "report"]
    assert everything[-1].split()[:2] == ["context_ecovem", "context"]
