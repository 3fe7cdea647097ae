"""Exports: every table as CSV files, one xlsx workbook and one Markdown file."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import refresh_hashes
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
    assert to_markdown(frame) == "| a | b |\n|---|---|\n| 1 | x\\|y |\n|  | two<br>lines |"


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


# --- what leaves the package is exactly the data -------------------------------------------

HYPERLINK = '=HYPERLINK("http://example.org/","click me")'


def test_xlsx_text_that_looks_like_a_formula_is_a_text_cell(edit_table, tmp_path):
    import openpyxl

    # Descriptions are not checked for formulas (they never reach a CSV): a Word user may
    # write anything there. In the workbook they must stay text.
    edit_table.field("key_figures", "label", lambda spec: spec.update(description=HYPERLINK))
    (target,) = export("xlsx", tmp_path, data_dir=edit_table.dir)
    sheet = openpyxl.load_workbook(target)["data_dictionary"]
    (cell,) = [row[6] for row in sheet.iter_rows() if row[1].value == "label"][:1]
    assert (cell.data_type, cell.value) == ("s", HYPERLINK)
    book = openpyxl.load_workbook(target)
    assert "f" not in {c.data_type for s in book for row in s.iter_rows() for c in row}


def _markdown_cells(line: str) -> list[str]:
    """The cells of one row of a GFM table as a reader gets them: escapes undone, <br> a line."""
    inner = line.strip()[1:-1]
    cells = re.split(r"(?<!\\)\|", inner)
    token = re.compile(r"\\([!-/:-@\[-`{-~])|<br>")
    return [token.sub(lambda m: m.group(1) or "\n", cell[1:-1]) for cell in cells]


def _pandoc_cell_text(line: str, header: str) -> tuple[str, set[str]]:
    """The text pandoc's GFM reader shows in the first data cell, and the kinds of node in it."""
    import pypandoc

    table = "\n".join([header, "|" + "---|" * (header.count("|") - 1), line]) + "\n"
    done = subprocess.run(
        [pypandoc.get_pandoc_path(), "-f", "gfm", "-t", "json"],
        input=table.encode(),
        capture_output=True,
        check=True,
    )
    body = json.loads(done.stdout)["blocks"][0]["c"][4][0][3][0][1][0][4]
    words, kinds = [], set()
    stack = list(reversed(body))
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(reversed(node))
        elif isinstance(node, dict):
            kinds.add(node["t"])
            if node["t"] == "Str":
                words.append(node["c"])
            elif node["t"] in ("Space", "SoftBreak"):
                words.append(" ")
            elif node["t"] == "LineBreak" or (node["t"] == "RawInline" and node["c"][1] == "<br>"):
                words.append("\n")
            else:
                stack.extend(reversed(node.get("c", []) if isinstance(node.get("c"), list) else []))
    return "".join(words), kinds


FREE_TEXT = st.one_of(
    st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=30),
    st.lists(
        st.sampled_from(
            [
                "*x*",
                "_",
                "<b>",
                "&amp;",
                "#",
                "@ref",
                "[1]",
                "$a$",
                "\\",
                '"',
                "|",
                "\n",
                "\r\n",
                "中文",
                "Ελληνικά",
                "عربى",
                " ",
                "1.",
                "- ",
                ":smile:",
                "`",
                "=",
                "+",
                "~~",
            ]
        ),
        min_size=1,
        max_size=8,
    ).map("".join),
)


def _copy_with_label(data: Path, text: str) -> Path:
    """A copy of the data at ``data`` whose first key figure's label is ``text``, rehashed."""
    shutil.copytree(DATA, data)
    path = data / "key_figures.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    rows[1][1] = text
    out = io.StringIO(newline="")
    # Every cell quoted, as a spreadsheet does for text, so a lone carriage return stays
    # inside its cell.
    csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    refresh_hashes(data)
    return data


def _first_markdown_row(folder: Path) -> str:
    """The first data row of the key figures' table in the Markdown export in ``folder``."""
    md = (folder / "ecove-data.md").read_text(encoding="utf-8")
    # Lines end at "\n" only, as in Markdown: str.splitlines would also end one at a
    # character such as U+0085, which a Markdown reader keeps inside its line.
    return md.split("## key_figures\n\n", 1)[1].split("\n")[2]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FREE_TEXT)
# Found by the property: a character Python ends a line at, and Markdown does not; a lone
# carriage return, which Python's CSV writer quotes only when it ends its lines with one.
@example("0\x850")
@example("0\r0")
def test_free_text_survives_every_export_and_reading_it_back(text):
    with tempfile.TemporaryDirectory() as tmp:
        data = _copy_with_label(Path(tmp) / "data", text)
        try:
            frame = ecove_data.load("key_figures", data_dir=data)
        except DataError as err:
            # Refused for a reason the README gives, never an error of another kind.
            assert err.rule in {"whitespace", "formula", "control"}, err
            return
        assert frame.loc[0, "label"] == text
        folder = Path(tmp) / "out"
        for fmt in FORMATS:
            export(fmt, folder, data_dir=data)
        back = pd.read_csv(folder / "key_figures.csv", dtype=str, keep_default_na=False)
        assert back.loc[0, "label"] == text, "csv"
        import openpyxl

        cell = openpyxl.load_workbook(folder / "ecove-data.xlsx")["key_figures"]["B2"]
        assert (cell.data_type, cell.value) == ("s", text), "xlsx"
        row = _first_markdown_row(folder)
        # A table cell cannot hold a line break: it is written <br>, read back as one.
        one_line = re.sub(r"\r\n|\r", "\n", text)
        assert _markdown_cells(row)[1] == one_line, "md"
        shown, kinds = _pandoc_cell_text("| " + row.split(" | ", 2)[1] + " |", "| label |")
        assert kinds <= {"Plain", "Str", "Space", "SoftBreak", "LineBreak", "RawInline"}, kinds
        squash = lambda s: re.sub(r"[ \t]*\n[ \t]*", "\n", re.sub(r"[ \t]+", " ", s))  # noqa: E731
        assert squash(shown) == squash(one_line), "md as a reader shows it"


def test_a_line_separator_that_markdown_does_not_read_as_one_stays_in_its_cell(tmp_path):
    # U+0085 (NEXT LINE) and U+2028 end a line for Python, not for Markdown: the cell keeps
    # them as typed, on one line of the table, and pandoc reads them back inside the cell.
    text = "0\x850\u20280"
    data = _copy_with_label(tmp_path / "data", text)
    export("md", tmp_path / "out", data_dir=data)
    row = _first_markdown_row(tmp_path / "out")
    assert _markdown_cells(row)[1] == text
    shown, _ = _pandoc_cell_text("| " + row.split(" | ", 2)[1] + " |", "| label |")
    assert shown == text
