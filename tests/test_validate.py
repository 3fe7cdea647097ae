"""Every validation rule, each broken in a copy of data/ with the hashes refreshed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import DATA, REPORT, ROWS, field, report_resources, resource

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import refresh_hashes
from ecove_data._quotes import Report, stated_numbers


def refused(data_dir: Path) -> DataError:
    """Load every table from ``data_dir``; return the DataError it must raise."""
    with pytest.raises(DataError) as info:
        ecove_data.load_all(data_dir=data_dir)
    return info.value


def check(
    err: DataError,
    *,
    rule: str,
    file: str,
    row: int | None = None,
    column: str | None = None,
    problem: str = "",
    fix: str = "",
) -> None:
    """Assert the error's attributes and that its message carries them and the fix."""
    assert err.rule == rule
    assert err.file == file
    assert err.row == row
    assert err.column == column
    assert problem in err.problem
    assert err.fix and fix in err.fix
    message = str(err)
    assert message.startswith(file)
    assert f"[rule: {rule}]" in message
    assert f"How to fix: {err.fix}" in message
    assert problem in message
    if row is not None:
        assert f"row {row + 1}" in message  # as a spreadsheet numbers it: the header is row 1
    if column is not None:
        assert f"column {column!r}" in message


def test_the_real_data_is_valid():
    frames = ecove_data.load_all(data_dir=DATA)
    assert {name: len(frames[name]) for name in ROWS} == ROWS


# --- the descriptor and the files --------------------------------------------------------------


def test_descriptor_missing(tmp_path):
    err = refused(tmp_path)
    check(
        err,
        rule="descriptor",
        file=str(tmp_path / "datapackage.json"),
        problem="no data package descriptor here",
        fix="ECOVE_DATA_DIR",
    )


def test_descriptor_not_json(data_copy):
    (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    err = refused(data_copy)
    check(
        err,
        rule="descriptor",
        file=str(data_copy / "datapackage.json"),
        problem="the descriptor is not valid UTF-8 JSON",
        fix="repair the JSON",
    )


def test_descriptor_not_utf8(data_copy):
    path = data_copy / "datapackage.json"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    err = refused(data_copy)
    check(err, rule="descriptor", file=str(path), problem="not valid UTF-8 JSON")


def test_descriptor_without_resources(data_copy):
    (data_copy / "datapackage.json").write_text('{"name": "ecove-data"}', encoding="utf-8")
    err = refused(data_copy)
    check(
        err,
        rule="descriptor",
        file=str(data_copy / "datapackage.json"),
        problem="no list of resources",
        fix="restore the 'resources' list",
    )


def test_resource_without_path(data_copy, edit_descriptor):
    edit_descriptor(lambda raw: resource(raw, "activities").pop("path"))
    err = refused(data_copy)
    check(
        err,
        rule="descriptor",
        file=str(data_copy / "datapackage.json"),
        problem="a resource lacks a required property ('path')",
        fix="give every resource at least a name and a path",
    )


def test_file_missing(data_copy):
    (data_copy / "activities.csv").unlink()
    err = refused(data_copy)
    check(
        err,
        rule="file",
        file="activities.csv",
        problem="the file is missing",
        fix=f"restore activities.csv in {data_copy}",
    )


def test_report_missing(data_copy):
    (data_copy / REPORT).unlink()
    err = refused(data_copy)
    check(err, rule="file", file=REPORT, problem="the file is missing")


def test_not_utf8(data_copy):
    path = data_copy / "key_figures.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    refresh_hashes(data_copy)
    err = refused(data_copy)
    # "Métiers" is on the key_figures row of campus_des_metiers_excellence, the file's 7th line.
    check(
        err, rule="encoding", file="key_figures.csv", problem="(line 7) is not UTF-8", fix="UTF-8"
    )


def test_unreadable_csv(edit_csv):
    data_dir = edit_csv("activities", "8,VET attractiveness,", '8,"VET" attractiveness,')
    err = refused(data_dir)
    check(
        err,
        rule="csv",
        file="activities.csv",
        row=8,
        problem="not a readable CSV",
        fix="check the quotes around cells",
    )


def test_unclosed_quote(edit_csv):
    data_dir = edit_csv("activities", "8,VET attractiveness,", '8,"VET attractiveness,')
    err = refused(data_dir)
    check(
        err,
        rule="csv",
        file="activities.csv",
        row=8,
        problem="not a readable CSV (unexpected end of data)",
    )


def test_row_with_a_missing_cell(edit_csv):
    data_dir = edit_csv("activities", "VET attractiveness,57", "VET attractiveness")
    err = refused(data_dir)
    check(
        err,
        rule="shape",
        file="activities.csv",
        row=8,
        problem="the row has 3 cells, the header 4",
        fix="quote cells that contain commas",
    )


@pytest.mark.parametrize("rule", ["bytes", "hash"])
def test_stale_file_points_to_rehash_and_rehash_fixes_it(data_copy, rule):
    path = data_copy / "key_figures.csv"
    text = path.read_text(encoding="utf-8")
    # A label is free text: correcting it changes nothing the rules check but the file.
    new = "EU countries among those" if rule == "bytes" else "EU countries among thEm"
    path.write_text(text.replace("EU countries among them", new), encoding="utf-8")
    err = refused(data_copy)
    check(
        err,
        rule=rule,
        file="key_figures.csv",
        problem="the descriptor says",
        fix=f"run `ecove-data rehash --data-dir {data_copy}` to record it",
    )
    assert refresh_hashes(data_copy) == ["key_figures"]
    figures = ecove_data.load("key_figures", data_dir=data_copy).set_index("figure_id")
    assert figures.loc["cove_call_2021_countries_eu", "label"] == new


def test_stale_report(data_copy):
    path = data_copy / REPORT
    path.write_bytes(path.read_bytes().replace(b"84 projects", b"85 projects"))
    err = refused(data_copy)
    check(err, rule="hash", file=REPORT, problem="the file's hash is", fix="ecove-data rehash")


def test_header(edit_csv):
    data_dir = edit_csv("activities", "rank,activity,quote,line", "rank,activity,quotes,line")
    err = refused(data_dir)
    check(
        err,
        rule="header",
        file="activities.csv",
        row=0,
        problem="(missing: ['quote']) (not described: ['quotes'])",
        fix="make the first line list the descriptor's field names",
    )


# --- types and constraints ---------------------------------------------------------------------


def test_integer(edit_csv):
    data_dir = edit_csv("key_figures", ",84,count,", ",84.0,count,")
    err = refused(data_dir)
    check(
        err,
        rule="type",
        file="key_figures.csv",
        row=1,
        column="value",
        problem="'84.0' is not an integer",
        fix="write a whole number",
    )


def test_boolean(edit_csv):
    data_dir = edit_csv("pact_sectors", "Microelectronics,false,", "Microelectronics,no,")
    err = refused(data_dir)
    check(
        err,
        rule="type",
        file="pact_sectors.csv",
        row=3,
        column="in_networking_workshops",
        problem="'no' is not a boolean",
        fix="write true or false",
    )


def test_number(data_copy, edit_descriptor, edit_csv):
    # No report column is a number: make `line` one in the copy, then break it.
    edit_descriptor(lambda raw: field(raw, "activities", "line").update(type="number"))
    data_dir = edit_csv("activities", 'applied research",54', 'applied research",5x4')
    err = refused(data_dir)
    check(
        err,
        rule="type",
        file="activities.csv",
        row=5,
        column="line",
        problem="'5x4' is not a number",
        fix="write a number with a dot for decimals",
    )


def test_number_that_is_valid_loads(data_copy, edit_descriptor, edit_csv):
    edit_descriptor(lambda raw: field(raw, "activities", "line").update(type="number"))
    data_dir = edit_csv("activities", 'applied research",54', 'applied research",54.0')
    activities = ecove_data.load("activities", data_dir=data_dir)
    assert str(activities["line"].dtype) == "Float64"
    assert activities["line"].tolist()[4] == 54.0


def test_required(edit_csv):
    data_dir = edit_csv("activities", "1,Initial and continuous training,", "1,,")
    err = refused(data_dir)
    check(
        err,
        rule="required",
        file="activities.csv",
        row=1,
        column="activity",
        problem="the cell is empty but required",
        fix="fill in the value from the report",
    )


def test_unique(edit_csv):
    data_dir = edit_csv(
        "activities",
        "8,VET attractiveness,VET attractiveness,57\n",
        "8,VET attractiveness,VET attractiveness,57\n9,VET attractiveness,VET attractiveness,57\n",
    )
    err = refused(data_dir)
    check(
        err,
        rule="unique",
        file="activities.csv",
        row=9,
        column="activity",
        problem="'VET attractiveness' repeats row 9",
        fix="remove the duplicate row",
    )


def test_unique_position(edit_csv):
    data_dir = edit_csv("activities", "2,Governance", "1,Governance")
    err = refused(data_dir)
    check(
        err, rule="unique", file="activities.csv", row=2, column="rank", problem="1 repeats row 2"
    )


def test_primary_key(data_copy, edit_descriptor, edit_csv):
    # Without the field's own `unique`, the primary key alone must refuse the duplicate.
    def key_only(raw):
        field(raw, "key_figures", "figure_id")["constraints"].pop("unique")

    edit_descriptor(key_only)
    row = (DATA / "key_figures.csv").read_text(encoding="utf-8").splitlines()[1]
    data_dir = edit_csv("key_figures", row + "\n", row + "\n" + row + "\n")
    err = refused(data_dir)
    check(
        err,
        rule="unique",
        file="key_figures.csv",
        row=2,
        column="figure_id",
        problem="'cove_call_2021_proposals' repeats row 2",
    )


def test_enum(edit_csv):
    data_dir = edit_csv("key_figures", ",84,count,", ",84,counts,")
    err = refused(data_dir)
    check(
        err,
        rule="enum",
        file="key_figures.csv",
        row=1,
        column="unit",
        problem="'counts' is not one of the allowed values",
        fix="use one of: count, percent, eur, people_per_year",
    )


def test_enum_of_a_name(edit_csv):
    data_dir = edit_csv("pact_sectors", "4,Shipbuilding,", "4,Ship building,")
    err = refused(data_dir)
    check(err, rule="enum", file="pact_sectors.csv", row=4, column="sector", fix="Shipbuilding")


def test_minimum(edit_csv):
    data_dir = edit_csv("activities", 'applied research",54', 'applied research",0')
    err = refused(data_dir)
    check(
        err,
        rule="minimum",
        file="activities.csv",
        row=5,
        column="line",
        problem="0 is below the minimum 1",
        fix="use a value of at least 1",
    )


def test_minimum_of_a_value(edit_csv):
    data_dir = edit_csv("key_figures", ",84,count,", ",-84,count,")
    err = refused(data_dir)
    check(
        err, rule="minimum", file="key_figures.csv", row=1, column="value", problem="-84 is below"
    )


def test_pattern(data_copy, edit_descriptor, edit_csv):
    # figure_id also has an enum, which is checked first: drop it in the copy.
    def pattern_only(raw):
        spec = field(raw, "key_figures", "figure_id")
        spec["constraints"].pop("enum")
        spec.pop("complete")
        spec.pop("enumOrder")

    edit_descriptor(pattern_only)
    data_dir = edit_csv("key_figures", "day2_workshops,", "Day2-workshops,")
    err = refused(data_dir)
    check(
        err,
        rule="pattern",
        file="key_figures.csv",
        row=12,
        column="figure_id",
        problem="'Day2-workshops' does not match the pattern [a-z0-9_]+",
        fix="use lower-case letters, digits and underscores",
    )


def test_min_length(edit_csv):
    data_dir = edit_csv("pact_sectors", "Microelectronics;,26", "Mi,26")
    err = refused(data_dir)
    check(
        err,
        rule="minLength",
        file="pact_sectors.csv",
        row=3,
        column="quote",
        problem="'Mi' is shorter than 3 characters",
        fix="write the full text",
    )


# --- quotes and the values they state ----------------------------------------------------------


def test_quote_not_in_report(edit_csv):
    data_dir = edit_csv(
        "activities", ",Knowledge creation and R&D,56", ",Knowledge creation & R&D,56"
    )
    err = refused(data_dir)
    check(
        err,
        rule="quote",
        file="activities.csv",
        row=7,
        column="quote",
        problem="the quote does not stand in the report",
        fix="copy the excerpt from data/raw/coves-conference-report.txt",
    )


def test_quote_white_space_may_differ(edit_csv):
    # The report breaks this quote over lines 44-45; one space or several, it still stands.
    data_dir = edit_csv("key_figures", "1741 organisations from", "1741   organisations\tfrom")
    figures = ecove_data.load("key_figures", data_dir=data_dir).set_index("figure_id")
    assert figures.loc["cove_call_2021_organisations", "value"] == 1741


def test_quote_on_wrong_line(edit_csv):
    data_dir = edit_csv("activities", 'applied research",54', 'applied research",55')
    err = refused(data_dir)
    check(
        err,
        rule="quote",
        file="activities.csv",
        row=5,
        column="line",
        problem="the quote starts on line 54 of the report, not line 55",
        fix="set line to 54",
    )


def test_verbatim_string_not_in_quote(edit_csv):
    data_dir = edit_csv(
        "pact_initiatives", "up,gathering committed companies,", "up,gathering firms,"
    )
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="pact_initiatives.csv",
        row=1,
        column="description",
        problem="'gathering firms' does not appear in the row's quote",
        fix="correct the value, or quote the sentence that states it",
    )


def test_verbatim_number(edit_csv):
    data_dir = edit_csv("key_figures", ",84,count,", ",85,count,")
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="key_figures.csv",
        row=1,
        column="value",
        problem="85 (count, exact) does not appear in the row's quote",
        fix="correct the value",
    )


def test_verbatim_unit(edit_csv):
    data_dir = edit_csv("key_figures", ",7000000000,eur,", ",7000000000,count,")
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="key_figures.csv",
        row=10,
        column="value",
        problem="7000000000 (count, exact) does not appear",
    )


def test_verbatim_scale(edit_csv):
    # "7 billion euros" is 7000000000 eur, not 7.
    data_dir = edit_csv("key_figures", ",7000000000,eur,", ",7,eur,")
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="key_figures.csv",
        row=10,
        column="value",
        problem="7 (eur, exact)",
    )


def test_verbatim_qualifier(edit_csv):
    # "more than 500" is a lower bound.
    data_dir = edit_csv("key_figures", ",500,count,more_than,", ",500,count,exact,")
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="key_figures.csv",
        row=7,
        column="value",
        problem="500 (count, exact) does not appear",
    )


def test_verbatim_qualifier_more_than_an_exact_number(edit_csv):
    data_dir = edit_csv("key_figures", ",43,count,exact,", ",43,count,more_than,")
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="key_figures.csv",
        row=6,
        column="value",
        problem="43 (count, more_than)",
    )


def test_verbatim_number_word(edit_csv):
    # "cited two times" states 2; 3 is not stated.
    data_dir = edit_csv(
        "key_figures",
        "ecovem_citations,Presentations that cited ECoVEM,2,",
        "ecovem_citations,Presentations that cited ECoVEM,3,",
    )
    err = refused(data_dir)
    check(
        err,
        rule="verbatim",
        file="key_figures.csv",
        row=13,
        column="value",
        problem="3 (count, exact)",
    )


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("700000 people/year and 7 billion euros", (7_000_000_000.0, "eur", "exact")),
        ("700000 people/year and 7 billion euros", (700_000.0, "people_per_year", "exact")),
        ("seeking to up-skill 5% of employees", (5.0, "percent", "exact")),
        ("to date, more than 500 companies", (500.0, "count", "more_than")),
        ("cited two times", (2.0, "count", "exact")),
        ("84 projects were submitted for the 2021 ERASMUS+", (84.0, "count", "exact")),
    ],
)
def test_stated_numbers(text, number):
    assert number in stated_numbers(text)


def test_stated_numbers_does_not_read_a_bare_7_as_billions():
    assert (7.0, "eur", "exact") not in stated_numbers("7 billion euros")
    assert (500.0, "count", "exact") not in stated_numbers("more than 500 companies")


def test_report_find_gives_every_start_line():
    report = Report((DATA / REPORT).read_text(encoding="utf-8"))
    assert report.find("1741 organisations from 55 countries") == [(report.text.find("1741"), 45)]
    assert [line for _, line in report.find("To develop")] == [14, 17]
    assert report.find("not in the report at all") == []


def test_complete(edit_csv):
    data_dir = edit_csv("activities", "8,VET attractiveness,VET attractiveness,57\n", "")
    err = refused(data_dir)
    check(
        err,
        rule="complete",
        file="activities.csv",
        column="activity",
        problem="no row for 'VET attractiveness'",
        fix="restore the missing row",
    )


def test_report_order(edit_csv, data_copy):
    path = data_copy / "activities.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    # Rows in a new order but each keeping its rank load fine; ranks out of report order do not.
    swapped = [lines[0], lines[2], lines[1], *lines[3:]]
    path.write_text("".join(swapped), encoding="utf-8")
    refresh_hashes(data_copy)
    assert ecove_data.load("activities", data_dir=data_copy)["rank"].tolist()[:2] == [2, 1]
    data_dir = edit_csv("activities", "2,Governance", "0,Governance")
    data_dir = edit_csv("activities", "1,Initial", "2,Initial")
    data_dir = edit_csv("activities", "0,Governance", "1,Governance")
    err = refused(data_dir)
    check(
        err,
        rule="reportOrder",
        file="activities.csv",
        row=1,
        column="rank",
        problem="1 is not the row's place in the report, 2",
        fix="number the rows 1 to 8 in the order their quotes appear in the report",
    )


# --- cross-table rules -------------------------------------------------------------------------


def test_countries_add_up(edit_csv, edit_report):
    # 26 EU + 28 non-EU: change the report too, so that only the sum is wrong.
    edit_report("(27 EU + 28 non-EU)", "(26 EU + 28 non-EU)")
    edit_csv("key_figures", "55 countries (27 EU + 28 non-EU)", "55 countries (26 EU + 28 non-EU)")
    data_dir = edit_csv("key_figures", ",27,count,exact,27 EU,", ",26,count,exact,26 EU,")
    err = refused(data_dir)
    check(
        err,
        rule="countries_add_up",
        file="key_figures.csv",
        column="value",
        problem="cove_call_2021_countries_eu (26) + cove_call_2021_countries_non_eu (28) = 54, "
        "but cove_call_2021_countries is 55",
        fix="correct one of these rows so that: EU and non-EU countries add up",
    )


def test_networking_sectors_count(edit_csv):
    data_dir = edit_csv("pact_sectors", "Tourism,true,", "Tourism,false,")
    err = refused(data_dir)
    check(
        err,
        rule="networking_sectors_match",
        file="pact_sectors.csv",
        column="in_networking_workshops",
        problem="5 rows with in_networking_workshops true, but key_figures "
        "pact_sectors_in_networking_workshops is 6",
        fix="make the table and the figure agree",
    )


def test_workshop_rows(edit_csv, data_copy):
    # Declare a sixth workshop in the report and the key figure; the table still has five.
    lines = (DATA / "workshops.csv").read_text(encoding="utf-8")
    assert lines.count("\n") == 6
    edit_report_text = (data_copy / REPORT).read_text(encoding="utf-8")
    (data_copy / REPORT).write_text(
        edit_report_text.replace("there were 5 workshops", "there were 6 workshops"),
        encoding="utf-8",
    )
    data_dir = edit_csv(
        "key_figures",
        ',5,count,exact,"During the afternoon, there were 5 workshops."',
        ',6,count,exact,"During the afternoon, there were 6 workshops."',
    )
    err = refused(data_dir)
    check(
        err,
        rule="workshops_match",
        file="workshops.csv",
        problem="5 rows, but key_figures day2_workshops is 6",
        fix="make the table and the figure agree",
    )


def test_citation_rows(edit_csv):
    data_dir = edit_csv(
        "ecovem_citations",
        (DATA / "ecovem_citations.csv").read_text(encoding="utf-8").splitlines()[2] + "\n",
        "",
    )
    # The speaker list is complete: dropping a citation breaks that rule first.
    err = refused(data_dir)
    check(err, rule="complete", file="ecovem_citations.csv", column="speaker")


def test_citation_rows_against_the_figure(data_copy, edit_descriptor, edit_csv):
    def open_list(raw):
        field(raw, "ecovem_citations", "speaker").pop("complete")

    edit_descriptor(open_list)
    row = (DATA / "ecovem_citations.csv").read_text(encoding="utf-8").splitlines()[2]
    data_dir = edit_csv("ecovem_citations", row + "\n", "")
    err = refused(data_dir)
    check(
        err,
        rule="ecovem_citations_match",
        file="ecovem_citations.csv",
        problem="1 rows, but key_figures ecovem_citations is 2",
        fix="The citations table has as many rows as the report says ECoVEM was cited",
    )


def test_all_recommendations_covered(edit_csv):
    data_dir = edit_csv("roundtable_recommendations", "soft skills,true,", "soft skills,false,")
    err = refused(data_dir)
    check(
        err,
        rule="all_recommendations_covered",
        file="roundtable_recommendations.csv",
        row=3,
        column="covered_by_ecovem",
        problem="covered_by_ecovem is false, but the report says true",
        fix='set it to true: The report says the round-table recommendations "are all covered',
    )


def test_microelectronics_not_in_workshops(edit_csv):
    edit_csv("pact_sectors", "Microelectronics,false,", "Microelectronics,true,")
    data_dir = edit_csv("pact_sectors", "Tourism,true,", "Tourism,false,")
    err = refused(data_dir)
    check(
        err,
        rule="microelectronics_not_in_workshops",
        file="pact_sectors.csv",
        row=3,
        column="in_networking_workshops",
        problem="in_networking_workshops is true, but the report says false",
        fix="set it to false",
    )


def test_missing_key_figure_in_a_rule(data_copy, edit_descriptor, edit_csv):
    def open_list(raw):
        field(raw, "key_figures", "figure_id").pop("complete")

    edit_descriptor(open_list)
    row = next(
        line
        for line in (DATA / "key_figures.csv").read_text(encoding="utf-8").splitlines()
        if line.startswith("day2_workshops,")
    )
    data_dir = edit_csv("key_figures", row + "\n", "")
    err = refused(data_dir)
    check(
        err,
        rule="workshops_match",
        file="key_figures.csv",
        column="figure_id",
        problem="figure 'day2_workshops' is missing",
        fix="restore the day2_workshops row",
    )


# --- nothing half-loaded -----------------------------------------------------------------------


def test_broken_copy_returns_nothing_and_good_data_still_loads(edit_csv):
    good = ecove_data.load_all(data_dir=DATA)
    data_dir = edit_csv("ecovem_citations", "Katapult,", "Katapults,")
    for _ in range(2):
        with pytest.raises(DataError):
            ecove_data.load_all(data_dir=data_dir)
        # A table other than the broken one is not handed out either.
        with pytest.raises(DataError):
            ecove_data.load("key_figures", data_dir=data_dir)
    again = ecove_data.load_all(data_dir=DATA)
    assert list(again) == list(good)
    for name, frame in good.items():
        assert again[name].equals(frame)


def test_a_copy_broken_after_it_loaded_is_refused(data_copy, edit_csv):
    assert len(ecove_data.load("workshops", data_dir=data_copy)) == 5
    edit_csv("workshops", "mobility schemes,,", "mobility schemes,x,")
    with pytest.raises(DataError, match="'x' does not appear in the row's quote"):
        ecove_data.load("workshops", data_dir=data_copy)


def test_a_corrected_copy_loads_again(data_copy):
    path = data_copy / "activities.csv"
    original = path.read_bytes()
    path.write_bytes(original.replace(b"VET attractiveness,57", b"VET attractiveness,58"))
    with pytest.raises(DataError):
        ecove_data.load_all(data_dir=data_copy)
    path.write_bytes(original)
    assert len(ecove_data.load("activities", data_dir=data_copy)) == 8


def test_the_real_descriptor_records_the_real_files(data_copy):
    # Tests corrupt copies only: refreshing a fresh copy of data/ changes nothing.
    assert refresh_hashes(data_copy) == []
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert resource(raw, "report")["hash"] == (
        "sha256:bddd8f61f52cbc2e5f773674440cacaa92b8a94884d2f14d1216a32d6a1dd9fe"
    )


def test_quote_is_the_row_values_an_empty_conclusion(edit_csv):
    data_dir = edit_csv(
        "workshops",
        '3,Joint qualification recognition programmes,"it has to be EQF-linked, centred on '
        'learning outcomes and quality assurance mechanisms",',
        "3,Joint qualification recognition programmes,,",
    )
    err = refused(data_dir)
    check(
        err,
        rule="quoteIsVerbatimFields",
        file="workshops.csv",
        row=3,
        column="quote",
        problem="the quote says more than the row's values: 'it has to be EQF-linked, centred on "
        "learning outcomes and quality assurance mechanisms'",
        fix="put the missing words in the column they belong to",
    )


def test_quote_is_the_row_values_a_value_cut_short(edit_csv):
    data_dir = edit_csv("pact_initiatives", "up,gathering committed companies,", "up,committed,")
    err = refused(data_dir)
    check(
        err,
        rule="quoteIsVerbatimFields",
        file="pact_initiatives.csv",
        row=1,
        column="quote",
        problem="'gathering' / 'companies'",
    )


def test_quote_is_the_row_values_in_column_order(edit_csv):
    # Katapult is in the quote, but not after the role it now also holds.
    data_dir = edit_csv(
        "ecovem_citations", "2,Boudewijn Grievink,,", "2,Boudewijn Grievink,Katapult,"
    )
    err = refused(data_dir)
    check(
        err,
        rule="quoteIsVerbatimFields",
        file="ecovem_citations.csv",
        row=2,
        column="organisation",
        problem="'Katapult' does not follow the previous values in the quote",
        fix="the quote holds the row's values in column order",
    )


def test_quote_is_the_row_values_applies_where_the_descriptor_says(edit_csv):
    # pact_sectors quotes carry words around the sector ("Among the sectors involved are:").
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    marked = [
        name for name in report_resources() if resource(raw, name).get("quoteIsVerbatimFields")
    ]
    assert marked == [
        "roundtable_recommendations",
        "pact_initiatives",
        "activities",
        "workshops",
        "ecovem_citations",
    ]


def test_swapped_figures_of_one_sentence(data_copy):
    # 27 EU + 28 non-EU: each figure quotes its own part of the sentence, so a swap of the
    # two values keeps the sum at 55 but no longer stands in either quote.
    path = data_copy / "key_figures.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace(",27,count,", ",TMP,count,").replace(",28,count,", ",27,count,")
    path.write_text(text.replace(",TMP,count,", ",28,count,"), encoding="utf-8")
    refresh_hashes(data_copy)
    err = refused(data_copy)
    check(err, rule="verbatim", file="key_figures.csv", row=4, column="value")


def test_enum_order(data_copy):
    # Two key figures swap their ids: each row still holds a number its quote states.
    path = data_copy / "key_figures.csv"
    text = path.read_text(encoding="utf-8")
    text = text.replace("automotive_upskilling_share,", "TMP,")
    text = text.replace("automotive_upskilling_people,", "automotive_upskilling_share,")
    path.write_text(text.replace("TMP,", "automotive_upskilling_people,"), encoding="utf-8")
    refresh_hashes(data_copy)
    err = refused(data_copy)
    check(
        err,
        rule="enumOrder",
        file="key_figures.csv",
        row=9,
        column="figure_id",
        problem="'automotive_upskilling_share' comes after 'automotive_upskilling_people', "
        "but the descriptor lists it before",
        fix="keep the rows in the order of the field's enum in datapackage.json",
    )


def test_enum_order_of_whole_rows(data_copy):
    path = data_copy / "key_figures.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([lines[0], lines[2], lines[1], *lines[3:]]), encoding="utf-8")
    refresh_hashes(data_copy)
    err = refused(data_copy)
    check(err, rule="enumOrder", file="key_figures.csv", row=2, column="figure_id")


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        (",Katapult,", ",Katapult ,", "'Katapult ' has white space at its start or end"),
        (",Katapult,", ",Katapult\t,", "'Katapult\\t' has white space at its start or end"),
        ("2,Boudewijn Grievink,,", "2,Boudewijn Grievink,\x0c,", "'\\x0c' has white space"),
        (",Katapult,", ',"Kata\npult",', "'Kata\\npult' has white space in runs or line breaks"),
    ],
)
def test_whitespace(edit_csv, old, new, problem):
    data_dir = edit_csv("ecovem_citations", old, new)
    err = refused(data_dir)
    check(
        err,
        rule="whitespace",
        file="ecovem_citations.csv",
        row=2,
        column="role" if new.startswith("2,") else "organisation",
        problem=problem,
        fix="remove the extra white space",
    )


def test_whitespace_inside_a_quote_is_free(edit_csv):
    # A quote is verbatim but for white space and line breaks.
    data_dir = edit_csv(
        "ecovem_citations", '"Boudewijn Grievink (Katapult),', '"Boudewijn  Grievink\n(Katapult),'
    )
    citations = ecove_data.load("ecovem_citations", data_dir=data_dir)
    assert citations["quote"].iloc[1].startswith("Boudewijn  Grievink\n(Katapult)")
