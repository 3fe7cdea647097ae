"""ecove_data._quotes: the report as a source, the quotes found in it and the numbers stated.

Validation checks every quote of the data against the report (``test_validate``); these are
the rules it checks with, on text made up here.
"""

from __future__ import annotations

from ecove_data._quotes import Report, squash, stated_numbers


def test_a_quote_is_found_whatever_its_white_space_on_the_line_it_starts() -> None:
    report = Report("Title\n\n84 projects were\nsubmitted for the call.\nAgain: 84 projects were")
    assert report.find("84 projects  were\nsubmitted") == [(6, 3)]
    assert [line for _, line in report.find("84 projects were")] == [3, 5]
    assert report.find("93 projects") == []
    assert report.find("   ") == [], "an empty quote is found nowhere"


def test_problems_name_the_report_as_the_descriptor_gives_it() -> None:
    assert Report("text", "raw/coves-conference-report.txt").path == (
        "raw/coves-conference-report.txt"
    )
    assert Report("text").path == "the report"


def test_squash_keeps_the_words_and_one_space_between_them() -> None:
    assert squash("  a\tb \n\n c\u00a0d ") == "a b c d"


def test_the_numbers_a_sentence_states_with_their_units_and_bounds() -> None:
    text = "More than 500 companies, 1741 organisations from 55 countries and 7 billion euros"
    assert stated_numbers(text) == {
        (500.0, "count", "more_than"),
        (1741.0, "count", "exact"),
        (55.0, "count", "exact"),
        (7e9, "eur", "exact"),
    }
    assert stated_numbers("no figure here") == set()
