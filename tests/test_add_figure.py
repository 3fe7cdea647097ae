"""The README's recipe "Add a figure", followed in a temporary module: one decorated function.

The figure is registered by importing its module, and the registry, ``figures.NAME``,
``__all__``-style lookup, the ``ecove-data figures`` command, the manifest and the gallery
all pick it up with no list to extend.
"""

from __future__ import annotations

import importlib
import json
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import DATA, ROOT, clean_env, run

import ecove_data
from ecove_data import figures
from ecove_data.cli import main

MODULE = "extra_ecove_figures"
NAME = "workshop_count_demo"
SOURCE = textwrap.dedent(
    '''
    """A figure added outside the package, as the README's recipe says."""

    from __future__ import annotations

    from ecove_data.figures import register
    from ecove_data.figures._style import COLOURS, format_number, join_labels, new_figure


    def _demo_facts(*, workshops):
        names = [str(x) for x in workshops["workshop"]]
        return {"count": format_number(len(names)), "names": names}


    def _demo_alt(f):
        return f"The number {f['count']}, for the workshops {join_labels(f['names'])}."


    @register(
        title="Workshops, counted",
        caption="How many workshops the report names.",
        facts=_demo_facts,
        alt_text=_demo_alt,
    )
    def workshop_count_demo(f):
        fig = new_figure("half", 5)
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.text(0.5, 0.5, f["count"], ha="center", fontsize=20, color=COLOURS["stated"])
        return fig
    '''
)


@pytest.fixture
def added(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    (tmp_path / f"{MODULE}.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert NAME not in figures.REGISTRY
    try:
        yield importlib.import_module(MODULE)
    finally:
        figures.REGISTRY.pop(NAME, None)
        sys.modules.pop(MODULE, None)


def test_importing_the_module_registers_the_figure(added):
    spec = figures.REGISTRY[NAME]
    assert spec.tables == ("workshops",)
    assert spec.caption == "How many workshops the report names."
    assert figures.spec(NAME) is spec
    assert NAME in figures.names()
    assert getattr(figures, NAME) is spec.draw
    assert NAME in dir(figures)
    assert spec.source_file.name == f"{MODULE}.py"


def test_drawing_and_alt_text_read_the_same_facts(added):
    workshops = ecove_data.load("workshops")
    assert figures.alt_text(NAME).startswith("The number 5, for the workshops Learner")
    fewer = workshops.iloc[:3]
    fig = getattr(figures, NAME)(workshops=fewer)
    assert [t.get_text() for t in fig.axes[0].texts] == ["3"]
    assert figures.alt_text(NAME, workshops=fewer).startswith("The number 3,")
    with pytest.raises(TypeError, match="reads workshops, not activities"):
        getattr(figures, NAME)(activities=ecove_data.load("activities"))


def test_the_command_draws_it_into_the_manifest_and_gallery(added, tmp_path, capsys):
    out = tmp_path / "out"
    status = main(["figures", "--only", NAME, "--out", str(out), "--jobs", "1"])
    assert status == 0, capsys.readouterr().err
    assert {p.name for p in out.iterdir()} == {
        f"{NAME}.png",
        f"{NAME}.svg",
        f"{NAME}.pdf",
        "manifest.json",
        "README.md",
    }
    (entry,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["figures"]
    assert entry["name"] == NAME
    assert entry["tables"] == ["workshops"]
    assert entry["caption"] == "How many workshops the report names."
    assert entry["alt_text"] == figures.alt_text(NAME)
    gallery = (out / "README.md").read_text(encoding="utf-8")
    assert "Workshops, counted" in gallery
    assert "How many workshops the report names." in gallery
    assert f"{NAME}.png" in gallery


def test_package_figures_import_by_name_without_a_list():
    from ecove_data.figures import activities, campus_excellence_growth

    assert activities is figures.REGISTRY["activities"].draw
    assert campus_excellence_growth is figures.REGISTRY["campus_excellence_growth"].draw
    assert set(figures.REGISTRY) <= set(figures.__all__)
    with pytest.raises(ImportError):
        exec("from ecove_data.figures import no_such_figure", {})


def test_the_readme_gives_the_recipe():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a figure", 1)[1].split("\n## ", 1)[0]
    for needed in ("@register(", "facts=", "alt_text=", "ecove-data figures --only"):
        assert needed in section


@pytest.mark.slow
def test_the_package_recipe_adds_a_figure_with_one_module_one_index_line_and_its_words(
    tmp_path: Path,
):
    import shutil
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Add a figure", 1)[1].split("\n### ", 1)[0]
    module, toml = (block.split("\n", 1)[1] for block in section.split("```")[1:4:2])
    package = tmp_path / "pkg" / "ecove_data"
    root = Path(ecove_data.__file__).resolve().parent
    shutil.copytree(root, package, ignore=shutil.ignore_patterns("_data", "__pycache__"))
    (package / "figures" / "workshop_list.py").write_text(module, encoding="utf-8")
    index = package / "figures" / "__init__.py"
    text = index.read_text(encoding="utf-8")
    text = text.replace(
        "from .roundtable_recommendations import roundtable_recommendations\n",
        "from .roundtable_recommendations import roundtable_recommendations\n"
        "from .workshop_list import workshop_list\n",
    ).replace("    key_figures_panel,\n)", "    key_figures_panel,\n    workshop_list,\n)")
    index.write_text(text, encoding="utf-8")
    words = package / "figures" / "captions.toml"
    words.write_text(words.read_text(encoding="utf-8") + "\n" + toml, encoding="utf-8")

    env = clean_env(PYTHONPATH=str(package.parent))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "ecove_data", "figures", "--data-dir", str(DATA)]
    done = run(
        [*command, "--out", str(out), "--only", "workshop_list", "--jobs", "1"],
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    (entry,) = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["figures"]
    assert entry["name"] == "workshop_list"
    assert entry["title"] == "The workshops"
    assert entry["caption"] == "The workshops of the second afternoon, in report order."
    assert entry["tables"] == ["workshops"]
    assert entry["alt_text"].startswith("The 5 workshops, in report order: Learner")
    names = run(
        [sys.executable, "-c", "from ecove_data import figures; print(list(figures.REGISTRY))"],
        env=env,
        cwd=tmp_path,
    ).stdout
    assert "'key_figures_panel', 'workshop_list', 'cove_calls_over_time'" in names
