"""The deliverable file: what it gives, what it defaults to, and the one line each mistake gets."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import ecove_data
from ecove_data._errors import UsageError
from ecove_data.report._deliverable import (
    DISCLAIMERS,
    DISSEMINATION_LEVELS,
    STATEMENTS,
    DeliverableError,
    load_deliverable,
)

SHIPPED = ROOT / "notebooks" / "deliverable.toml"


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deliverable.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = SHIPPED.read_text(encoding="utf-8")
    assert old in text, old
    return _write(tmp_path, text.replace(old, new, 1))


def _error(path: Path) -> str:
    with pytest.raises(DeliverableError) as caught:
        load_deliverable(path)
    message = str(caught.value)
    assert "\n" not in message, "one line"
    assert message.startswith(f"{path}: ")
    return message.removeprefix(f"{path}: ")


def test_the_shipped_file_takes_the_project_from_context_ecovem() -> None:
    d = load_deliverable(SHIPPED)
    ecovem = ecove_data.load("context_ecovem").set_index("attribute")
    grant = ecovem.loc["grant_number"]
    assert d.project_number == grant["value"] == "620101-EPP-1-2020-1-BG-EPPKA3-VET-COVE"
    assert d.number_source == grant["source_url"]
    # The page's title is the acronym and the full name joined by an en dash.
    assert f"{d.acronym} \u2013 {d.full_name}" == grant["source_title"]
    assert d.period == "2014-2020"
    assert d.statement == "Co-funded by the Erasmus+ Programme of the European Union"
    assert d.disclaimer.startswith("This project has been funded with support from the")
    assert d.history[-1].version == d.version
    assert isinstance(d.date, dt.date)


def test_values_written_in_the_file_win_and_name_the_file_as_source(tmp_path: Path) -> None:
    path = _edited(
        tmp_path,
        "# number = ",
        'acronym = "X"\nfull_name = "Example"\nnumber = "101000000"\n# ',
    )
    d = load_deliverable(path)
    assert (d.acronym, d.full_name, d.project_number) == ("X", "Example", "101000000")
    assert d.number_source == str(path)


def test_the_2021_2027_period_has_its_own_statement_and_disclaimer(tmp_path: Path) -> None:
    d = load_deliverable(_edited(tmp_path, 'period = "2014-2020"', 'period = "2021-2027"'))
    assert d.statement == STATEMENTS["2021-2027"] == "Co-funded by the European Union"
    assert d.disclaimer == DISCLAIMERS["2021-2027"]
    assert "(EACEA)" in d.disclaimer


def test_a_quoted_iso_date_is_read_as_a_date(tmp_path: Path) -> None:
    path = _edited(
        tmp_path, 'version = "0.1"\ndate = 2026-12-01', 'version = "0.1"\ndate = "2026-12-01"'
    )
    assert load_deliverable(path).date == dt.date(2026, 12, 1)


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "subtitle = ",
            "subtitel = ",
            "unknown key 'subtitel' at the top level; did you mean 'subtitle'? valid keys "
            "there: title, subtitle, short_title, language, project, deliverable, history",
        ),
        (
            'lead_partner = "to be assigned"\n',
            'lead_partner = "to be assigned"\nleadpartner = "x"\n',
            "unknown key 'deliverable.leadpartner' in [deliverable]; did you mean 'lead_partner'?",
        ),
        (
            'lead_partner = "to be assigned"\n',
            "",
            "deliverable.lead_partner: missing; it is required",
        ),
        (
            'dissemination = "PU"',
            'dissemination = "Public"',
            "deliverable.dissemination: 'Public' is not a dissemination level; use one of PU "
            "(Public), SEN (Sensitive, limited under the conditions of the Grant Agreement), "
            "R-UE/EU-R",
        ),
        (
            'version = "0.1"\ndate = 2026-12-01',
            'version = "0.1"\ndate = "31/12/2026"',
            "deliverable.date: '31/12/2026' is not a date; write it as 2024-10-31",
        ),
        (
            'version = "0.1"\ndate = 2026-12-01',
            'version = "0.1"\ndate = "2026-13-01"',
            "deliverable.date: '2026-13-01' is not a date",
        ),
        (
            'version = "0.1"\ndate = 2026-12-01\n\n[[deliverable.authors]]',
            'version = "0.2"\ndate = 2026-12-01\n\n[[deliverable.authors]]',
            "history: the last entry is version '0.1', not the deliverable's version '0.2'; "
            "add a [[history]] entry for it at the end",
        ),
        (
            'period = "2014-2020"',
            'period = "2014"',
            "project.period: '2014' is not a programme period; use 2014-2020 or 2021-2027",
        ),
        ('language = "en-GB"', 'language = "English"', "language: 'English' is not a language tag"),
        ('title = "What', 'title = 3\n# "What', "title: must be text in quotes, not 3"),
        (
            'organisation = "ECoVEM consortium"',
            'organization = "ECoVEM consortium"',
            "unknown key 'deliverable.authors[1].organization' in [deliverable.authors[1]]; "
            "did you mean 'organisation'?",
        ),
    ],
    ids=[
        "unknown-top",
        "unknown-nested",
        "missing",
        "dissemination",
        "not-a-date",
        "month-13",
        "history",
        "period",
        "language",
        "not-text",
        "author-key",
    ],
)
def test_each_mistake_gets_one_line_saying_where(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert expected in _error(_edited(tmp_path, old, new))


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    assert "not valid TOML" in _error(_write(tmp_path, "title = \n"))
    with pytest.raises(DeliverableError, match="does not exist; write one"):
        load_deliverable(tmp_path / "none.toml")
    assert issubclass(DeliverableError, UsageError)


def test_the_list_of_dissemination_levels() -> None:
    assert list(DISSEMINATION_LEVELS) == ["PU", "SEN", "R-UE/EU-R", "C-UE/EU-C", "S-UE/EU-S"]


def test_make_report_passes_the_deliverable_file() -> None:
    if shutil.which("make") is None:
        pytest.skip("make is not installed")
    dry = subprocess.run(
        ["make", "--no-print-directory", "-n", "report", "DELIVERABLE=other.toml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    line = next(line for line in dry.stdout.splitlines() if "ecove_data.report" in line)
    assert line.endswith('--deliverable "other.toml"')


@pytest.mark.slow
def test_a_bad_deliverable_file_stops_the_command_before_anything_runs(tmp_path: Path) -> None:
    path = _edited(tmp_path, 'dissemination = "PU"', 'dissemination = "CO"')
    out = tmp_path / "out"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ecove_data",
            "report",
            "--deliverable",
            str(path),
            "--out",
            str(out),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(
        f"ecove-data: {path}: deliverable.dissemination: 'CO' is not a dissemination level"
    )
    assert done.stderr.count("\n") == 1
    assert not out.exists(), "nothing written, not even the folder"
