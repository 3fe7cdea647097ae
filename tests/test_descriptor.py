"""The descriptor: where the data lives, what it says, and refreshing its hashes."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pytest
from conftest import DATA, REPORT, ROOT, ROWS, report_resources

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import default_data_dir, read_package, refresh_hashes, sha256

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


def test_resource_lookup():
    pkg = read_package(DATA)
    assert pkg.resource("workshops").path == "workshops.csv"
    assert pkg.resource("workshops").tabular
    assert not pkg.source.tabular
    assert pkg.source.role == "source"
    with pytest.raises(KeyError):
        pkg.resource("nothing")
    assert [res.name for res in pkg.tables][: len(ROWS)] == report_resources()


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
