"""The context figures together: alt text without matplotlib, their numbers and sources, edits."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import pytest
from figure_text import CONTEXT_FIGURES, texts

import ecove_data
from ecove_data import figures

matplotlib.use("agg")


NAMES = CONTEXT_FIGURES


@pytest.mark.slow
def test_alt_text_needs_no_matplotlib():
    code = (
        "import sys, ecove_data; f = ecove_data.figures; "
        + "; ".join(f"f.alt_text({name!r})" for name in NAMES)
        + "; assert 'matplotlib' not in sys.modules, 'alt text imported matplotlib'"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_alt_text_carries_the_numbers_and_sources():
    alt = {name: figures.alt_text(name) for name in NAMES}
    calls = alt["cove_calls_over_time"]
    assert "2021: 84 applications, 13 selected" in calls
    assert "2021 15.5 % (13 of 84)" in calls
    assert "2023: applications not given, 15 selected" in calls
    assert "derived" in calls and "dzs.cz" in calls
    pact = alt["pact_membership_growth"]
    assert "more than 450 (Nov 2021)" in pact and "1000 (10 Nov 2022)" in pact
    assert "The report's own snapshot, more than 500 (3 Feb 2022)" in pact
    assert "launch on 10 Nov 2020 (no count given)" in pact
    campus = alt["campus_excellence_growth"]
    assert "(23 \u2192 40 \u2192 43)" in campus
    assert "The report states the same 43." in campus
    for name, text in alt.items():
        spec = figures.REGISTRY[name]
        assert text == spec.alt_text({t: ecove_data.load(t) for t in spec.tables})


def test_corrected_pact_and_campus_values(edit_csv):
    edit_csv(
        "context/pact_membership",
        "2023,1500,exact",
        "2023,1600,exact",
    )
    data = edit_csv(
        "context/campus_excellence",
        "2021-03-18,40,11",
        "2021-03-18,41,11",
    )
    pact = figures.alt_text("pact_membership_growth", data_dir=data)
    assert "1600 (2023)" in pact and "1500" not in pact
    assert "1600" in [
        t.split("\n")[0] for t in texts(figures.draw("pact_membership_growth", data_dir=data))
    ]
    campus = figures.alt_text("campus_excellence_growth", data_dir=data)
    assert "(23 \u2192 41 \u2192 43)" in campus and "41 on 18 Mar 2021" in campus
    fig = figures.draw("campus_excellence_growth", data_dir=data)
    assert fig.get_suptitle() == "Campuses of excellence: 23 \u2192 41 \u2192 43"
