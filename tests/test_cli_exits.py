"""ecove_data.cli.exits: one table from errors to exit statuses, and no status written elsewhere."""

from __future__ import annotations

from pathlib import Path

import ecove_data


def test_one_table_maps_every_error_to_its_status():
    from ecove_data import (
        CannotWriteError,
        DataError,
        FiguresFailedError,
        NotebookError,
        TemplateError,
        UnknownDatasetError,
        UsageError,
    )
    from ecove_data._errors import UnknownChoiceError
    from ecove_data.cli import EXIT_STATUSES, exit_status
    from ecove_data.figures import UnknownFigureError

    cases = {
        DataError("bad"): 1,
        NotebookError("01_x.ipynb: cell 3 failed"): 1,
        FiguresFailedError({"activities": "RuntimeError: x"}): 1,
        UsageError("no notebooks"): 2,
        TemplateError("t.docx", "it does not exist"): 2,
        UnknownChoiceError("unknown format"): 2,
        UnknownDatasetError("x", ["y"]): 2,
        UnknownFigureError("x", ["y"]): 2,
        CannotWriteError("out", "Permission denied"): 73,
        BrokenPipeError(): 141,
    }
    for error, status in cases.items():
        assert exit_status(error) == status, type(error).__name__
    # Bad data is a ValueError too, but never bad usage.
    assert isinstance(DataError("x"), ValueError) and exit_status(DataError("x")) == 1
    assert exit_status(KeyError("a bug")) is None
    assert [status for _, status in EXIT_STATUSES] == [141, 1, 1, 1, 73, 2, 2]


def test_no_exit_status_is_written_outside_the_command_line():
    import ast

    package = Path(ecove_data.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] == "cli":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            literal = None
            if isinstance(node, ast.Call) and ast.unparse(node.func) in ("sys.exit", "exit"):
                literal = node.args[0] if node.args else None
            elif isinstance(node, ast.FunctionDef) and node.name in ("main", "run"):
                returns = [n for n in ast.walk(node) if isinstance(n, ast.Return)]
                literal = next(
                    (r.value for r in returns if isinstance(r.value, ast.Constant)), None
                )
            if isinstance(literal, ast.Constant) and isinstance(literal.value, int):
                found.append(f"{path.relative_to(package)}:{node.lineno}")
    assert found == []
