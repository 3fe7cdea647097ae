"""The figure functions together: importing them lazily, their alt text, the house style."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import pytest
from figure_text import REPORT_FIGURES

import ecove_data
from ecove_data import figures
from ecove_data.figures._style import format_number, format_value

matplotlib.use("agg")


NAMES = REPORT_FIGURES


@pytest.mark.slow
def test_lazy_attribute_and_no_matplotlib_on_import():
    code = (
        "import sys, ecove_data; "
        "assert 'matplotlib' not in sys.modules and 'seaborn' not in sys.modules; "
        "f = ecove_data.figures; f.alt_text('activities'); "
        "assert 'matplotlib' not in sys.modules, 'figures imported matplotlib'; "
        "print(len(f.REGISTRY))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= len(NAMES)


def test_numbers_are_formatted_as_the_report_writes_them():
    assert format_number(1741) == "1741"
    assert format_number(7_000_000_000) == "7\u00a0billion"
    assert format_number(700_000) == "700\u00a0000"
    assert format_value(500, "count", "more_than") == ">\u00a0500"


# --- the data flows into the figures and their alt text ------------------------------------


def test_alt_text_carries_the_numbers():
    alt = {name: figures.alt_text(name) for name in NAMES}
    assert "84 proposals, 1741 organisations and 55 countries" in alt["call_2021_at_a_glance"]
    assert "20.7 organisations per proposal" in alt["call_2021_at_a_glance"]
    assert "27 EU countries and 28 non-EU countries" in alt["call_2021_countries"]
    assert "6 of the 7" in alt["pact_sectors_workshops"]
    assert (
        "Microelectronics (ECoVEM's sector by the project's name," in alt["pact_sectors_workshops"]
    )
    assert "14\u00a0000\u00a0000" in alt["automotive_coalition"]
    assert "= €10\u00a0000, a ratio and not a cost per person" in alt["automotive_coalition"]
    assert "6 of the 6 are covered" in alt["roundtable_recommendations"]
    assert "8. VET attractiveness" in alt["activities"]
    assert "none for Learner\u2019s mobility schemes" in alt["day2_workshops"]
    assert "more than 500" in alt["key_figures_panel"]
    for name, text in alt.items():
        assert text == figures.REGISTRY[name].alt_text(
            {t: ecove_data.load(t) for t in figures.REGISTRY[name].tables}
        )


# --- style ------------------------------------------------------------------------------------


def test_the_style_file_is_shipped_and_applied():
    assert figures.STYLE_FILE.is_file()
    fig = figures.call_2021_countries()
    assert fig.texts == [] and fig.axes[0].title.get_fontsize() == 9
    import matplotlib as mpl

    # The style is applied while drawing, not left behind in the caller's settings.
    assert mpl.rcParams["svg.hashsalt"] != "ecove-data"
