"""The README's recipe for a new report table, followed on a copy of data/.

A table is its CSV and its entry in the descriptor: after `ecove-data rehash` the loader, the
command line, the exports and the generated names take it up, and every rule the descriptor
states for it is checked, with no code or list to extend.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import DATA

import ecove_data
from ecove_data import _codegen
from ecove_data.cli import main

NAME = "event_tone"
CSV = (
    "position,phrase,quote,line\n1,a really “political” event,It was a really “political” event,8\n"
)


def entry() -> dict[str, object]:
    """The descriptor entry the README's recipe writes, copied from a table like it."""
    return {
        "name": NAME,
        "path": f"{NAME}.csv",
        "role": "report",
        "title": "How the report characterises the event",
        "description": "The report's words on the kind of event it was, in report order.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "profile": "tabular-data-resource",
        "schema": {
            "fields": [
                {
                    "name": "position",
                    "type": "integer",
                    "title": "Position",
                    "description": "1-based position of the phrase in the report.",
                    "reportOrder": True,
                    "constraints": {"required": True, "unique": True, "minimum": 1},
                },
                {
                    "name": "phrase",
                    "type": "string",
                    "title": "Phrase",
                    "description": "The report's phrase, as it stands.",
                    "verbatim": True,
                    "constraints": {"required": True},
                },
                {
                    "name": "quote",
                    "type": "string",
                    "title": "Quote",
                    "description": "Excerpt of the report that supports this row.",
                    "constraints": {"required": True, "minLength": 3},
                },
                {
                    "name": "line",
                    "type": "integer",
                    "title": "Line",
                    "description": "1-based line of the report where the quote starts.",
                    "unit": "line number",
                    "constraints": {"required": True, "minimum": 1},
                },
            ],
            "primaryKey": "position",
        },
    }


@pytest.fixture
def with_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A copy of data/ with the new table added as the recipe says, rehashed."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    (copy / f"{NAME}.csv").write_text(CSV, encoding="utf-8")
    descriptor = copy / "datapackage.json"
    raw = json.loads(descriptor.read_text(encoding="utf-8"))
    last_report = max(i for i, res in enumerate(raw["resources"]) if res.get("role") == "report")
    raw["resources"].insert(last_report + 1, entry())
    descriptor.write_text(json.dumps(raw, indent=2, ensure_ascii=False), encoding="utf-8")
    assert main(["rehash", "--data-dir", str(copy)]) == 0
    assert f"updated: {NAME}" in capsys.readouterr().out
    return copy


def test_a_new_table_is_loaded_listed_and_exported(
    with_table: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    names = ecove_data.datasets("report", data_dir=with_table)
    assert names[-2:] == [NAME, "derived_indicators"]
    frame = ecove_data.load(NAME, data_dir=with_table)
    assert frame["phrase"].tolist() == ["a really “political” event"]
    assert str(frame["phrase"].dtype) == "string"
    assert frame["line"].tolist() == [8]
    assert ecove_data.info(NAME, data_dir=with_table)["role"] == "report"
    described = ecove_data.describe(NAME, data_dir=with_table)
    assert described["column"].tolist() == ["position", "phrase", "quote", "line"]
    assert main(["validate", "--data-dir", str(with_table)]) == 0
    assert capsys.readouterr().out.startswith("valid: ")
    written = ecove_data.export("csv", tmp_path / "out", data_dir=with_table)
    assert tmp_path / "out" / f"{NAME}.csv" in written


def test_the_generated_names_take_it_up(with_table: Path) -> None:
    text = _codegen.typing_source(with_table)
    assert f'    "{NAME}",\n    "derived_indicators",' in text
    # The package's own file does not list it: `make generate` is the step that adds it.
    assert f'"{NAME}"' not in _codegen.TYPING_FILE.read_text(encoding="utf-8")


def test_its_rules_are_checked_with_no_code(with_table: Path) -> None:
    path = with_table / f"{NAME}.csv"
    path.write_text(CSV.replace("event,8", "event,9"), encoding="utf-8")
    assert main(["rehash", "--data-dir", str(with_table)]) == 0
    with pytest.raises(ecove_data.DataError) as info:
        ecove_data.load(NAME, data_dir=with_table)
    err = info.value
    assert (err.file, err.column, err.rule) == (f"{NAME}.csv", "line", "quote")
    assert "the quote starts on line 8 of the report, not line 9" in err.problem
