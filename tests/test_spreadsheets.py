"""Tables saved by spreadsheets load after `ecove-data rehash`, with the same values.

Each variant is made by the rules of the program that writes it, on every table of a
copy of data/: Excel's "CSV UTF-8" (a byte-order mark and CRLF line ends), LibreOffice
Calc with "quote all text cells" (text quoted; numbers, dates and booleans bare, booleans
as TRUE / FALSE), and CRLF line ends alone. One test also saves every table with the real
LibreOffice, where it is installed (CI installs it).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import DATA, clean_env, run

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import refresh_hashes

TABLES = [
    res["path"]
    for res in json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))["resources"]
    if res["path"].endswith(".csv")
]
NUMBER = re.compile(r"-?\d+(\.\d+)?")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BOOLEAN = {"true": "TRUE", "false": "FALSE"}


def rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def excel(table: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return "\ufeff".encode() + out.getvalue().encode("utf-8")


def crlf(table: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(table)
    return out.getvalue().encode("utf-8")


def libreoffice(table: list[list[str]]) -> bytes:
    def cell(value: str, header: bool) -> str:
        if not header and value in BOOLEAN:
            return BOOLEAN[value]
        if value == "" or (not header and (NUMBER.fullmatch(value) or DATE.fullmatch(value))):
            return value
        return '"' + value.replace('"', '""') + '"'

    lines = [",".join(cell(v, at == 0) for v in row) for at, row in enumerate(table)]
    return ("\n".join(lines) + "\n").encode("utf-8")


VARIANTS: dict[str, Callable[[list[list[str]]], bytes]] = {
    "excel-csv-utf8": excel,
    "libreoffice-quoted": libreoffice,
    "crlf": crlf,
}


@pytest.fixture(scope="module")
def original() -> dict[str, pd.DataFrame]:
    return ecove_data.load_all(data_dir=DATA)


def assert_same_frames(data_dir: Path, original: dict[str, pd.DataFrame]) -> None:
    frames = ecove_data.load_all(data_dir=data_dir)
    assert list(frames) == list(original)
    for name, frame in frames.items():
        pd.testing.assert_frame_equal(frame, original[name], obj=name)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_table_saved_by_a_spreadsheet_loads_the_same(variant, data_copy, original):
    for table in TABLES:
        path = data_copy / table
        saved = VARIANTS[variant](rows(path))
        assert saved != path.read_bytes(), table
        path.write_bytes(saved)
    # The loader refuses the saved files until the change is recorded...
    with pytest.raises(DataError, match="rehash"):
        ecove_data.load_all(data_dir=data_copy)
    # ...and after `ecove-data rehash`, as the README says, they load with the same values.
    result = subprocess.run(
        [sys.executable, "-m", "ecove_data", "rehash", "--data-dir", str(data_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("updated: ")
    assert_same_frames(data_copy, original)


def test_the_variants_follow_their_programs_rules():
    table = [["a", "flag", "day"], ["x, y", "true", "2022-02-03"]]
    assert excel(table) == b'\xef\xbb\xbfa,flag,day\r\n"x, y",true,2022-02-03\r\n'
    assert libreoffice(table) == b'"a","flag","day"\n"x, y",TRUE,2022-02-03\n'
    assert crlf(table) == b'a,flag,day\r\n"x, y",true,2022-02-03\r\n'


def test_a_bom_is_not_part_of_the_header(data_copy):
    path = data_copy / "key_figures.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    refresh_hashes(data_copy)
    frame = ecove_data.load("key_figures", data_dir=data_copy)
    assert frame.columns[0] == "figure_id"


def test_a_bad_cell_names_the_row_a_spreadsheet_shows(data_copy):
    # pact_sectors.csv: the header is row 1 in a spreadsheet, Microelectronics row 4.
    path = data_copy / "pact_sectors.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    assert lines[3].startswith("3,Microelectronics,false,")
    lines[3] = lines[3].replace(",false,", ",maybe,")
    path.write_text("".join(lines), encoding="utf-8")
    refresh_hashes(data_copy)
    with pytest.raises(DataError) as info:
        ecove_data.load("pact_sectors", data_dir=data_copy)
    assert str(info.value).startswith(
        "pact_sectors.csv, row 4, column 'in_networking_workshops': 'maybe' is not a boolean"
    )
    assert info.value.row == 3  # the data row, header not counted
    assert info.value.sheet_row == 4


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")
def test_every_table_saved_by_the_real_libreoffice(data_copy, original, tmp_path):
    """Open every table in LibreOffice Calc and save it as CSV with every text cell quoted."""
    out = tmp_path / "saved"
    profile = tmp_path / "profile"
    sources = {}
    for table in TABLES:
        # LibreOffice names each output after its input: give the inputs unique names.
        flat = table.replace("/", "__")
        shutil.copy(data_copy / table, tmp_path / flat)
        sources[flat] = table
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--infilter=CSV:44,34,76,1",
        "--convert-to",
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true",
        "--outdir",
        str(out),
        *(str(tmp_path / flat) for flat in sources),
    ]
    result = run(command, env=clean_env(HOME=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    quoted = 0
    for flat, table in sources.items():
        saved = (out / flat).read_bytes()
        quoted += saved.startswith(b'"')
        (data_copy / table).write_bytes(saved)
    assert quoted == len(TABLES)  # every header cell is text, so quoted
    refresh_hashes(data_copy)
    assert_same_frames(data_copy, original)


def _calc_to_xlsx(files: list[Path], out: Path, tmp_path: Path) -> list[Path]:
    """Open each file in LibreOffice Calc, as a colleague would, and save it as .xlsx."""
    command = [
        str(SOFFICE),
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "xlsx",
        "--outdir",
        str(out),
        *map(str, files),
    ]
    result = run(command, env=clean_env(HOME=str(tmp_path)))
    assert result.returncode == 0, result.stderr
    return [out / f"{path.stem}.xlsx" for path in files]


def _formula_cells(book_path: Path, original: Path | None = None) -> list[str]:
    """Every formula cell, but for a logical value: LibreOffice writes a true/false cell of
    the ``original`` workbook as the formula =TRUE() or =FALSE() with its value."""
    import openpyxl

    book = openpyxl.load_workbook(book_path)
    source = openpyxl.load_workbook(original) if original else None
    found = []
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                before = source[sheet.title][cell.coordinate] if source else None
                logical = before is not None and before.data_type == "b"
                if not (logical and cell.value == f"={str(before.value).upper()}()"):
                    found.append(f"{sheet.title}!{cell.coordinate}: {cell.value}")
    return found


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (CI installs it)")
def test_libreoffice_finds_no_formula_in_the_exports(edit_table, tmp_path):
    hyperlink = '=HYPERLINK("http://example.org/","click me")'
    # A description may say anything (it reaches the workbook only, as text); a label that
    # is a signed number is not a formula for any spreadsheet.
    edit_table.field("key_figures", "label", lambda spec: spec.update(description=hyperlink))
    edit_table.csv("key_figures", "Proposals submitted to the 2021 Erasmus+ call for CoVEs", "-5")
    csvs = ecove_data.export("csv", tmp_path / "csv", data_dir=edit_table.dir)
    (workbook,) = ecove_data.export("xlsx", tmp_path / "xlsx", data_dir=edit_table.dir)
    # The check can fail: LibreOffice does run a CSV cell that starts with "=".
    oracle = tmp_path / "oracle.csv"
    oracle.write_text("a\n=1+1\n", encoding="utf-8")
    saved = _calc_to_xlsx([*csvs, workbook, oracle], tmp_path / "saved", tmp_path)
    *tables, book, control = saved
    assert _formula_cells(control) == ["oracle!A2: =1+1"]
    for table in tables:
        assert _formula_cells(table) == [], table.name
    assert _formula_cells(book, workbook) == []
    import openpyxl

    dictionary = openpyxl.load_workbook(book)["data_dictionary"]
    descriptions = [row[6].value for row in dictionary.iter_rows() if row[1].value == "label"]
    assert descriptions[0] == hyperlink
