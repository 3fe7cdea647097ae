"""How the documents build executes its notebooks: which start first, in what order they return.

The kernels are replaced by a stand-in that records the order it is given, so these tests
are about the scheduling alone; the notebooks' own runs are in ``test_notebooks``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import pytest

from ecove_data.report import _notebooks


def _notebooks_with_code(folder: Path, lengths: dict[str, int]) -> list[Path]:
    """One notebook per name, each with one code cell of the given length."""
    paths = []
    for name, length in lengths.items():
        nb = nbformat.v4.new_notebook()
        nb.cells = [
            nbformat.v4.new_markdown_cell("# A chapter"),
            nbformat.v4.new_code_cell("x" * length),
        ]
        path = folder / f"{name}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def _stand_in(started: list[str], failing: frozenset[str] = frozenset()) -> Any:
    async def run_all(paths: list[Path], *_: Any) -> list[tuple[Any, BaseException | None]]:
        started.extend(path.stem for path in paths)
        return [
            ({"ran": path.stem}, ValueError(f"{path.stem} broke") if path.stem in failing else None)
            for path in paths
        ]

    return run_all


def test_the_longest_notebook_starts_first_and_the_results_keep_the_order_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _notebooks_with_code(tmp_path, {"01_short": 10, "02_long": 300, "03_middle": 40})
    started: list[str] = []
    monkeypatch.setattr(_notebooks, "_run_all", _stand_in(started))
    done = _notebooks.execute(paths, jobs=2)
    assert started == ["02_long", "03_middle", "01_short"]
    assert [nb["ran"] for nb in done.notebooks] == ["01_short", "02_long", "03_middle"]
    assert done.ran == ["01_short.ipynb", "02_long.ipynb", "03_middle.ipynb"]
    assert done.summary() == "executed 3 of 3 notebooks, reused 0"


def test_of_two_failures_the_first_in_the_order_asked_is_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = _notebooks_with_code(tmp_path, {"01_short": 10, "02_long": 300})
    monkeypatch.setattr(
        _notebooks, "_run_all", _stand_in([], failing=frozenset({"01_short", "02_long"}))
    )
    with pytest.raises(_notebooks.NotebookError) as raised:
        _notebooks.execute(paths, jobs=2)
    assert str(raised.value) == "01_short.ipynb could not be run: ValueError: 01_short broke"


def test_code_length_counts_the_code_cells_only() -> None:
    nb = {
        "cells": [
            {"cell_type": "markdown", "source": "a long paragraph of prose " * 10},
            {"cell_type": "code", "source": ["x = 1\n", "y = 2"]},
            {"cell_type": "code", "source": "z"},
        ]
    }
    assert _notebooks.code_length(nb) == len("x = 1\ny = 2") + 1
