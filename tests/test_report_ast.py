"""ecove_data.report._ast: plain text as pandoc inlines, the walk over a tree, column widths.

How the tables come out in each format is read in ``test_documents``; these are the rules
the widths follow, on tables made up here.
"""

from __future__ import annotations

from typing import Any

import pytest

from ecove_data.report import _ast


def test_text_is_words_and_spaces_and_nothing_else() -> None:
    inlines = _ast.text_inlines("  *not emphasis*  and <b>not</b> a\ttag ")
    words = [node["c"] for node in inlines if node["t"] == "Str"]
    assert words == ["*not", "emphasis*", "and", "<b>not</b>", "a", "tag"]
    assert {node["t"] for node in inlines} == {"Str", "Space"}


def test_the_walk_goes_parents_first_in_order_and_sees_a_node_changed_where_it_is() -> None:
    tree: list[Any] = [
        {"t": "Para", "c": [{"t": "Str", "c": "a"}, {"t": "Emph", "c": [{"t": "Str", "c": "b"}]}]},
        {"t": "Str", "c": "c"},
    ]
    seen = []
    for node in _ast.walk(tree):
        seen.append(node["t"] + (f":{node['c']}" if node["t"] == "Str" else ""))
        if node["t"] == "Emph":
            node["c"] = [{"t": "Str", "c": "changed"}]
    assert seen == ["Para", "Str:a", "Emph", "Str:changed", "Str:c"]


def test_bold_text_is_wider_and_a_glyph_the_font_lacks_counts_six_tenths() -> None:
    assert _ast.text_em("Members", bold=True) > _ast.text_em("Members") > 0
    assert _ast.text_em("\U0001d11e") == 0.6  # a musical symbol DejaVu Sans does not have


def test_no_column_is_narrower_than_its_longest_word() -> None:
    columns = ["Year", "What the report says"]
    rows = [["2021", "a sentence of many short words " * 4], ["2022", "Microelectronics"]]
    widths = _ast.column_widths(columns, rows)
    assert sum(widths) == pytest.approx(1.0)
    line = _ast.LINE_EM
    # The shares are of the line: each column holds its longest word with its padding.
    assert widths[0] * line >= _ast.text_em("Year", bold=True) + _ast.PADDING_EM
    assert widths[1] * line >= _ast.text_em("Microelectronics") + _ast.PADDING_EM
    # What is left goes to the column whose text asks for it.
    assert widths[1] > widths[0]


def test_a_short_hyphenated_word_stays_whole_and_a_long_one_may_break() -> None:
    short = _ast.column_widths(["Period"], [["2014-2020"]])
    assert short == [1.0]
    number = "620101-EPP-1-2020-1-BG-EPPKA3-VET-COVE"
    assert _ast.text_em(number) > _ast.LONG_EM
    # The project number may break at its hyphens: its column needs only its widest part.
    widths = _ast.column_widths(["Project", "Note"], [[number, "x " * 200]])
    assert widths[0] * _ast.LINE_EM < _ast.text_em(number)
    assert widths[0] * _ast.LINE_EM >= _ast.text_em("620101-") + _ast.PADDING_EM
