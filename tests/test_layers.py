"""The package's imports: layers that point one way (pyproject.toml), and no cycle."""

from __future__ import annotations

import grimp


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
