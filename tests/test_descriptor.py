"""The descriptor: where the data lives, what it says, its own keys, refreshing its hashes.

A misspelt key of the descriptor's own is refused, never silently ignored. A consistency rule's
own values are checked by its kind, in the test module of the kind (``test_rules_sum_of``...);
the records the descriptor is read into, in ``test_records``.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    DATA,
    RAW,
    REPORT,
    ROOT,
    ROWS,
    consistency_rule,
    descriptor_refusal_test,
    field,
    report_resources,
    resource,
    write_descriptor,
)

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import (
    OWN_KEYS,
    RULE_KEYS,
    default_data_dir,
    read_package,
    refresh_hashes,
    sha256,
)

REPORT_SHA256 = "bddd8f61f52cbc2e5f773674440cacaa92b8a94884d2f14d1216a32d6a1dd9fe"
UNITS = ["count", "percent", "eur", "people_per_year"]


def test_the_editable_install_reads_the_checkout(monkeypatch):
    monkeypatch.delenv("ECOVE_DATA_DIR", raising=False)
    assert default_data_dir() == ROOT / "data"
    assert read_package().data_dir == ROOT / "data"


def test_the_environment_variable_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("ECOVE_DATA_DIR", str(tmp_path))
    assert default_data_dir() == tmp_path
    monkeypatch.setenv("ECOVE_DATA_DIR", "")
    assert default_data_dir() == ROOT / "data"


def test_the_report_is_byte_for_byte():
    data = (DATA / REPORT).read_bytes()
    assert hashlib.sha256(data).hexdigest() == REPORT_SHA256
    source = read_package(DATA).source
    assert source.path == REPORT
    assert source.raw["hash"] == "sha256:" + REPORT_SHA256
    assert source.raw["bytes"] == len(data)


def test_every_file_matches_its_size_and_hash():
    pkg = read_package(DATA)
    for res in pkg.resources:
        data = (DATA / res.path).read_bytes()
        assert res.raw["bytes"] == len(data), res.name
        assert res.raw["hash"] == sha256(data), res.name
        data.decode("utf-8")


def test_package_metadata():
    raw = read_package(DATA).raw
    assert raw["licenses"][0]["name"]
    assert any(source["path"] == REPORT for source in raw["sources"])
    assert raw["title"]
    assert raw["description"]


def test_report_tables_carry_quote_and_line():
    pkg = read_package(DATA)
    tables = report_resources()
    assert set(ROWS) <= set(tables)
    for name in tables:
        res = pkg.resource(name)
        fields = {field["name"]: field for field in res.fields}
        assert fields["quote"]["constraints"]["required"]
        assert fields["line"]["type"] == "integer"
        assert fields["line"]["constraints"] == {"required": True, "minimum": 1}
        assert res.primary_key
        assert set(res.primary_key) <= set(fields)
        assert res.title
        assert res.description
        for spec in res.fields:
            assert spec["description"], (name, spec["name"])
            assert spec["type"] in {"string", "integer", "number", "boolean"}


def test_key_figures_schema():
    res = read_package(DATA).resource("key_figures")
    fields = {field["name"]: field for field in res.fields}
    assert fields["unit"]["constraints"]["enum"] == UNITS
    assert fields["qualifier"]["constraints"]["enum"] == ["exact", "more_than"]
    assert fields["value"]["verbatim"]
    assert fields["value"]["constraints"]["minimum"] == 0
    assert res.primary_key == ("figure_id",)
    # The enum lists every key figure of the report, in the table's order.
    ids = ecove_data.load("key_figures", data_dir=DATA)["figure_id"].astype(str).tolist()
    assert fields["figure_id"]["constraints"]["enum"] == ids
    assert len(ids) == ROWS["key_figures"]


def test_ordered_categories_where_order_matters():
    pkg = read_package(DATA)
    ordered = {
        res.name: [f["name"] for f in res.fields if f.get("categoriesOrdered")]
        for res in pkg.tables
        if res.name in report_resources()
    }
    assert ordered["pact_sectors"] == ["sector"]
    assert ordered["activities"] == ["activity"]
    assert ordered["workshops"] == ["workshop"]
    assert ordered["roundtable_recommendations"] == ["recommendation"]


def test_open_lists_and_inferences_are_described():
    pkg = read_package(DATA)
    assert "more could be included" in pkg.resource("pact_sectors").raw["open_list"]
    assert "…" in pkg.resource("activities").raw["open_list"]
    sectors = {f["name"]: f for f in pkg.resource("pact_sectors").fields}
    assert "conference programme" in sectors["in_networking_workshops"]["description"]
    assert "microelectronics" in sectors["in_networking_workshops"]["derivation"]


def test_derived_and_consistency_rules():
    pkg = read_package(DATA)
    ids = [spec["indicator_id"] for spec in pkg.derived["indicators"]]
    assert ids[:4] == [
        "organisations_per_proposal",
        "non_eu_country_share",
        "automotive_eur_over_people_a_year",
        "automotive_implied_workforce",
    ]
    names = {rule["name"] for rule in pkg.consistency}
    assert {
        "countries_add_up",
        "networking_sectors_match",
        "workshops_match",
        "ecovem_citations_match",
        "all_recommendations_covered",
        "microelectronics_not_in_workshops",
    } <= names
    for rule in pkg.consistency:
        assert rule["description"]


def test_read_package_accepts_str_and_path(data_copy):
    assert read_package(str(data_copy)).data_dir == data_copy
    assert read_package(data_copy).resource("activities").primary_key == ("activity",)


def test_string_primary_key_and_list_primary_key(data_copy, edit_descriptor):
    def as_list(raw):
        for res in raw["resources"]:
            if res["name"] == "activities":
                res["schema"]["primaryKey"] = ["activity"]

    edit_descriptor(as_list)
    assert read_package(data_copy).resource("activities").primary_key == ("activity",)
    assert ecove_data.load("activities", data_dir=data_copy)["position"].tolist() == list(
        range(1, 9)
    )


def test_sha256_form():
    assert sha256(b"") == (
        "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_refresh_hashes_records_only_what_changed(data_copy):
    assert refresh_hashes(data_copy) == []
    before = (data_copy / "datapackage.json").read_bytes()
    path = data_copy / "workshops.csv"
    path.write_bytes(path.read_bytes() + b"")
    assert refresh_hashes(data_copy) == []
    assert (data_copy / "datapackage.json").read_bytes() == before
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\r\n"), encoding="utf-8")
    assert refresh_hashes(data_copy) == ["workshops"]
    raw = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
    entry = next(res for res in raw["resources"] if res["name"] == "workshops")
    assert entry["bytes"] == path.stat().st_size
    assert entry["hash"] == sha256(path.read_bytes())
    assert not list(data_copy.glob("*.tmp"))
    # Only the size and hash changed; CRLF line ends are still valid CSV.
    assert len(ecove_data.load("workshops", data_dir=data_copy)) == 5


def test_refresh_hashes_keeps_the_descriptor_readable(data_copy):
    path = data_copy / "activities.csv"
    path.write_text(path.read_text(encoding="utf-8") + "", encoding="utf-8")
    (data_copy / "activities.csv").write_bytes(path.read_bytes().replace(b",57\n", b",57\r\n"))
    refresh_hashes(data_copy)
    text = (data_copy / "datapackage.json").read_text(encoding="utf-8")
    assert "Métiers" in text  # written as UTF-8, not escaped
    assert text.endswith("}\n")
    assert re.search(r'\n  "resources": \[\n', text)


def test_refresh_hashes_on_a_missing_descriptor(tmp_path):
    with pytest.raises(DataError, match="no data package descriptor here"):
        refresh_hashes(tmp_path)


def test_refresh_hashes_on_a_missing_file(data_copy):
    (data_copy / "activities.csv").unlink()
    with pytest.raises(DataError) as info:
        refresh_hashes(data_copy)
    assert info.value.file == "activities.csv"
    assert info.value.rule == "file"
    assert "restore activities.csv" in str(info.value)


def test_default_data_dir_is_a_path():
    assert isinstance(default_data_dir(), Path)


# --- the descriptor's own keys -------------------------------------------------------------

# Maps from a table's column names to values: their keys are data, not descriptor keys.
COLUMN_MAPS = {"where", "rows"}


def places(raw: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], str]]:
    """Yield (path of the object, key) for every key of every object in the descriptor."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            yield path, key
            if key not in COLUMN_MAPS:
                yield from places(value, (*path, key))
    elif isinstance(raw, list):
        for at, item in enumerate(raw):
            yield from places(item, (*path, at))


def kind(path: tuple[Any, ...]) -> tuple[str, ...]:
    return tuple(part for part in path if isinstance(part, str))


def first_of_each_key() -> list[tuple[tuple[Any, ...], str]]:
    seen, cases = set(), []
    for path, key in places(RAW):
        if (kind(path), key) not in seen:
            seen.add((kind(path), key))
            cases.append((path, key))
    return cases


CASES = first_of_each_key()
PROJECT_KEYS = OWN_KEYS | RULE_KEYS


def misspell(key: str) -> str:
    return key[:-1] + ("x" if key[-1] != "x" else "y")


def at(raw: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        raw = raw[part]
    return raw


def test_every_project_key_is_covered():
    covered = {key for _, key in CASES}
    used = OWN_KEYS - {"$schema"}
    # Every key the project declares and the real descriptor uses is misspelt below.
    assert {"verbatim", "complete", "enumOrder", "reportOrder", "quoteIsVerbatimFields"} <= covered
    assert {"role", "open_list", "derivation", "patternHint", "unit", "reportLine"} <= covered
    assert {"derived", "consistency", "indicators", "numerator", "denominator"} <= covered
    assert {"sum_of", "rows_of", "fixed", "one_true_per", "context", "at_most"} <= covered
    assert used - covered == set(), "declared but unused keys: drop them from _OWN"


@pytest.mark.parametrize(
    ("path", "key"), CASES, ids=[f"{'.'.join(kind(p)) or 'package'}.{k}" for p, k in CASES]
)
def test_a_misspelt_key_is_refused_with_the_key_meant(tmp_path, path, key):
    raw = copy.deepcopy(RAW)
    target = at(raw, path)
    typo = misspell(key)
    renamed = {(typo if name == key else name): value for name, value in target.items()}
    target.clear()
    target.update(renamed)
    with pytest.raises(DataError) as info:
        read_package(write_descriptor(tmp_path, raw))
    err = info.value
    assert err.rule == "descriptor"
    assert err.file == str(tmp_path / "datapackage.json")
    assert f"unknown key {typo!r} in " in err.problem
    assert err.fix and f"did you mean {key!r}?" in err.fix
    # Where: the resource, the field and the rule are named.
    owners = []
    if path[:1] in (("resources",), ("consistency",)) and len(path) >= 2:
        owners.append(path[:2])
    if "fields" in path:
        owners.append(path[: path.index("fields") + 2])
    # An object whose own name is misspelt is named by its place instead.
    names = [at(RAW, owner)["name"] for owner in owners if not (key == "name" and owner == path)]
    for name in names:
        assert repr(name) in err.problem, (name, err.problem)


def test_a_misspelt_verbatim_no_longer_switches_the_check_off(data_copy, edit_descriptor):
    def typo(raw):
        spec = field(raw, "key_figures", "value")
        spec["verbatum"] = spec.pop("verbatim")

    edit_descriptor(typo)
    path = data_copy / "key_figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(",700000,", ",700001,"), encoding="utf-8"
    )
    with pytest.raises(DataError) as info:
        refresh_hashes(data_copy)
    assert "unknown key 'verbatum' in resource 'key_figures', schema, field 'value'" in str(
        info.value
    )
    with pytest.raises(DataError, match="did you mean 'verbatim'"):
        ecove_data.load("key_figures", data_dir=data_copy)


def test_standard_keys_stay_allowed(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["keywords"] = ["vocational excellence"]
    raw["version"] = "1.0.0"
    res = resource(raw, "key_figures")
    res["dialect"] = {"delimiter": ","}
    res["schema"]["missingValues"] = [""]
    res["schema"]["fields"][0]["example"] = "cove_call_2021_proposals"
    res["schema"]["fields"][0]["constraints"]["maxLength"] = 80
    pkg = read_package(write_descriptor(tmp_path, raw))
    assert pkg.resource("key_figures").raw["dialect"] == {"delimiter": ","}


def test_a_missing_source_resource(tmp_path):
    raw = copy.deepcopy(RAW)
    raw["resources"] = [res for res in raw["resources"] if res.get("role") != "source"]
    with pytest.raises(DataError) as info:
        read_package(write_descriptor(tmp_path, raw))
    assert "no resource has role 'source'" in info.value.problem
    assert info.value.rule == "descriptor"


MALFORMED = [
    (
        lambda raw: consistency_rule(raw, "countries_add_up").pop("equals"),
        "consistency rule 'countries_add_up' has no 'equals'",
        "give consistency rule 'countries_add_up' its 'equals'",
    ),
    (
        lambda raw: consistency_rule(raw, "workshops_match").update(table="workshops"),
        "is a 'rows_of' rule, which has no 'table'",
        "remove 'table'",
    ),
    (
        lambda raw: consistency_rule(raw, "workshops_match").update(sum_of=["day2_workshops"]),
        "has several kinds: sum_of, rows_of",
        "give it exactly one of",
    ),
    (
        lambda raw: field(raw, "key_figures", "value").update(verbatim="yes"),
        "field 'value': verbatim is \"yes\", not true or false",
        "write true or false",
    ),
    (
        lambda raw: resource(raw, "activities").update(role="contexts"),
        "resource 'activities' has role 'contexts'",
        "did you mean 'context'?",
    ),
    (
        lambda raw: raw["derived"]["indicators"][0].pop("numerator"),
        "derived, indicator 1 has no 'numerator'",
        "give derived, indicator 1 its 'numerator'",
    ),
    (
        lambda raw: resource(raw, "activities")["schema"].update(primaryKey="activty"),
        "names 'activty', which is not a field",
        "use one of: position, activity",
    ),
    (
        lambda raw: raw["resources"].append(copy.deepcopy(resource(raw, "activities"))),
        "two resources are called 'activities'",
        "give each resource its own name",
    ),
]

test_a_malformed_descriptor_is_a_data_error = descriptor_refusal_test(MALFORMED)
