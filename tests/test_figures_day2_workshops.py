"""ecove_data.figures.day2_workshops: which workshops the report gives a conclusion for."""

from __future__ import annotations

import matplotlib
from conftest import DATA
from matplotlib.figure import Figure

import ecove_data
from ecove_data import figures

matplotlib.use("agg")


def test_functions_return_figures_and_accept_frames():
    workshops = ecove_data.load("workshops")
    fig = figures.day2_workshops(workshops=workshops.iloc[:3])
    assert isinstance(fig, Figure)
    assert "for 2 of the 3 workshops" in fig.get_suptitle()


def test_day2_workshops(all_figures):
    fig = all_figures["day2_workshops"]
    ax = fig.axes[0]
    assert fig.get_suptitle() == "The report gives a conclusion for 4 of the 5 workshops"
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels[0] == "Learner\u2019s mobility schemes"
    xs = [line.get_xdata()[0] for line in ax.lines if line.get_marker() in ("o", "D")]
    assert xs == [1, 0, 0, 0, 0]


def test_a_removed_conclusion_changes_figure_and_alt_text(edit_csv):
    row = next(
        line
        for line in (DATA / "workshops.csv").read_text(encoding="utf-8").splitlines()
        if line.startswith("3,Joint qualification")
    )
    data = edit_csv(
        "workshops",
        row,
        "3,Joint qualification recognition programmes,,Joint qualification recognition "
        "programmes," + row.rsplit(",", 1)[1],
    )
    alt = figures.alt_text("day2_workshops", data_dir=data)
    assert "a conclusion for 3 of them" in alt
    assert "Learner\u2019s mobility schemes and Joint qualification recognition programmes" in alt
    fig = figures.draw("day2_workshops", data_dir=data)
    assert fig.get_suptitle() == "The report gives a conclusion for 3 of the 5 workshops"
