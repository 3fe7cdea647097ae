"""Exports: every table as CSV files, one xlsx workbook and one Markdown file."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import DATA

import ecove_data
from ecove_data import DataError
from ecove_data._export import FORMATS, export, to_markdown


def _text(value) -> str:
    if pd.isna(value):
        return ""
    if isinstance(value, pd.Timestamp) and value == value.normalize():
        return value.strftime("%Y-%m-%d")
    return str(value)


def _as_text(frame: pd.DataFrame) -> list[list[str]]:
    return [[_text(value) for value in row] for row in frame.itertuples(index=False)]


def test_formats():
    assert FORMATS == ("csv", "xlsx", "md")


def test_csv_equals_the_tables(tmp_path):
    frames = ecove_data.load_all()
    written = export("csv", tmp_path / "out")
    assert written == [tmp_path / "out" / f"{name}.csv" for name in frames]
    for name, frame in frames.items():
        back = pd.read_csv(tmp_path / "out" / f"{name}.csv", dtype=str, keep_default_na=False)
        assert list(back.columns) == list(frame.columns)
        assert back.values.tolist() == _as_text(frame), name
    figures = pd.read_csv(tmp_path / "out" / "key_figures.csv").set_index("figure_id")
    assert figures.loc["automotive_upskilling_eur", "value"] == 7_000_000_000
    raw = (tmp_path / "out" / "workshops.csv").read_text(encoding="utf-8")
    assert "Learner’s mobility schemes" in raw  # noqa: RUF001
    assert "\r" not in raw


def test_xlsx_has_a_sheet_per_table_and_a_data_dictionary(tmp_path):
    frames = ecove_data.load_all()
    (target,) = export("xlsx", tmp_path)
    assert target == tmp_path / "ecove-data.xlsx"
    sheets = pd.read_excel(target, sheet_name=None, dtype=str, keep_default_na=False)
    assert list(sheets) == [name[:31] for name in frames] + ["data_dictionary"]
    for name, frame in frames.items():
        sheet = sheets[name[:31]]
        assert list(sheet.columns) == list(frame.columns)
        assert len(sheet) == len(frame)
    figures = pd.read_excel(target, sheet_name="key_figures").set_index("figure_id")
    assert figures.loc["cove_call_2021_organisations", "value"] == 1741
    assert figures.loc["pact_for_skills_members", "qualifier"] == "more_than"
    sectors = pd.read_excel(target, sheet_name="pact_sectors")
    assert sectors["in_networking_workshops"].tolist() == [True, True, False] + [True] * 4
    derived = pd.read_excel(target, sheet_name="derived_indicators").set_index("indicator_id")
    assert derived.loc["organisations_per_proposal", "value"] == pytest.approx(1741 / 84)
    dictionary = sheets["data_dictionary"]
    assert list(dictionary.columns) == [
        "table",
        "column",
        "type",
        "dtype",
        "unit",
        "required",
        "description",
    ]
    for name, frame in frames.items():
        columns = dictionary.loc[dictionary["table"] == name, "column"].tolist()
        assert columns == list(frame.columns), name
    line = dictionary[(dictionary["table"] == "key_figures") & (dictionary["column"] == "line")]
    assert line["unit"].tolist() == ["line number"]


def test_xlsx_with_openpyxl(tmp_path):
    import openpyxl

    (target,) = export("xlsx", tmp_path)
    book = openpyxl.load_workbook(target, read_only=True)
    sheet = book["workshops"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("position", "workshop", "conclusion", "quote", "line")
    assert len(rows) == 6
    assert rows[1][2] is None
    assert rows[5][4] == 80


def test_md_has_every_table(tmp_path):
    frames = ecove_data.load_all()
    (target,) = export("md", tmp_path)
    assert target == tmp_path / "ecove-data.md"
    text = target.read_text(encoding="utf-8")
    sections = text.split("## ")[1:]
    assert [section.split("\n", 1)[0] for section in sections] == [*frames, "data_dictionary"]
    for section, (name, frame) in zip(sections, frames.items(), strict=False):
        table = [line for line in section.splitlines() if line.startswith("|")]
        assert table[0] == "| " + " | ".join(frame.columns) + " |"
        assert len(table) == len(frame) + 2, name
    assert "| cove_call_2021_organisations | " in text
    assert "| 1741 | count | exact |" in text


def test_to_markdown_escapes_and_blanks():
    frame = pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["x|y", "two\nlines"]})
    assert to_markdown(frame) == "| a | b |\n|---|---|\n| 1 | x\\|y |\n|  | two lines |"


def test_export_refuses_a_bad_format(tmp_path):
    with pytest.raises(
        ValueError, match="unknown export format 'pdf'; choose one of: csv, xlsx, md"
    ):
        export("pdf", tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_of_broken_data_writes_nothing(fmt, edit_csv, tmp_path):
    data_dir = edit_csv("activities", "VET attractiveness,57", "VET attractiveness,58")
    with pytest.raises(DataError, match="set line to 57"):
        export(fmt, tmp_path / "out", data_dir=data_dir)
    assert not (tmp_path / "out").exists()


def test_export_from_a_corrected_copy(data_copy, tmp_path):
    path = data_copy / "key_figures.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "EU countries among them", "EU member states among them"
        ),
        encoding="utf-8",
    )
    ecove_data._descriptor.refresh_hashes(data_copy)
    export("csv", tmp_path, data_dir=data_copy)
    assert "EU member states among them" in (tmp_path / "key_figures.csv").read_text(
        encoding="utf-8"
    )
    export("csv", tmp_path / "real", data_dir=DATA)
    assert "EU member states" not in (tmp_path / "real" / "key_figures.csv").read_text(
        encoding="utf-8"
    )


def test_export_overwrites_and_leaves_no_temporary_files(tmp_path):
    (tmp_path / "activities.csv").write_text("old", encoding="utf-8")
    export("csv", tmp_path)
    text = (tmp_path / "activities.csv").read_text(encoding="utf-8-sig")
    assert text.startswith("position,activity")
    export("md", tmp_path)
    export("xlsx", tmp_path)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_public_export_writes_the_markdown(tmp_path):
    (written,) = ecove_data.export("md", tmp_path)
    text = written.read_text(encoding="utf-8")
    assert written == tmp_path / "ecove-data.md"
    assert "## pact_sectors" in text and "| 3 | Microelectronics | False |" in text
