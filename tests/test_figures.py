"""The figure functions: what each one shows, its alt text, and the house style."""

from __future__ import annotations

import subprocess
import sys

import matplotlib
import pytest
from conftest import DATA
from figure_text import REPORT_FIGURES, drawn, flat, texts
from matplotlib.figure import Figure

import ecove_data
from ecove_data import figures
from ecove_data.figures._style import format_number, format_value

matplotlib.use("agg")

NAMES = REPORT_FIGURES


@pytest.fixture(scope="module")
def all_figures() -> dict[str, Figure]:
    return {name: figures.REGISTRY[name].draw() for name in NAMES}


# --- the registry and the API --------------------------------------------------------------


def test_registry_names_every_required_figure_in_order():
    assert list(figures.REGISTRY)[: len(NAMES)] == NAMES
    for name in NAMES:
        spec = figures.REGISTRY[name]
        assert spec.name == name
        assert spec.draw is getattr(figures, name)
        assert spec.title and spec.caption.endswith(".")
        assert set(spec.tables) <= set(ecove_data.datasets())


def test_titles_and_captions_are_the_words_of_captions_toml():
    import tomllib

    from ecove_data.figures._registry import CAPTIONS_FILE

    words = tomllib.loads(CAPTIONS_FILE.read_text(encoding="utf-8"))
    package = [f.__name__ for f in (*figures.REPORT_FIGURES, *figures.CONTEXT_FIGURES)]
    assert list(words) == package == list(figures.REGISTRY)
    for name in package:
        spec = figures.REGISTRY[name]
        assert (spec.title, spec.caption) == (words[name]["title"], words[name]["caption"])


def test_each_figure_function_takes_and_documents_exactly_the_tables_it_reads():
    import inspect

    for name, spec in figures.REGISTRY.items():
        params = inspect.signature(spec.draw).parameters.values()
        assert [p.name for p in params] == list(spec.tables), name
        assert all(p.kind is p.KEYWORD_ONLY and p.default is None for p in params), name
        assert all(p.annotation == "pd.DataFrame | None" for p in params), name
        documented = (spec.draw.__doc__ or "").split("Parameters\n    ----------\n")[1]
        documented = documented.split("\n\n    Returns")[0].split("\n\n    Examples")[0]
        named = [line.split(" : ")[0].strip() for line in documented.splitlines() if " : " in line]
        assert named == list(spec.tables), name


def test_registry_entries_are_frozen():
    with pytest.raises(AttributeError):
        figures.REGISTRY["activities"].title = "x"  # type: ignore[misc]


def test_unknown_figure_lists_valid_names():
    with pytest.raises(figures.UnknownFigureError) as info:
        figures.spec("activity")
    assert "Did you mean 'activities'?" in str(info.value)
    assert "key_figures_panel" in str(info.value)


def test_register_refuses_a_second_figure_of_the_same_name():
    with pytest.raises(ValueError, match="already registered"):
        figures.register(title="t", caption="c.", tables=(), alt_text=lambda f: "")(
            figures.activities
        )


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


def test_functions_return_figures_and_accept_frames():
    workshops = ecove_data.load("workshops")
    fig = figures.day2_workshops(workshops=workshops.iloc[:3])
    assert isinstance(fig, Figure)
    assert "for 2 of the 3 workshops" in fig.get_suptitle()


# --- what each figure shows ----------------------------------------------------------------


def test_call_2021_at_a_glance(all_figures):
    fig = all_figures["call_2021_at_a_glance"]
    shown = texts(fig)
    for number in ("84", "1741", "55", "20.7"):
        assert number in shown
    assert "derived: 1741 / 84" in shown
    # The derived tile is the only dashed one.
    styles = [patch.get_linestyle() for patch in fig.axes[0].patches]
    assert styles == ["solid", "solid", "solid", "dashed"]


def test_call_2021_countries(all_figures):
    fig = all_figures["call_2021_countries"]
    ax = fig.axes[0]
    assert ax.get_title() == "55 countries"
    text = flat(fig)
    assert "27 EU" in text and "28 non-EU" in text
    assert "50.9 % (derived: 28 / 55)" in text
    squares = ax.patches
    assert len(squares) == 55
    assert sum(1 for p in squares if p.get_hatch()) == 28


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


def test_automotive_coalition(all_figures):
    fig = all_figures["automotive_coalition"]
    shown = texts(fig)
    # Numbers as the figures write them: no-break spaces, so none breaks across lines.
    for value in (
        "5\u00a0%",
        "700\u00a0000",
        "7\u00a0billion",
        "14\u00a0000\u00a0000",
        "€10\u00a0000",
    ):
        assert value in shown
    text = flat(fig)
    assert "derived: 700\u00a0000 / 5\u00a0%" in text
    assert "derived: 7\u00a0billion / 700\u00a0000" in text
    dashed = [p for p in fig.axes[0].patches if p.get_linestyle() == "dashed"]
    assert len(dashed) == 2


def test_roundtable_recommendations(all_figures):
    fig = all_figures["roundtable_recommendations"]
    ax = fig.axes[0]
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    expected = [str(r) for r in ecove_data.load("roundtable_recommendations")["recommendation"]]
    assert labels == expected and len(labels) == 6
    assert fig.get_suptitle() == "6 of the 6 recommendations are covered by ECoVEM"
    xs = [line.get_xdata()[0] for line in ax.lines if line.get_marker() in ("o", "D")]
    assert xs == [0] * 6


def test_activities_is_an_ordered_list_without_sizes(all_figures):
    fig = all_figures["activities"]
    ax = fig.axes[0]
    shown = [t.get_text() for t in ax.texts]
    frame = ecove_data.load("activities")
    expected = []
    for position, name in zip(frame["position"], frame["activity"], strict=True):
        expected += [str(position), str(name)]
    assert shown == expected
    assert not ax.containers and not ax.patches and not ax.axison
    assert "no sizes" in flat(fig)


def test_day2_workshops(all_figures):
    fig = all_figures["day2_workshops"]
    ax = fig.axes[0]
    assert fig.get_suptitle() == "The report gives a conclusion for 4 of the 5 workshops"
    labels = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert labels[0] == "Learner\u2019s mobility schemes"
    xs = [line.get_xdata()[0] for line in ax.lines if line.get_marker() in ("o", "D")]
    assert xs == [1, 0, 0, 0, 0]


def test_key_figures_panel(all_figures):
    fig = all_figures["key_figures_panel"]
    shown = texts(fig)
    for value in ("84", "1741", "55", "27", "28", "43", ">\u00a0500", "5\u00a0%", "700\u00a0000"):
        assert value in shown
    assert "20.7" in shown
    assert "500" not in shown, "more than 500 must read as a lower bound"
    assert "lower bound" in shown
    assert "derived: 1741 / 84" in shown
    assert len(fig.axes[0].patches) == len(ecove_data.load("key_figures")) + 1
    styles = [patch.get_linestyle() for patch in fig.axes[0].patches]
    assert styles.count("dashed") == 1 and styles.count("dotted") == 1


@pytest.mark.parametrize("name", ["call_2021_at_a_glance", "key_figures_panel"])
def test_tile_text_stays_inside_its_tile(all_figures, name):
    fig, renderer = drawn(all_figures[name])
    ax = fig.axes[0]
    frames = [patch.get_window_extent(renderer) for patch in ax.patches]
    for text in ax.texts[: 3 * len(frames)]:
        box = text.get_window_extent(renderer)
        if text.get_text().startswith("Solid frame"):
            continue
        assert any(
            frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1) for frame in frames
        ), f"{text.get_text()!r} leaves its tile"


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


def test_a_corrected_value_changes_figure_and_alt_text(edit_csv, edit_report):
    # A corrected report (28 EU + 27 non-EU) and the two rows corrected to match it.
    edit_report("(27 EU + 28 non-EU)", "(28 EU + 27 non-EU)")
    edit_csv("key_figures", "55 countries (27 EU + 28 non-EU)", "55 countries (28 EU + 27 non-EU)")
    edit_csv("key_figures", ",27,count,exact,27 EU,", ",28,count,exact,28 EU,")
    data = edit_csv("key_figures", ",28,count,exact,28 non-EU,", ",27,count,exact,27 non-EU,")
    alt = figures.alt_text("call_2021_countries", data_dir=data)
    assert "28 EU countries and 27 non-EU countries" in alt
    assert "non-EU share, 49.1 %" in alt
    fig = figures.draw("call_2021_countries", data_dir=data)
    assert "■ 28 EU" in texts(fig) and "27 non-EU ▨" in texts(fig)
    assert sum(1 for p in fig.axes[0].patches if p.get_hatch()) == 27
    assert figures.alt_text("call_2021_countries") != alt


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


# --- style ------------------------------------------------------------------------------------


def test_the_style_file_is_shipped_and_applied():
    assert figures.STYLE_FILE.is_file()
    fig = figures.call_2021_countries()
    assert fig.texts == [] and fig.axes[0].title.get_fontsize() == 9
    import matplotlib as mpl

    # The style is applied while drawing, not left behind in the caller's settings.
    assert mpl.rcParams["svg.hashsalt"] != "ecove-data"


def test_long_labels_wrap():
    fig = figures.roundtable_recommendations()
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert max(len(line) for label in labels for line in label.split("\n")) <= 44
    assert any("\n" in label for label in labels)
