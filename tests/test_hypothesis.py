"""Random edits to the data: loading returns the true data or raises DataError, nothing else.

Each example copies ``data/`` to a fresh temporary folder (hypothesis runs many examples in
one test call, so pytest's function-scoped ``tmp_path`` cannot be used), edits one report
table, and loads the copy.

What the rules cannot tell apart, and how the test treats it:

- ``key_figures.label`` is left out of the cell edits: it is free text written for this
  package (what the number counts, in plain words), so no rule can tell a correction from a
  mistake.
- The quotes of ``key_figures`` and ``pact_sectors`` may come back different: a quote is any
  excerpt of the report, starting on the row's line, that states the row's values, and the
  rules accept every such excerpt (the sector name alone, or another row's quote that states
  the same number). The other columns of those tables must still be the true ones. (In the
  other report tables the quote is exactly the row's values, rule ``quoteIsVerbatimFields``.)
"""

from __future__ import annotations

import csv
import io
import shutil
import tempfile
from pathlib import Path

import pandas as pd
from conftest import DATA, report_resources
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import refresh_hashes

TABLES = report_resources()
FREE_TEXT = {("key_figures", "label")}
EDITORIAL_QUOTES = {"key_figures", "pact_sectors"}
TRUTH = ecove_data.load_all(data_dir=DATA)
SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rows(table: str) -> list[list[str]]:
    text = (DATA / f"{table}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text, newline="")))


def _write(rows: list[list[str]]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _checkable(table: str, header: list[str]) -> list[int]:
    return [i for i, name in enumerate(header) if (table, name) not in FREE_TEXT]


@st.composite
def edits(draw) -> tuple[str, str, str]:
    """One random edit of one report table: (table, description, new text of the CSV)."""
    table = draw(st.sampled_from(TABLES))
    rows = _rows(table)
    header, body = rows[0], rows[1:]
    columns = _checkable(table, header)
    kind = draw(
        st.sampled_from(["random text", "other cell", "blank", "drop row", "duplicate", "swap"])
    )
    row = draw(st.integers(0, len(body) - 1))
    col = draw(st.sampled_from(columns))
    if kind == "random text":
        body[row][col] = draw(st.text(max_size=30))
    elif kind == "other cell":
        body[row][col] = draw(st.sampled_from([cell for line in body for cell in line]))
    elif kind == "blank":
        body[row][col] = ""
    elif kind == "drop row":
        del body[row]
    elif kind == "duplicate":
        body.insert(draw(st.integers(0, len(body))), list(body[row]))
    else:
        other = draw(st.integers(0, len(body) - 1))
        body[row][col], body[other][col] = body[other][col], body[row][col]
    what = f"{kind} in {table}, row {row + 1}, column {header[col]}"
    return table, what, _write([header, *body])


def _assert_true_data(frames: dict[str, pd.DataFrame], what: str) -> None:
    assert list(frames) == list(TRUTH), what
    for name, frame in frames.items():
        truth = TRUTH[name]
        if name in EDITORIAL_QUOTES:
            frame, truth = frame.drop(columns="quote"), truth.drop(columns="quote")
        pd.testing.assert_frame_equal(frame, truth, obj=f"{name} after {what}")


@SETTINGS
@given(edits())
def test_a_random_edit_loads_the_truth_or_raises_data_error(edit):
    table, what, text = edit
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(DATA, copy)
        (copy / f"{table}.csv").write_text(text, encoding="utf-8")
        refresh_hashes(copy)
        try:
            frames = ecove_data.load_all(data_dir=copy)
        except DataError:
            return
        _assert_true_data(frames, what)


FILES = sorted(path.relative_to(DATA).as_posix() for path in DATA.rglob("*.csv"))


@st.composite
def byte_edits(draw) -> tuple[str, bytes, bytes]:
    """Replace, insert or delete a few bytes anywhere in any CSV: (file, old bytes, new bytes)."""
    name = draw(st.sampled_from(FILES))
    data = (DATA / name).read_bytes()
    start = draw(st.integers(0, len(data)))
    end = draw(st.integers(start, min(len(data), start + 4)))
    new = draw(st.binary(max_size=4))
    return name, data, data[:start] + new + data[end:]


@SETTINGS
@given(byte_edits())
def test_a_byte_edit_without_rehash_raises_data_error(edit):
    name, old, new = edit
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "data"
        shutil.copytree(DATA, copy)
        (copy / name).write_bytes(new)
        if new == old:
            _assert_true_data(ecove_data.load_all(data_dir=copy), f"no change to {name}")
            return
        try:
            ecove_data.load_all(data_dir=copy)
        except DataError as err:
            assert err.rule in {"bytes", "hash"}, err
            assert err.file == name
            assert "ecove-data rehash" in str(err)
        else:
            raise AssertionError(f"{name} was changed without a new hash, and it loaded")
