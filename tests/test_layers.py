"""The package's shape: imports in layers that point one way, no cycle, tests that mirror it.

The layers are in pyproject.toml (``lint-imports`` checks them in ``make check``). The tests
mirror the package: the tests of ``ecove_data/a/_b.py`` are in ``tests/test_a_b.py`` (of a
package's ``__init__``, in ``tests/test_a.py``), except where :data:`TESTED_IN` says where;
the other test modules test the package as a whole and are listed in :data:`WHOLE`.
"""

from __future__ import annotations

from pathlib import Path

import grimp
from conftest import ROOT

PACKAGE = ROOT / "ecove_data"
# Modules whose tests are in a test module of another name, and why.
TESTED_IN = {
    # Run as `python -m ecove_data` by the command line's tests.
    "__main__.py": "test_cli.py",
    # Generated from the descriptor by _codegen, and checked against it there.
    "_typing.py": "test_codegen.py",
    # The commands of each group, run as a person types them.
    "cli/data.py": "test_cli.py",
    "cli/report.py": "test_report.py",
    # The notebook display, as the notebooks and the prose use it.
    "figures/_display.py": "test_notebook.py",
    # Written by the figure build, which the command's tests run and read back.
    "figures/render.py": "test_cli_figures.py",
    # The parts of the documents, read in the documents they make.
    "report/__main__.py": "test_report_deliverable.py",
    "report/_document.py": "test_report.py",
    "report/_cover.py": "test_deliverable_documents.py",
    "report/_docx.py": "test_deliverable_documents.py",
    "report/_fields.py": "test_deliverable_documents.py",
}
# Test modules about the package as a whole: its data, documents, set-up and recipes.
WHOLE = {
    "test_a11y_docx.py",
    "test_a11y_html.py",
    "test_a11y_pdf.py",
    "test_add_figure.py",
    "test_add_table.py",
    "test_context.py",
    "test_context_figures.py",
    "test_deliverable_documents.py",
    "test_documents.py",
    "test_figure_contrast.py",
    "test_frictionless.py",
    "test_hypothesis.py",
    "test_lab_browser.py",
    "test_layers.py",
    "test_min_versions.py",
    "test_notebooks.py",
    "test_packaging.py",
    "test_report_html.py",
    "test_setup.py",
    "test_spreadsheets.py",
    "test_wording.py",
}


def _mirror(module: str) -> str:
    """The name of the test module of ``module``, a path in the package: ``_rules/x.py``."""
    parts = list(Path(module).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return "test_" + "_".join(part.strip("_") for part in parts or ["ecove_data"]) + ".py"


def _modules() -> list[str]:
    return sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if "__pycache__" not in p.parts
    )


def _cycles() -> set[frozenset[str]]:
    """Each pair of modules that import each other, directly or through others."""
    graph = grimp.build_graph("ecove_data")
    found = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.find_shortest_chain(importer=imported, imported=module):
                found.add(frozenset({module, imported}))
    return found


def test_no_import_cycle():
    assert _cycles() == set()


def test_the_command_line_and_the_documents_do_not_import_each_other():
    graph = grimp.build_graph("ecove_data")
    assert not graph.chain_exists(importer="ecove_data.cli", imported="ecove_data.report.__main__")
    report = {m for m in graph.find_descendants("ecove_data.report")} - {
        "ecove_data.report.__main__"
    }
    for module in {"ecove_data.report", *report}:
        assert not graph.chain_exists(importer=module, imported="ecove_data.cli", as_packages=False)


def test_figures_data_and_provenance_import_nothing_above_them():
    graph = grimp.build_graph("ecove_data")
    above = ("ecove_data.cli", "ecove_data.report", "ecove_data.prose")
    for low in ("ecove_data.figures", "ecove_data.provenance", "ecove_data._load"):
        for high in above:
            assert not graph.chain_exists(importer=low, imported=high, as_packages=True), (
                low,
                high,
            )


def test_every_module_has_its_tests_where_the_layout_says():
    tests = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    missing, misplaced = [], []
    for module in _modules():
        own = _mirror(module)
        if module in TESTED_IN:
            if own in tests:
                misplaced.append(f"{module} has {own}: drop it from TESTED_IN")
            if TESTED_IN[module] not in tests:
                missing.append(f"{module}: {TESTED_IN[module]} is not there")
        elif own not in tests:
            missing.append(f"{module}: add tests/{own}, or say in TESTED_IN where its tests are")
    assert missing + misplaced == []
    assert set(TESTED_IN) - set(_modules()) == set()


def test_every_test_module_mirrors_a_module_or_tests_the_whole():
    tests = {p.name for p in (ROOT / "tests").glob("test_*.py")}
    mirrors = {_mirror(module) for module in _modules()}
    assert tests - mirrors - WHOLE == set()
    assert WHOLE - tests == set()
