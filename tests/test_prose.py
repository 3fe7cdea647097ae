"""Prose for the notebooks: the author's Markdown, the data's text exactly as it is."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT
from test_markdown import READERS, _shown

from ecove_data import figures, prose

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
MARKUP = "*Staff* <b>exchange</b> & $a$ @peer [1] #2 C:\\temp_dir"


def test_values_are_escaped_and_the_template_is_not() -> None:
    text = prose.md("**{n} workshops**, the first “{name}”", n=5, name=MARKUP)
    for reader in READERS:
        assert _shown(text, reader) == f"<Strong>, the first “{MARKUP}”"


def test_numbers_are_written_as_the_figures_write_them() -> None:
    assert prose.md("{a} {b} {c} {d:.1f} {e}", a=700000, b=7e9, c=84, d=20.726, e=True) == (
        "700\u00a0000 7\u00a0billion 84 20.7 yes"
    )
    assert prose.md("{}", pd.Series([1741], dtype="Int64")[0]) == "1741"


def test_markdown_pieces_go_in_unchanged() -> None:
    piece = prose.md("**{}**", "a*b")
    assert prose.md("x {p} y", p=piece) == "x **a\\*b** y"
    assert prose.join(["a_b", "*c*", piece], last=" and ") == "a_b, \\*c\\* and **a\\*b**"
    assert prose.join(["one"], last=" and ") == "one"


def test_code_keeps_its_text_whatever_it_holds() -> None:
    assert prose.code("a * b / c_d") == "`a * b / c_d`"
    for text in ("x`y", "`start", "a ``b`` c"):
        markdown = prose.code(text)
        assert _shown(markdown, "gfm") == "<Code>"
        assert markdown.count("`") > text.count("`")


def test_a_missing_value_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValueError, match=r"the value for \{count\} is missing"):
        prose.md("{count} workshops", count=pd.NA)


def test_ref_names_the_figure_for_readers_and_the_documents() -> None:
    markdown = prose.ref("activities")
    title = figures.REGISTRY["activities"].title
    assert markdown == f"[Figure “{title}”](#figure-activities)"
    with pytest.raises(figures.UnknownFigureError, match="Did you mean 'activities'"):
        prose.ref("activity")


def test_show_displays_the_escaped_markdown(monkeypatch) -> None:
    import IPython.display

    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda item: shown.append(item))
    prose.show("“{name}”", name="*x*")
    assert [item.data for item in shown] == ["“\\*x\\*”"]


# --- the notebooks use it: no value reaches their Markdown unescaped ------------------------


def _calls(path: Path) -> list[tuple[int, ast.Call]]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    found = []
    for index, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        code = "\n".join(line for line in source.splitlines() if not line.startswith("%"))
        found += [(index, node) for node in ast.walk(ast.parse(code)) if isinstance(node, ast.Call)]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_prose_goes_through_the_helper(path: Path) -> None:
    for index, call in _calls(path):
        name = ast.unparse(call.func)
        where = f"{path.name}, cell {index}: {ast.unparse(call)[:80]}"
        assert name.rsplit(".", 1)[-1] != "Markdown", (
            f"{where}: write prose with prose.show(template, value=...), which escapes values"
        )
        if name in ("prose.show", "prose.md"):
            template = call.args[0] if call.args else None
            assert isinstance(template, ast.Constant) and isinstance(template.value, str), (
                f"{where}: the template must be a plain string; pass the values as arguments "
                "(an f-string would put them in unescaped)"
            )
