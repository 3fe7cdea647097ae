"""Say what the sources say: inferences marked or cited, caveats carried with their numbers.

Every text the package shows a reader is checked here: the figures (drawn text, caption, alt
text), the descriptor's titles, descriptions and labels, the tables' labels, the README and
the notebooks' prose. The rules read the data, so a new inference or caveat added to the
descriptor is enforced in every figure that shows its number.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import matplotlib
import pytest
from conftest import ROOT
from figure_text import flat

import ecove_data
from ecove_data import figures
from ecove_data.figures._style import format_number
from ecove_data.provenance import date_span, report_source, source_name

matplotlib.use("agg")

DESCRIPTOR = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))

# The caveat a value carries wherever it is shown: "the report does not say whether ...".
CAVEAT = re.compile(r"does not say[^.]*?whether", re.IGNORECASE)
# Words that say more than the report about the automotive euros (lines 30-31).
OVERSTATEMENTS = re.compile(r"investment|per person", re.IGNORECASE)
# The one public source that calls the 7 billion an investment (context-sources row 7).
INVESTMENT_SOURCE = "clepa.eu"

# Fields whose values are inferred rather than read from the report, and the words that
# must travel with them into every figure that reads the table: where the inference
# comes from.
INFERRED_FIELDS = {("pact_sectors", "in_networking_workshops"): ("programme",)}


@pytest.fixture(scope="module")
def drawn() -> dict[str, str]:
    """Each registered figure's visible text, drawn from the current data."""
    return {name: flat(figures.draw(name)) for name in figures.REGISTRY}


@pytest.fixture(scope="module")
def alts() -> dict[str, str]:
    return {name: figures.alt_text(name) for name in figures.REGISTRY}


def _strings(node: object, where: str = "") -> Iterator[tuple[str, str]]:
    """Every string value of a JSON tree, with its path."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _strings(value, f"{where}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _strings(value, f"{where}/{i}")
    elif isinstance(node, str):
        yield where, node


def _prose() -> Iterator[tuple[str, str]]:
    """Every text unit a reader of the data, the README or the notebooks sees."""
    yield from _strings(DESCRIPTOR, "datapackage.json")
    for name in ("key_figures",):
        for fid, label in ecove_data.load(name)[["figure_id", "label"]].itertuples(index=False):
            yield f"{name} {fid}", str(label)
    for iid, label in ecove_data.load("derived_indicators")[["indicator_id", "label"]].itertuples(
        index=False
    ):
        yield f"derived_indicators {iid}", str(label)
    for i, paragraph in enumerate((ROOT / "README.md").read_text(encoding="utf-8").split("\n\n")):
        yield f"README.md paragraph {i}", paragraph
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        for i, cell in enumerate(notebook["cells"]):
            yield f"{path.name} cell {i}", "".join(cell["source"])


def _figure_texts(drawn: dict[str, str], alts: dict[str, str]) -> Iterator[tuple[str, str]]:
    for name, spec in figures.REGISTRY.items():
        yield f"{name} caption", spec.caption
        yield f"{name} alt text", alts[name]
        yield f"{name} drawn text", drawn[name]


def _shows(text: str, value: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(value)}(?![\d])", text) is not None


def _sentences(text: str) -> list[str]:
    return re.split(r"(?<=\.)\s+", text)


# --- the automotive euros: no "investment", no "per person" without the caveat ----------------


def test_no_text_overstates_the_automotive_euros(drawn, alts):
    units = [*_prose(), *_figure_texts(drawn, alts)]
    bad = [
        where
        for where, text in units
        if OVERSTATEMENTS.search(text) and not CAVEAT.search(text) and INVESTMENT_SOURCE not in text
    ]
    assert not bad, f"'investment' or 'per person' without the report's caveat in: {bad}"


def test_no_identifier_calls_the_euros_an_investment():
    ids = [str(x) for x in ecove_data.load("key_figures")["figure_id"]]
    ids += [str(x) for x in ecove_data.load("derived_indicators")["indicator_id"]]
    assert not [i for i in ids if "investment" in i or "per_person" in i]


def test_the_caveat_rule_can_fail():
    assert not CAVEAT.search("Euros per person up-skilled by the Automotive skills coalition")
    assert CAVEAT.search("the report does not say whether the 7 billion euros are yearly")


# --- a caveat in a label travels with its number ---------------------------------------------


def _caveated_values() -> list[tuple[str, str, str]]:
    """(table, id, formatted value) of every stated or derived value whose label has a caveat."""
    found = []
    for table, id_column in (("key_figures", "figure_id"), ("derived_indicators", "indicator_id")):
        frame = ecove_data.load(table)
        for row_id, label, value in frame[[id_column, "label", "value"]].itertuples(index=False):
            if CAVEAT.search(str(label)):
                found.append((table, str(row_id), format_number(value)))
    return found


def test_caveated_values_exist():
    ids = {row_id for _, row_id, _ in _caveated_values()}
    assert {"automotive_upskilling_eur", "automotive_eur_over_people_a_year"} <= ids


def test_every_text_that_shows_a_caveated_value_carries_the_caveat(drawn, alts):
    missing = []
    for table, row_id, value in _caveated_values():
        for name, spec in figures.REGISTRY.items():
            if table not in spec.tables:
                continue
            for where, text in (
                ("caption", spec.caption),
                ("alt text", alts[name]),
                ("drawn text", drawn[name]),
            ):
                if _shows(text, value) and not CAVEAT.search(text):
                    missing.append(f"{name} {where} shows {row_id} ({value})")
    assert not missing, missing


# --- derived values are named derived -------------------------------------------------------


def test_every_figure_that_shows_a_derived_value_names_it_derived(drawn, alts):
    derived = ecove_data.load("derived_indicators")
    checked, missing = 0, []
    for name, spec in figures.REGISTRY.items():
        if "derived_indicators" not in spec.tables:
            continue
        assert "derived" in spec.caption, f"{name}: the caption does not say derived"
        for row_id, value in derived[["indicator_id", "value"]].itertuples(index=False):
            shown = format_number(value)
            if not _shows(drawn[name], shown):
                continue
            checked += 1
            if "derived" not in drawn[name]:
                missing.append(f"{name} drawn text: {row_id}")
            sentences = [s for s in _sentences(alts[name]) if _shows(s, shown)]
            if not sentences or not all("derived" in s.lower() for s in sentences):
                missing.append(f"{name} alt text: {row_id} ({shown})")
    assert checked >= 4, "every derived indicator is drawn somewhere"
    assert not missing, missing


# --- inferred values carry where they come from ---------------------------------------------


def test_every_inferred_field_is_declared_here():
    declared = {
        (res["name"], field["name"])
        for res in DESCRIPTOR["resources"]
        for field in res.get("schema", {}).get("fields", [])
        if "derivation" in field
    }
    assert declared == set(INFERRED_FIELDS), (
        "a field with a derivation must say here which words carry it into its figures"
    )


@pytest.mark.parametrize(("table", "column"), sorted(INFERRED_FIELDS))
def test_inferred_fields_carry_their_source_into_figures(drawn, alts, table, column):
    words = INFERRED_FIELDS[(table, column)]
    resource = next(res for res in DESCRIPTOR["resources"] if res["name"] == table)
    field = next(f for f in resource["schema"]["fields"] if f["name"] == column)
    assert all(word in field["derivation"] for word in words)
    readers = [name for name, spec in figures.REGISTRY.items() if table in spec.tables]
    assert readers
    for name in readers:
        for where, text in (
            ("caption", figures.REGISTRY[name].caption),
            ("alt text", alts[name]),
            ("drawn text", drawn[name]),
        ):
            assert all(word in text for word in words), f"{name} {where} drops {words}"


def test_the_networking_sectors_cite_the_programme_page(drawn, alts):
    event = ecove_data.load("context_event").set_index("attribute")
    site = source_name(str(event.loc["networking_workshops", "source_url"]))
    for text in (drawn["pact_sectors_workshops"], alts["pact_sectors_workshops"]):
        assert site in text
        assert "it does not name the sectors" in text


def test_dates_the_report_does_not_give_are_marked_inferred(drawn, alts):
    checked = 0
    for res in DESCRIPTOR["resources"]:
        names = {f["name"] for f in res.get("schema", {}).get("fields", [])}
        if res.get("role") != "context" or not {"date", "source_url"} <= names:
            continue
        frame = ecove_data.load(res["name"])
        for date in frame.loc[frame["source_url"] == report_source(), "date"]:
            label = date_span(str(date))[2]
            for name, spec in figures.REGISTRY.items():
                if res["name"] not in spec.tables:
                    continue
                checked += 1
                assert "inferred" in spec.caption, f"{name} caption"
                for sentence in _sentences(alts[name]):
                    if label in sentence:
                        assert "inferred" in sentence, f"{name} alt text: {sentence}"
                assert re.search(rf"{re.escape(label)}\)?\s+date inferred", drawn[name]), name
    assert checked, "the report's snapshot is drawn"
