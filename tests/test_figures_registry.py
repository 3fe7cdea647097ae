"""ecove_data.figures._registry: order, captions.toml's words, signatures, frozen entries, names."""

from __future__ import annotations

import matplotlib
import pytest
from figure_text import CONTEXT_FIGURES, REPORT_FIGURES

import ecove_data
from ecove_data import figures

matplotlib.use("agg")


def test_registry_names_every_required_figure_in_order():
    assert list(figures.REGISTRY)[: len(REPORT_FIGURES)] == REPORT_FIGURES
    for name in REPORT_FIGURES:
        spec = figures.REGISTRY[name]
        assert spec.name == name
        assert spec.draw is getattr(figures, name)
        assert spec.title and spec.caption.endswith(".")
        assert set(spec.tables) <= set(ecove_data.datasets())


def test_registered_after_the_report_figures():
    names = list(figures.REGISTRY)
    assert names[: len(REPORT_FIGURES)] == REPORT_FIGURES
    assert set(CONTEXT_FIGURES) <= set(names[len(REPORT_FIGURES) :])
    context = set(ecove_data.datasets(role="context"))
    for name in CONTEXT_FIGURES:
        spec = figures.REGISTRY[name]
        assert spec.draw is getattr(figures, name)
        assert spec.title and spec.caption.endswith(".")
        assert "source" in spec.caption.lower()
        assert set(spec.tables) & context


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
