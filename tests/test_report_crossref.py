"""ecove_data.report._crossref: links to ``#figure-NAME`` and ``#table-KEY`` become "Figure N".

On chapters built here, without pandoc or a kernel; the documents' tests read the REF
fields and the links that the formats make of them.
"""

from __future__ import annotations

from typing import Any

import pytest

from ecove_data.report import _crossref
from ecove_data.report._notebooks import Chapter, Figure, Table


def _figure(name: str, number: int) -> Figure:
    return Figure(name, "A title", "A caption", "An alt text", 16, 8, b"", "", [], [], number)


def _table(title: str, number: int) -> Table:
    return Table(title, ["a"], [False], [["1"]], [], [], number)


def _link(target: str) -> dict[str, Any]:
    return {"t": "Link", "c": [["", [], []], [{"t": "Str", "c": "this"}], [target, ""]]}


def _chapters() -> list[Chapter]:
    return [
        Chapter("01_one", "One?", [_figure("activities", 1), _table("Key figures", 1)]),
        Chapter("02_two", "Two?", [_figure("workshops", 2), _table("Key figures", 2)]),
    ]


def test_a_link_to_a_figure_becomes_its_number_and_chapter() -> None:
    blocks = {
        "01_one": [{"t": "Para", "c": [_link("#figure-workshops")]}],
        "02_two": [
            {"t": "Para", "c": [_link("https://example.org/"), _link("#figure-activities")]}
        ],
    }
    _crossref.resolve(_chapters(), blocks)
    (first,) = _crossref.xrefs(blocks["01_one"])
    assert _crossref.reference(first) == ("Figure", 2, "02_two")
    assert first["c"][1] == [{"t": "Str", "c": "Figure"}, {"t": "Space"}, {"t": "Str", "c": "2"}]
    assert first["c"][2] == ["#figure-2", ""]
    (second,) = _crossref.xrefs(blocks["02_two"])
    assert _crossref.reference(second) == ("Figure", 1, "01_one")
    assert blocks["02_two"][0]["c"][0]["c"][2] == ["https://example.org/", ""], "left alone"


def test_a_figure_not_shown_is_named_with_the_closest() -> None:
    blocks = {"01_one": [{"t": "Para", "c": [_link("#figure-workshop")]}], "02_two": []}
    with pytest.raises(_crossref.CrossReferenceError) as caught:
        _crossref.resolve(_chapters(), blocks)
    assert str(caught.value) == (
        "01_one.ipynb: the link to #figure-workshop names no figure the documents show, so no "
        "document was written. Did you mean #figure-workshops? Figures shown: "
        "#figure-activities, #figure-workshops"
    )


def test_two_tables_of_one_title_make_a_link_to_it_ambiguous() -> None:
    blocks = {"01_one": [], "02_two": [{"t": "Para", "c": [_link("#table-key-figures")]}]}
    with pytest.raises(_crossref.CrossReferenceError) as caught:
        _crossref.resolve(_chapters(), blocks)
    assert str(caught.value) == (
        "02_two.ipynb: the link to #table-key-figures is ambiguous: 2 tables have that title; "
        "give them different titles"
    )
