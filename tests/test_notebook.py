"""The contract between the notebooks and the documents: what ``figures.show`` writes."""

from __future__ import annotations

import typing
from typing import Any

import matplotlib
import pandas as pd
import pytest

import ecove_data
from ecove_data import figures, notebook

matplotlib.use("agg")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, dict[str, Any]]]:
    import IPython.display

    outputs: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(IPython.display, "display", lambda obj, **kw: outputs.append((obj, kw)))
    return outputs


def test_a_shown_figure_carries_the_figure_payload_and_its_png(shown):
    figures.show("activities")
    data = shown[0][0]
    payload = data[notebook.FIGURE_MIME]
    assert set(payload) == set(typing.get_type_hints(notebook.FigurePayload))
    assert payload["name"] == "activities"
    assert payload["title"] == figures.REGISTRY["activities"].title
    assert payload["alt"] == figures.alt_text("activities")
    assert data["image/png"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    assert f"<desc>{payload['alt'][:40]}" in payload["svg"]
    assert notebook.CAPTION_KEY in shown[1][1]["metadata"]


def test_a_shown_table_carries_the_table_payload(shown):
    frame = ecove_data.load("workshops")[["workshop", "line"]]
    figures.show(frame, "The workshops")
    payload = shown[0][0][notebook.TABLE_MIME]
    assert set(payload) == set(typing.get_type_hints(notebook.TablePayload))
    assert payload == notebook.table_payload(frame, "The workshops")
    assert payload["columns"][-1] == "Report line"
    assert payload["report_lines"] == sorted(int(v) for v in frame["line"])


def test_table_payload_writes_missing_cells_empty():
    table = notebook.table_payload(pd.DataFrame({"value": [1.0, None]}), "T")
    assert table["rows"] == [["1"], [""]]
