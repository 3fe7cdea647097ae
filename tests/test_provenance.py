import ast
from pathlib import Path

import pandas as pd

from ecove_data import provenance
from ecove_data._descriptor import read_package

PACKAGE = Path(provenance.__file__).parent


def test_the_report_source_is_the_descriptors_source_resource():
    assert provenance.report_source() == read_package().source.path
    assert provenance.source_name(read_package().source.path) == "the report"


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def test_no_figure_notebook_or_document_module_writes_the_reports_path():
    report = read_package().source.path
    modules = [*PACKAGE.glob("figures/*.py"), *PACKAGE.glob("report/*.py"), PACKAGE / "prose.py"]
    writing = [
        path.relative_to(PACKAGE).as_posix()
        for path in modules
        if any(report in text for text in _code_strings(path))
    ]
    assert writing == []


def test_missing_values_are_told_by_pandas_not_by_their_spelling():
    assert [provenance.missing(v) for v in (pd.NA, float("nan"), None, pd.NaT)] == [True] * 4
    assert [provenance.missing(v) for v in ("<NA>", "nan", "None", "")] == [False] * 4


def test_a_context_row_quoting_a_report_line_is_from_the_report():
    assert provenance.from_report("https://example.eu", 23)
    assert not provenance.from_report("https://example.eu", pd.NA)
    assert provenance.from_report(provenance.report_source(), pd.NA)
