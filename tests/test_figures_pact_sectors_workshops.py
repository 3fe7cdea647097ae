"""ecove_data.figures.pact_sectors_workshops: the sectors in the workshops, ECoVEM's set apart."""

from __future__ import annotations

import matplotlib
from figure_text import flat

import ecove_data

matplotlib.use("agg")


def test_pact_sectors_workshops(all_figures):
    fig = all_figures["pact_sectors_workshops"]
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [str(s) for s in ecove_data.load("pact_sectors")["sector"]]
    assert labels[2] == "Microelectronics"
    assert ax.get_yticklabels()[2].get_fontweight() == "bold"
    assert fig.get_suptitle() == (
        "The networking workshops were relevant for 6 of the 7 named sectors"
    )
    assert "ECoVEM's sector, by the project's name" in flat(fig)
    # Membership only: markers in a yes (x=0) or no (x=1) column, no bars.
    xs = [line.get_xdata()[0] for line in ax.lines if line.get_marker() in ("o", "D")]
    assert xs == [0, 0, 1, 0, 0, 0, 0]
    assert not ax.containers
    assert "more could be included" in flat(fig)
