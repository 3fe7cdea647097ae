"""Every validation rule of a table, each broken in a copy of data/ with the hashes refreshed.

``REFUSED`` is the table of cases: an edit of the copy, and the error that must refuse it
(rule, file, row, column, words of the problem and of the fix). conftest's ``refused`` checks
the error's attributes and its message; ``{data}`` stands for the copy's folder. The
cross-table rules of the descriptor are broken in the test module of their kind
(``test_rules_sum_of`` and the others).
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import (
    DATA,
    REPORT,
    ROWS,
    Edit,
    EditTable,
    both,
    case,
    real_line,
    refusal_test,
    resource,
)

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import refresh_hashes, sha256
from ecove_data._quotes import Report, stated_numbers

# The label of the first key figure: free text, in no quote, so only the rule under test applies.
LABEL = "Proposals submitted to the 2021 Erasmus+ call for CoVEs"


def duplicate_first_key_figure(e: EditTable) -> None:
    # Without the field's own `unique`, the primary key alone must refuse the duplicate.
    e.field("key_figures", "figure_id", lambda spec: spec["constraints"].pop("unique"))
    row = real_line("key_figures", 1)
    e.csv("key_figures", row, row + row)


def pattern_only(spec: dict[str, Any]) -> None:
    # figure_id also has an enum, which is checked first: drop it in the copy.
    spec["constraints"].pop("enum")
    spec.pop("complete")
    spec.pop("enumOrder")


STALE_FIX = "run `ecove-data rehash --data-dir {data}` to record it"
# A label is free text: correcting it changes nothing the rules check but the file.
STALE_LABEL = {"bytes": "EU countries among those", "hash": "EU countries among thEm"}


def stale_label(rule: str) -> Edit:
    return lambda e: e.text(
        "key_figures.csv", "EU countries among them", STALE_LABEL[rule], rehash=False, count=-1
    )


REFUSED = [
    # --- the descriptor and the files ----------------------------------------------------------
    case(
        "descriptor-missing",
        lambda e: e.remove(""),
        rule="descriptor",
        file="{data}/datapackage.json",
        problem="no data package descriptor here",
        fix="ECOVE_DATA_DIR",
    ),
    case(
        "descriptor-not-json",
        lambda e: e.write("datapackage.json", '{"resources": ['),
        rule="descriptor",
        file="{data}/datapackage.json",
        problem="the descriptor is not valid UTF-8 JSON",
        fix="repair the JSON",
    ),
    case(
        "descriptor-not-utf8",
        lambda e: e.write(
            "datapackage.json",
            (e.dir / "datapackage.json")
            .read_text(encoding="utf-8")
            .encode("latin-1", errors="replace"),
        ),
        rule="descriptor",
        file="{data}/datapackage.json",
        problem="not valid UTF-8 JSON",
    ),
    case(
        "descriptor-without-resources",
        lambda e: e.write("datapackage.json", '{"name": "ecove-data"}'),
        rule="descriptor",
        file="{data}/datapackage.json",
        problem="no list of resources",
        fix="restore the 'resources' list",
    ),
    case(
        "resource-without-path",
        lambda e: e.descriptor(lambda raw: resource(raw, "activities").pop("path")),
        rule="descriptor",
        file="{data}/datapackage.json",
        problem="a resource lacks a required property ('path')",
        fix="give every resource at least a name and a path",
    ),
    case(
        "file-missing",
        lambda e: e.remove("activities.csv"),
        rule="file",
        file="activities.csv",
        problem="the file is missing",
        fix="restore activities.csv in {data}",
    ),
    case(
        "report-missing",
        lambda e: e.remove(REPORT),
        rule="file",
        file=REPORT,
        problem="the file is missing",
    ),
    case(
        # "Métiers" is on the key_figures row of campus_des_metiers_excellence, the 7th line.
        "csv-not-utf8",
        lambda e: e.write(
            "key_figures.csv",
            (DATA / "key_figures.csv").read_text(encoding="utf-8").encode("cp1252"),
            rehash=True,
        ),
        rule="encoding",
        file="key_figures.csv",
        problem="(line 7) is not UTF-8",
        fix="UTF-8",
    ),
    case(
        "unreadable-csv",
        lambda e: e.csv("activities", "8,VET attractiveness,", '8,"VET" attractiveness,'),
        rule="csv",
        file="activities.csv",
        row=8,
        problem="not a readable CSV",
        fix="check the quotes around cells",
    ),
    case(
        "unclosed-quote",
        lambda e: e.csv("activities", "8,VET attractiveness,", '8,"VET attractiveness,'),
        rule="csv",
        file="activities.csv",
        row=8,
        problem="not a readable CSV (unexpected end of data)",
    ),
    case(
        "row-with-a-missing-cell",
        lambda e: e.csv("activities", "VET attractiveness,57", "VET attractiveness"),
        rule="shape",
        file="activities.csv",
        row=8,
        problem="the row has 3 cells, the header 4",
        fix="quote cells that contain commas",
    ),
    *[
        case(
            f"stale-{rule}",
            stale_label(rule),
            rule=rule,
            file="key_figures.csv",
            problem="the descriptor says",
            fix=STALE_FIX,
        )
        for rule in STALE_LABEL
    ],
    case(
        "stale-report",
        lambda e: e.text(REPORT, "84 projects", "85 projects", rehash=False, count=-1),
        rule="hash",
        file=REPORT,
        problem="the file's hash is",
        fix="ecove-data rehash",
    ),
    case(
        "header",
        lambda e: e.csv(
            "activities", "position,activity,quote,line", "position,activity,quotes,line"
        ),
        rule="header",
        file="activities.csv",
        row=0,
        problem="(missing: ['quote']) (not described: ['quotes'])",
        fix="make the first line list the descriptor's field names",
    ),
    # --- types and constraints -----------------------------------------------------------------
    case(
        "integer",
        lambda e: e.csv("key_figures", ",84,count,", ",84.0,count,"),
        rule="type",
        file="key_figures.csv",
        row=1,
        column="value",
        problem="'84.0' is not an integer",
        fix="write a whole number",
    ),
    case(
        "boolean",
        lambda e: e.csv("pact_sectors", "Microelectronics,false,", "Microelectronics,no,"),
        rule="type",
        file="pact_sectors.csv",
        row=3,
        column="in_networking_workshops",
        problem="'no' is not a boolean",
        fix="write true or false",
    ),
    case(
        # No report column is a number: make `line` one in the copy, then break it.
        "number",
        both(
            lambda e: e.field("activities", "line", lambda spec: spec.update(type="number")),
            lambda e: e.csv("activities", 'applied research",54', 'applied research",5x4'),
        ),
        rule="type",
        file="activities.csv",
        row=5,
        column="line",
        problem="'5x4' is not a number",
        fix="write a number with a dot for decimals",
    ),
    case(
        "required",
        lambda e: e.csv("activities", "1,Initial and continuous training,", "1,,"),
        rule="required",
        file="activities.csv",
        row=1,
        column="activity",
        problem="the cell is empty but required",
        fix="fill in the value from the report",
    ),
    case(
        "unique",
        lambda e: e.csv(
            "activities",
            "8,VET attractiveness,VET attractiveness,57\n",
            "8,VET attractiveness,VET attractiveness,57\n"
            "9,VET attractiveness,VET attractiveness,57\n",
        ),
        rule="unique",
        file="activities.csv",
        row=9,
        column="activity",
        problem="'VET attractiveness' repeats row 9",
        fix="remove the duplicate row",
    ),
    case(
        "unique-position",
        lambda e: e.csv("activities", "2,Governance", "1,Governance"),
        rule="unique",
        file="activities.csv",
        row=2,
        column="position",
        problem="1 repeats row 2",
    ),
    case(
        "primary-key",
        duplicate_first_key_figure,
        rule="unique",
        file="key_figures.csv",
        row=2,
        column="figure_id",
        problem="'cove_call_2021_proposals' repeats row 2",
    ),
    case(
        "enum",
        lambda e: e.csv("key_figures", ",84,count,", ",84,counts,"),
        rule="enum",
        file="key_figures.csv",
        row=1,
        column="unit",
        problem="'counts' is not one of the allowed values",
        fix="use one of: count, percent, eur, people_per_year",
    ),
    case(
        "enum-of-a-name",
        lambda e: e.csv("pact_sectors", "4,Shipbuilding,", "4,Ship building,"),
        rule="enum",
        file="pact_sectors.csv",
        row=4,
        column="sector",
        fix="Shipbuilding",
    ),
    case(
        "minimum",
        lambda e: e.csv("activities", 'applied research",54', 'applied research",0'),
        rule="minimum",
        file="activities.csv",
        row=5,
        column="line",
        problem="0 is below the minimum 1",
        fix="use a value of at least 1",
    ),
    case(
        "minimum-of-a-value",
        lambda e: e.csv("key_figures", ",84,count,", ",-84,count,"),
        rule="minimum",
        file="key_figures.csv",
        row=1,
        column="value",
        problem="-84 is below",
    ),
    case(
        "pattern",
        both(
            lambda e: e.field("key_figures", "figure_id", pattern_only),
            lambda e: e.csv("key_figures", "day2_workshops,", "Day2-workshops,"),
        ),
        rule="pattern",
        file="key_figures.csv",
        row=12,
        column="figure_id",
        problem="'Day2-workshops' does not match the pattern [a-z0-9_]+",
        fix="use lower-case letters, digits and underscores",
    ),
    case(
        "min-length",
        lambda e: e.csv("pact_sectors", "Microelectronics;,26", "Mi,26"),
        rule="minLength",
        file="pact_sectors.csv",
        row=3,
        column="quote",
        problem="'Mi' is shorter than 3 characters",
        fix="write the full text",
    ),
    # --- quotes and the values they state ------------------------------------------------------
    case(
        "quote-not-in-report",
        lambda e: e.csv(
            "activities", ",Knowledge creation and R&D,56", ",Knowledge creation & R&D,56"
        ),
        rule="quote",
        file="activities.csv",
        row=7,
        column="quote",
        problem="the quote does not stand in the report",
        fix="copy the excerpt from raw/coves-conference-report.txt in the data folder",
    ),
    case(
        "quote-on-wrong-line",
        lambda e: e.csv("activities", 'applied research",54', 'applied research",55'),
        rule="quote",
        file="activities.csv",
        row=5,
        column="line",
        problem="the quote starts on line 54 of the report, not line 55",
        fix="set line to 54",
    ),
    case(
        "verbatim-string-not-in-quote",
        lambda e: e.csv(
            "pact_initiatives", "up,gathering committed companies,", "up,gathering firms,"
        ),
        rule="verbatim",
        file="pact_initiatives.csv",
        row=1,
        column="description",
        problem="'gathering firms' does not appear in the row's quote",
        fix="correct the value, or quote the sentence that states it",
    ),
    case(
        "verbatim-number",
        lambda e: e.csv("key_figures", ",84,count,", ",85,count,"),
        rule="verbatim",
        file="key_figures.csv",
        row=1,
        column="value",
        problem="85 (count, exact) does not appear in the row's quote",
        fix="correct the value",
    ),
    case(
        "verbatim-unit",
        lambda e: e.csv("key_figures", ",7000000000,eur,", ",7000000000,count,"),
        rule="verbatim",
        file="key_figures.csv",
        row=10,
        column="value",
        problem="7000000000 (count, exact) does not appear",
    ),
    case(
        # "7 billion euros" is 7000000000 eur, not 7.
        "verbatim-scale",
        lambda e: e.csv("key_figures", ",7000000000,eur,", ",7,eur,"),
        rule="verbatim",
        file="key_figures.csv",
        row=10,
        column="value",
        problem="7 (eur, exact)",
    ),
    case(
        # "more than 500" is a lower bound.
        "verbatim-qualifier",
        lambda e: e.csv("key_figures", ",500,count,more_than,", ",500,count,exact,"),
        rule="verbatim",
        file="key_figures.csv",
        row=7,
        column="value",
        problem="500 (count, exact) does not appear",
    ),
    case(
        "verbatim-qualifier-more-than-an-exact-number",
        lambda e: e.csv("key_figures", ",43,count,exact,", ",43,count,more_than,"),
        rule="verbatim",
        file="key_figures.csv",
        row=6,
        column="value",
        problem="43 (count, more_than)",
    ),
    case(
        # "cited two times" states 2; 3 is not stated.
        "verbatim-number-word",
        lambda e: e.csv(
            "key_figures",
            "ecovem_citations,Presentations that cited ECoVEM,2,",
            "ecovem_citations,Presentations that cited ECoVEM,3,",
        ),
        rule="verbatim",
        file="key_figures.csv",
        row=13,
        column="value",
        problem="3 (count, exact)",
    ),
    case(
        # 27 EU + 28 non-EU: each figure quotes its own part of the sentence, so a swap of the
        # two values keeps the sum at 55 but no longer stands in either quote.
        "swapped-figures-of-one-sentence",
        lambda e: e.swap("key_figures", ",27,count,", ",28,count,"),
        rule="verbatim",
        file="key_figures.csv",
        row=4,
        column="value",
    ),
    case(
        "complete",
        lambda e: e.csv("activities", "8,VET attractiveness,VET attractiveness,57\n", ""),
        rule="complete",
        file="activities.csv",
        column="activity",
        problem="no row for 'VET attractiveness'",
        fix="restore the missing row",
    ),
    case(
        # The speaker list is complete: dropping a citation breaks that rule before the
        # citations' count against the key figure (tests/test_rules_rows_of.py).
        "citation-rows",
        lambda e: e.csv("ecovem_citations", real_line("ecovem_citations", 2), ""),
        rule="complete",
        file="ecovem_citations.csv",
        column="speaker",
    ),
    case(
        # The first two rows swapped, then renumbered 1, 2 in their new order: the positions
        # follow the rows but not the report.
        "report-order",
        both(
            lambda e: e.rows(
                "activities", lambda lines: [lines[0], lines[2], lines[1], *lines[3:]]
            ),
            lambda e: e.csv("activities", "2,Governance", "0,Governance"),
            lambda e: e.csv("activities", "1,Initial", "2,Initial"),
            lambda e: e.csv("activities", "0,Governance", "1,Governance"),
        ),
        rule="reportOrder",
        file="activities.csv",
        row=1,
        column="position",
        problem="1 is not the row's place in the report, 2",
        fix="number the rows 1 to 8 in the order their quotes appear in the report",
    ),
    case(
        # Two key figures swap their ids: each row still holds a number its quote states.
        "enum-order",
        lambda e: e.swap(
            "key_figures", "automotive_upskilling_share,", "automotive_upskilling_people,"
        ),
        rule="enumOrder",
        file="key_figures.csv",
        row=9,
        column="figure_id",
        problem="'automotive_upskilling_share' comes after 'automotive_upskilling_people', "
        "but the descriptor lists it before",
        fix="keep the rows in the order of the field's enum in datapackage.json",
    ),
    case(
        "enum-order-of-whole-rows",
        lambda e: e.rows("key_figures", lambda lines: [lines[0], lines[2], lines[1], *lines[3:]]),
        rule="enumOrder",
        file="key_figures.csv",
        row=2,
        column="figure_id",
    ),
    # --- the quote is the row's values (quoteIsVerbatimFields) ---------------------------------
    case(
        "quote-is-the-row-values-an-empty-conclusion",
        lambda e: e.csv(
            "workshops",
            '3,Joint qualification recognition programmes,"it has to be EQF-linked, centred on '
            'learning outcomes and quality assurance mechanisms",',
            "3,Joint qualification recognition programmes,,",
        ),
        rule="quoteIsVerbatimFields",
        file="workshops.csv",
        row=3,
        column="quote",
        problem="the quote says more than the row's values: 'it has to be EQF-linked, centred on "
        "learning outcomes and quality assurance mechanisms'",
        fix="put the missing words in the column they belong to",
    ),
    case(
        "quote-is-the-row-values-a-value-cut-short",
        lambda e: e.csv("pact_initiatives", "up,gathering committed companies,", "up,committed,"),
        rule="quoteIsVerbatimFields",
        file="pact_initiatives.csv",
        row=1,
        column="quote",
        problem="'gathering' / 'companies'",
    ),
    case(
        # Katapult is in the quote, but not after the role it now also holds.
        "quote-is-the-row-values-in-column-order",
        lambda e: e.csv(
            "ecovem_citations", "2,Boudewijn Grievink,,", "2,Boudewijn Grievink,Katapult,"
        ),
        rule="quoteIsVerbatimFields",
        file="ecovem_citations.csv",
        row=2,
        column="organisation",
        problem="'Katapult' does not follow the previous values in the quote",
        fix="the quote holds the row's values in column order",
    ),
    case(
        # pact_sectors quotes carry words around the sector ("Among the sectors involved are:"):
        # the rule holds where the descriptor marks a table, and only there.
        "quote-is-the-row-values-where-the-descriptor-marks-it",
        lambda e: e.descriptor(
            lambda raw: resource(raw, "pact_sectors").update(quoteIsVerbatimFields=True)
        ),
        rule="quoteIsVerbatimFields",
        file="pact_sectors.csv",
        row=1,
        column="quote",
        problem="the quote says more than the row's values: 'Among the sectors involved are'",
    ),
    # --- white space ---------------------------------------------------------------------------
    *[
        case(
            f"whitespace-{number}",
            lambda e, old=old, new=new: e.csv("ecovem_citations", old, new),
            rule="whitespace",
            file="ecovem_citations.csv",
            row=2,
            column=column,
            problem=problem,
            fix="remove the extra white space",
        )
        for number, (old, new, column, problem) in enumerate(
            [
                (",Katapult,", ",Katapult ,", "organisation", "'Katapult ' has white space at its"),
                (",Katapult,", ",Katapult\t,", "organisation", "'Katapult\\t' has white space at"),
                ("2,Boudewijn Grievink,,", "2,Boudewijn Grievink,\x0c,", "role", "'\\x0c' has"),
                (
                    ",Katapult,",
                    ',"Kata\npult",',
                    "organisation",
                    "'Kata\\npult' has white space in runs or line breaks",
                ),
            ]
        )
    ],
    # --- text a spreadsheet would run as a formula, characters no file can hold ----------------
    *[
        case(
            f"formula-{number}",
            lambda e, text=text: e.csv("key_figures", LABEL, f'"{text}"'),
            rule="formula",
            file="key_figures.csv",
            row=1,
            column="label",
            problem=f"would run as a formula when a spreadsheet opens the CSV: it starts with "
            f'"{text[0]}"',
            fix="begin the text with a word, or with an en dash",
        )
        for number, text in enumerate(
            [
                '=HYPERLINK(""http://example.org/"",""click me"")',
                "@SUM(1+1)",
                "+1+1",
                "-2+3+cmd|' /C calc'!A0",
                "- a list item",
            ]
        )
    ],
    case(
        "control-character",
        lambda e: e.csv("key_figures", LABEL, "Proposals\x01 submitted"),
        rule="control",
        file="key_figures.csv",
        row=1,
        column="label",
        problem="holds the invisible control character U+0001",
        fix="retype the cell without it",
    ),
]


test_a_broken_rule_is_refused = refusal_test(REFUSED)


def test_the_real_data_is_valid():
    frames = ecove_data.load_all(data_dir=DATA)
    assert {name: len(frames[name]) for name in ROWS} == ROWS


# --- edits the rules accept, and what a refusal leads to ---------------------------------------


@pytest.mark.parametrize("rule", list(STALE_LABEL))
def test_rehash_fixes_a_stale_file(edit_table, rule):
    stale_label(rule)(edit_table)
    with pytest.raises(DataError, match=f"rule: {rule}"):
        ecove_data.load_all(data_dir=edit_table.dir)
    assert refresh_hashes(edit_table.dir) == ["key_figures"]
    figures = ecove_data.load("key_figures", data_dir=edit_table.dir).set_index("figure_id")
    assert figures.loc["cove_call_2021_countries_eu", "label"] == STALE_LABEL[rule]


def test_number_that_is_valid_loads(edit_table):
    edit_table.field("activities", "line", lambda spec: spec.update(type="number"))
    data_dir = edit_table.csv("activities", 'applied research",54', 'applied research",54.0')
    activities = ecove_data.load("activities", data_dir=data_dir)
    assert str(activities["line"].dtype) == "Float64"
    assert activities["line"].tolist()[4] == 54.0


def test_quote_white_space_may_differ(edit_csv):
    # The report breaks this quote over lines 44-45; one space or several, it still stands.
    data_dir = edit_csv("key_figures", "1741 organisations from", "1741   organisations\tfrom")
    figures = ecove_data.load("key_figures", data_dir=data_dir).set_index("figure_id")
    assert figures.loc["cove_call_2021_organisations", "value"] == 1741


def test_rows_in_a_new_order_keeping_their_positions_load(edit_table):
    data_dir = edit_table.rows(
        "activities", lambda lines: [lines[0], lines[2], lines[1], *lines[3:]]
    )
    assert ecove_data.load("activities", data_dir=data_dir)["position"].tolist()[:2] == [2, 1]


def test_whitespace_inside_a_quote_is_free(edit_csv):
    # A quote is verbatim but for white space and line breaks.
    data_dir = edit_csv(
        "ecovem_citations", '"Boudewijn Grievink (Katapult),', '"Boudewijn  Grievink\n(Katapult),'
    )
    citations = ecove_data.load("ecovem_citations", data_dir=data_dir)
    assert citations["quote"].iloc[1].startswith("Boudewijn  Grievink\n(Katapult)")


def test_quote_is_the_row_values_holds_only_where_the_descriptor_marks_it(edit_table):
    # Unmarked, the workshop row whose conclusion was emptied loads (its quote says more).
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert resource(raw, "workshops")["quoteIsVerbatimFields"]
    edit_table.descriptor(lambda raw: resource(raw, "workshops").pop("quoteIsVerbatimFields"))
    data_dir = edit_table.csv(
        "workshops",
        '3,Joint qualification recognition programmes,"it has to be EQF-linked, centred on '
        'learning outcomes and quality assurance mechanisms",',
        "3,Joint qualification recognition programmes,,",
    )
    workshops = ecove_data.load("workshops", data_dir=data_dir)
    assert workshops["conclusion"].isna().tolist()[2]


# --- the numbers a quote states, and where a quote stands --------------------------------------


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
    # (tests/test_descriptor.py pins the report's own hash, the source's bytes.)
    raw = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert resource(raw, "report")["hash"] == sha256((DATA / REPORT).read_bytes())


@pytest.mark.parametrize("text", ["-5", "+3.25", "-1.5e3", "-", "\u2013 an en-dash item", "a = b"])
def test_text_a_spreadsheet_reads_as_a_number_or_text_loads(edit_csv, text):
    data_dir = edit_csv("key_figures", LABEL, text)
    frame = ecove_data.load("key_figures", data_dir=data_dir)
    assert frame.loc[0, "label"] == text
