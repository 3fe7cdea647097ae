"""Loading: tables, values, dtypes, fresh frames, other data folders, cache and names."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import typing

import pandas as pd
import pytest
from conftest import DATA, ROWS, clean_env, report_resources

import ecove_data
from ecove_data import DataError, UnknownDatasetError
from ecove_data._descriptor import refresh_hashes

REQUIRED = {
    "key_figures": ["figure_id", "label", "value", "unit", "qualifier", "quote", "line"],
    "roundtable_recommendations": ["recommendation", "covered_by_ecovem", "quote", "line"],
    "pact_sectors": ["sector", "in_networking_workshops", "quote", "line"],
    "pact_initiatives": ["initiative", "description", "quote", "line"],
    "activities": ["position", "activity", "quote", "line"],
    "workshops": ["workshop", "conclusion", "quote", "line"],
    "ecovem_citations": ["speaker", "role", "organisation", "quote", "line"],
}
KEY_FIGURES = {
    "cove_call_2021_proposals": (84, "count", "exact"),
    "cove_call_2021_organisations": (1741, "count", "exact"),
    "cove_call_2021_countries": (55, "count", "exact"),
    "cove_call_2021_countries_eu": (27, "count", "exact"),
    "cove_call_2021_countries_non_eu": (28, "count", "exact"),
    "campus_des_metiers_excellence": (43, "count", "exact"),
    "pact_for_skills_members": (500, "count", "more_than"),
    "automotive_upskilling_share": (5, "percent", "exact"),
    "automotive_upskilling_people": (700000, "people_per_year", "exact"),
    "automotive_upskilling_eur": (7000000000, "eur", "exact"),
    "pact_sectors_in_networking_workshops": (6, "count", "exact"),
    "day2_workshops": (5, "count", "exact"),
    "ecovem_citations": (2, "count", "exact"),
}


def test_report_tables_are_the_required_ones():
    # The tables the report's figures need are there, in their order; a table added to the
    # descriptor later may follow them without being listed here.
    report = report_resources()
    assert [name for name in report if name in ROWS] == list(ROWS)
    names = ecove_data.datasets()
    assert names[: len(report)] == report
    assert names[len(report)] == "derived_indicators"


@pytest.mark.parametrize(("name", "rows"), ROWS.items())
def test_rows_and_required_columns(name, rows):
    frame = ecove_data.load(name)
    assert len(frame) == rows
    assert set(REQUIRED[name]) <= set(frame.columns)
    assert frame.index.equals(pd.RangeIndex(rows))
    assert frame["quote"].notna().all()
    assert (frame["line"] >= 1).all()


def test_key_figures():
    figures = ecove_data.load("key_figures").set_index("figure_id")
    loaded = {
        str(fid): (int(row["value"]), str(row["unit"]), str(row["qualifier"]))
        for fid, row in figures.iterrows()
    }
    assert loaded == KEY_FIGURES
    assert figures.loc["cove_call_2021_proposals", "line"] == 44
    assert figures.loc["cove_call_2021_proposals", "quote"].startswith("84 projects")


def test_lists_in_report_order():
    assert ecove_data.load("pact_sectors")["sector"].tolist() == [
        "Aerospace and Defence",
        "Automotive industry",
        "Microelectronics",
        "Shipbuilding",
        "Offshore Renewable Energies",
        "Textiles",
        "Tourism",
    ]
    sectors = ecove_data.load("pact_sectors").set_index("sector")["in_networking_workshops"]
    assert sectors.sum() == 6
    assert not sectors["Microelectronics"]
    recommendations = ecove_data.load("roundtable_recommendations")
    assert recommendations["covered_by_ecovem"].all()
    assert recommendations["recommendation"].iloc[0] == (
        "To create connections between the different specializations"
    )
    activities = ecove_data.load("activities")
    assert activities["position"].tolist() == list(range(1, 9))
    assert activities["activity"].iloc[-1] == "VET attractiveness"
    workshops = ecove_data.load("workshops")
    assert workshops["workshop"].iloc[0] == "Learner’s mobility schemes"  # noqa: RUF001
    assert pd.isna(workshops["conclusion"].iloc[0])
    assert workshops["conclusion"].iloc[1:].notna().all()
    citations = ecove_data.load("ecovem_citations")
    assert citations["speaker"].tolist() == ["Joao Santos", "Boudewijn Grievink"]
    assert citations["organisation"].tolist()[1] == "Katapult"
    assert pd.isna(citations["role"].iloc[1])
    initiatives = ecove_data.load("pact_initiatives")
    assert initiatives["initiative"].tolist() == ["Fashion green up", "Automotive skills coalition"]


def test_dtypes_come_from_the_descriptor():
    sectors = ecove_data.load("pact_sectors")
    assert sectors["position"].dtype == "Int64"
    assert sectors["in_networking_workshops"].dtype == "boolean"
    assert sectors["quote"].dtype == "string"
    assert sectors["sector"].dtype == pd.CategoricalDtype(sectors["sector"].tolist(), ordered=True)
    assert sectors["sector"].min() == "Aerospace and Defence"
    assert sectors["sector"].max() == "Tourism"
    for name, column in [
        ("roundtable_recommendations", "recommendation"),
        ("activities", "activity"),
        ("workshops", "workshop"),
    ]:
        frame = ecove_data.load(name)
        dtype = frame[column].dtype
        assert isinstance(dtype, pd.CategoricalDtype)
        assert dtype.ordered
        assert list(dtype.categories) == frame[column].tolist()
    figures = ecove_data.load("key_figures")
    assert figures["value"].dtype == "Int64"
    assert figures["line"].dtype == "Int64"
    assert list(figures["unit"].cat.categories) == ["count", "percent", "eur", "people_per_year"]
    assert list(figures["qualifier"].cat.categories) == ["exact", "more_than"]
    assert not figures["unit"].cat.ordered
    citations = ecove_data.load("ecovem_citations")
    assert citations["role"].dtype == "string"
    assert citations["detail"].dtype == "string"


def test_dtypes_match_describe():
    for name in [*ROWS, "derived_indicators"]:
        frame = ecove_data.load(name)
        dictionary = ecove_data.describe(name).set_index("column")
        assert list(dictionary.index) == list(frame.columns)
        for column, dtype in frame.dtypes.items():
            expected = "category" if isinstance(dtype, pd.CategoricalDtype) else str(dtype)
            assert dictionary.loc[column, "dtype"] == expected


def test_every_call_returns_a_new_frame():
    first = ecove_data.load("key_figures")
    first.loc[0, "value"] = 0
    first.loc[0, "quote"] = "changed"
    del first["label"]
    again = ecove_data.load("key_figures")
    assert again.loc[0, "value"] == 84
    assert again.loc[0, "quote"].startswith("84 projects")
    assert len(again) == ROWS["key_figures"]
    assert "label" in again.columns
    assert again is not ecove_data.load("key_figures")


def test_load_all_returns_new_frames():
    frames = ecove_data.load_all()
    frames["pact_sectors"].loc[2, "in_networking_workshops"] = True
    frames["derived_indicators"].loc[0, "value"] = 0.0
    del frames["workshops"]
    again = ecove_data.load_all()
    assert not again["pact_sectors"].loc[2, "in_networking_workshops"]
    assert again["derived_indicators"].loc[0, "value"] == pytest.approx(1741 / 84)
    assert "workshops" in again
    assert ecove_data.load("pact_sectors")["in_networking_workshops"].sum() == 6


def test_load_all_matches_load():
    frames = ecove_data.load_all()
    assert list(frames) == ecove_data.datasets()
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, ecove_data.load(name))


def _correct_investment(data_dir):
    """A corrected copy: the report, key_figures and pact_initiatives say 8 billion euros."""
    for name in ["raw/coves-conference-report.txt", "key_figures.csv", "pact_initiatives.csv"]:
        path = data_dir / name
        text = path.read_text(encoding="utf-8")
        assert "7 billion euros" in text
        text = text.replace("7 billion euros", "8 billion euros")
        path.write_text(text.replace(",7000000000,eur,", ",8000000000,eur,"), encoding="utf-8")
    assert refresh_hashes(data_dir) == ["report", "key_figures", "pact_initiatives"]
    return data_dir


def _investment(frame):
    return frame.set_index("figure_id").loc["automotive_upskilling_eur", "value"]


def test_data_dir_points_at_a_corrected_copy(data_copy):
    _correct_investment(data_copy)
    assert _investment(ecove_data.load("key_figures", data_dir=data_copy)) == 8_000_000_000
    assert _investment(ecove_data.load("key_figures", data_dir=str(data_copy))) == 8_000_000_000
    assert _investment(ecove_data.load_all(data_dir=data_copy)["key_figures"]) == 8_000_000_000
    assert _investment(ecove_data.load("key_figures")) == 7_000_000_000


def test_environment_variable_points_at_a_corrected_copy(data_copy, monkeypatch):
    _correct_investment(data_copy)
    monkeypatch.setenv("ECOVE_DATA_DIR", str(data_copy))
    assert _investment(ecove_data.load("key_figures")) == 8_000_000_000
    assert _investment(ecove_data.load_all()["key_figures"]) == 8_000_000_000
    assert ecove_data.datasets()[: len(ROWS)] == report_resources()[: len(ROWS)]
    # An explicit data_dir wins over the variable.
    assert _investment(ecove_data.load("key_figures", data_dir=DATA)) == 7_000_000_000
    monkeypatch.delenv("ECOVE_DATA_DIR")
    assert _investment(ecove_data.load("key_figures")) == 7_000_000_000


def test_environment_variable_pointing_nowhere(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOVE_DATA_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(DataError, match="the data folder does not exist"):
        ecove_data.load("key_figures")


def test_cache_notices_an_edited_file(data_copy):
    assert _investment(ecove_data.load("key_figures", data_dir=data_copy)) == 7_000_000_000
    _correct_investment(data_copy)
    assert _investment(ecove_data.load("key_figures", data_dir=data_copy)) == 8_000_000_000


def test_cache_notices_an_edit_that_keeps_size_and_time(data_copy):
    # A copy tool that keeps times (cp -p, rsync -t, unzip) can change a file without
    # changing its size or modification time.
    path = data_copy / "activities.csv"
    stat = path.stat()
    assert ecove_data.load("activities", data_dir=data_copy)["line"].iloc[-1] == 57
    path.write_bytes(path.read_bytes().replace(b"attractiveness,57", b"attractiveness,58"))
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    with pytest.raises(DataError, match="hash"):
        ecove_data.load("activities", data_dir=data_copy)


def test_cache_notices_a_removed_file(data_copy):
    assert len(ecove_data.load("workshops", data_dir=data_copy)) == 5
    (data_copy / "workshops.csv").unlink()
    with pytest.raises(DataError, match="the file is missing"):
        ecove_data.load("workshops", data_dir=data_copy)


# --- frames kept for the next process -------------------------------------------------------


@pytest.fixture
def store(tmp_path, monkeypatch):
    """An empty cache folder of the user's, and no frames kept in this process."""
    from ecove_data import _load

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(_load, "_CACHE", {})
    return tmp_path / "cache" / "ecove-data" / "frames"


def _validation_forbidden(monkeypatch):
    from ecove_data import _load

    def validate(pkg):
        raise AssertionError("validated again")

    monkeypatch.setattr(_load, "_CACHE", {})
    monkeypatch.setattr(_load, "_read_all", validate)


def test_a_later_process_gets_the_frames_validation_made(store, data_copy):
    first = ecove_data.load_all(data_dir=data_copy)
    assert len(list(store.glob("*.pickle"))) == 1
    # A new process, whose validation would fail: the frames come from the store.
    code = (
        "import ecove_data, ecove_data._load as load\n"
        "load._read_all = lambda pkg: 1 / 0\n"
        f"frames = ecove_data.load_all(data_dir={str(data_copy)!r})\n"
        "print(sorted(frames), int(frames['key_figures']['value'].sum()))"
    )
    env = clean_env(XDG_CACHE_HOME=str(store.parents[1]))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"{sorted(first)} {int(first['key_figures']['value'].sum())}"


def test_kept_frames_are_the_validated_ones_values_and_types(store, data_copy, monkeypatch):
    first = ecove_data.load_all(data_dir=data_copy)
    _validation_forbidden(monkeypatch)
    again = ecove_data.load_all(data_dir=data_copy)
    assert list(again) == list(first)
    for name, frame in first.items():
        pd.testing.assert_frame_equal(again[name], frame, check_exact=True)
        assert list(again[name].dtypes) == list(frame.dtypes), name


def test_an_edit_after_frames_were_kept_is_validated(store, data_copy):
    ecove_data.load_all(data_dir=data_copy)
    from ecove_data import _load

    _load._CACHE.clear()
    path = data_copy / "activities.csv"
    path.write_bytes(path.read_bytes().replace(b"attractiveness,57", b"attractiveness,58"))
    with pytest.raises(DataError, match="hash"):
        ecove_data.load("activities", data_dir=data_copy)


def test_only_frames_that_passed_validation_are_kept(store, data_copy):
    (data_copy / "workshops.csv").unlink()
    with pytest.raises(DataError, match="the file is missing"):
        ecove_data.load_all(data_dir=data_copy)
    assert not store.exists() or not list(store.glob("*.pickle"))


def test_a_damaged_store_is_validated_again_and_mended(store, data_copy):
    first = ecove_data.load_all(data_dir=data_copy)
    (kept,) = store.glob("*.pickle")
    kept.write_bytes(kept.read_bytes()[:100])
    from ecove_data import _load

    _load._CACHE.clear()
    again = ecove_data.load_all(data_dir=data_copy)
    pd.testing.assert_frame_equal(again["key_figures"], first["key_figures"])
    assert pickle.loads(kept.read_bytes())["key_figures"].shape == first["key_figures"].shape


def test_a_cache_folder_that_cannot_be_written_loses_nothing(tmp_path, monkeypatch, data_copy):
    from ecove_data import _load

    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(_load, "_CACHE", {})
    assert len(ecove_data.load("workshops", data_dir=data_copy)) == 5


def test_the_store_keeps_the_newest_few(store, data_copy, monkeypatch):
    from ecove_data import _load

    monkeypatch.setattr(_load, "_KEEP", 2)
    descriptor = data_copy / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    for copy in range(3):  # three versions of the data, each valid
        _load._CACHE.clear()
        raw["description"] = f"Version {copy} of the data"
        descriptor.write_text(json.dumps(raw, indent=2), encoding="utf-8")
        ecove_data.load_all(data_dir=data_copy)
    assert len(list(store.glob("*.pickle"))) == 2


@pytest.mark.parametrize(
    ("name", "closest"),
    [
        ("pact_sector", "pact_sectors"),
        ("keyfigures", "key_figures"),
        ("workshop", "workshops"),
        ("derived", "derived_indicators"),
    ],
)
def test_unknown_name_suggests_the_closest(name, closest):
    with pytest.raises(UnknownDatasetError) as info:
        ecove_data.load(name)
    err = info.value
    assert err.name == name
    assert err.suggestion == closest
    assert err.valid == ecove_data.datasets()
    assert f"unknown dataset {name!r}" in str(err)
    assert f"Did you mean {closest!r}?" in str(err)
    assert "Valid names: " + ", ".join(ecove_data.datasets()) in str(err)
    with pytest.raises(UnknownDatasetError, match=f"Did you mean {closest!r}"):
        ecove_data.describe(name)


def test_unknown_name_without_a_close_one():
    with pytest.raises(UnknownDatasetError) as info:
        ecove_data.load("zzz")
    assert info.value.suggestion is None
    assert "Did you mean" not in str(info.value)
    assert "Valid names: key_figures, " in str(info.value)
    assert isinstance(info.value, LookupError)


def test_the_report_itself_is_not_a_table():
    with pytest.raises(UnknownDatasetError, match="unknown dataset 'report'"):
        ecove_data.load("report")
    with pytest.raises(UnknownDatasetError, match="unknown dataset 'report'"):
        ecove_data.describe("report")


@pytest.mark.parametrize("name", [*ROWS, "derived_indicators"])
def test_describe(name):
    dictionary = ecove_data.describe(name)
    assert list(dictionary.columns) == [
        "column",
        "type",
        "dtype",
        "unit",
        "required",
        "description",
    ]
    assert dictionary["column"].tolist() == ecove_data.load(name).columns.tolist()
    assert dictionary["description"].str.len().gt(10).all()
    assert dictionary["type"].isin(["string", "integer", "number", "boolean"]).all()
    assert dictionary["required"].dtype == "boolean"


def test_describe_values():
    figures = ecove_data.describe("key_figures").set_index("column")
    assert figures.loc["value", "type"] == "integer"
    assert figures.loc["value", "dtype"] == "Int64"
    assert figures.loc["line", "unit"] == "line number"
    assert figures.loc["figure_id", "dtype"] == "category"
    assert bool(figures.loc["quote", "required"])
    assert "verbatim" in figures.loc["quote", "description"]
    citations = ecove_data.describe("ecovem_citations").set_index("column")
    assert not citations.loc["role", "required"]
    derived = ecove_data.describe("derived_indicators").set_index("column")
    assert derived.loc["value", "dtype"] == "Float64"
    assert derived.loc["derived", "dtype"] == "boolean"


def test_dataset_name_literal_equals_datasets():
    names = list(typing.get_args(ecove_data.DatasetName))
    report_names = [name for name in ecove_data.datasets() if name in ROWS]
    assert [name for name in names if name in ROWS] == report_names
    # Every name the package has (context tables included) is in the Literal, and no other.
    assert set(names) == set(ecove_data.datasets())


def test_info_reads_the_descriptor():
    about = ecove_data.info("activities")
    assert about["role"] == "report" and about["derived"] is False
    assert about["title"] == "Main activities of the 2021 call proposals"
    assert "ends with" in about["open_list"]
    assert "open_list" not in ecove_data.info("key_figures")
    assert ecove_data.info("context_cove_calls")["role"] == "context"
    derived = ecove_data.info("derived_indicators")
    assert (derived["role"], derived["derived"]) == ("report", True)


def test_info_of_an_unknown_table_suggests_the_closest():
    with pytest.raises(UnknownDatasetError, match="Did you mean 'activities'"):
        ecove_data.info("activity")
    with pytest.raises(UnknownDatasetError):
        ecove_data.info("report")  # the raw report is a resource, not a table


def test_report_path_is_the_report_the_quotes_stand_in(data_copy):
    path = ecove_data.report_path()
    assert path == DATA / "raw" / "coves-conference-report.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    figures = ecove_data.load("key_figures")
    for quote, line in zip(figures["quote"], figures["line"], strict=True):
        start = " ".join(quote.split()[:2])
        assert start in " ".join(lines[line - 1].split()), (quote, line)
    assert ecove_data.report_path(data_dir=data_copy) == data_copy / "raw" / path.name
