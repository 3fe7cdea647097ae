"""Shared fixtures: the real data, corruptible copies of it, figures drawn, notebooks run once."""

from __future__ import annotations

import copy
import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import settings

import ecove_data
from ecove_data import DataError
from ecove_data._descriptor import read_package, refresh_hashes

if TYPE_CHECKING:
    from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"

# Rows of each table the report's figures come from, as the report gives them: an oracle kept
# apart from the data. A table added later needs no entry here (see the README's recipe).
ROWS = {
    "key_figures": 13,
    "roundtable_recommendations": 6,
    "pact_sectors": 7,
    "pact_initiatives": 2,
    "activities": 8,
    "workshops": 5,
    "ecovem_citations": 2,
}
REPORT = "raw/coves-conference-report.txt"

# Modest so the suite stays quick; `pytest --hypothesis-profile=thorough` searches longer.
settings.register_profile("ecove", max_examples=80, deadline=None)
settings.register_profile("thorough", max_examples=2000, deadline=None)
settings.load_profile("ecove")


def report_resources(data_dir: Path = DATA) -> list[str]:
    """The names of the tables taken from the report (role "report"), in descriptor order."""
    raw = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    return [res["name"] for res in raw["resources"] if res.get("role") == "report"]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ under tmp_path, safe to corrupt."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    (target / REPORT).chmod(0o644)
    return target


class EditTable:
    """Edits of a copy of data/; each CSV or report edit refreshes the hashes, so that only
    the rule under test refuses the copy (``stale`` edits leave the hashes as they were)."""

    def __init__(self, data_dir: Path) -> None:
        self.dir = data_dir

    def text(
        self, relative: str, old: str, new: str, *, rehash: bool = True, count: int = 1
    ) -> Path:
        """Replace ``old`` by ``new`` in a file of the copy, the first ``count`` times (-1: all).

        ``old`` must be there; with ``rehash=False`` the descriptor keeps the old size and hash.
        """
        path = self.dir / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, count), encoding="utf-8")
        if rehash:
            refresh_hashes(self.dir)
        return self.dir

    def csv(self, table: str, old: str, new: str) -> Path:
        """Edit the table ``table`` (``context/...`` for a context table)."""
        return self.text(f"{table}.csv", old, new)

    def report(self, old: str, new: str) -> Path:
        """Edit the copy's raw report."""
        return self.text(REPORT, old, new)

    def line(self, table: str, start: str) -> str:
        """The one line of the real table that starts with ``start``, with its line break."""
        lines = (DATA / f"{table}.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        (found,) = [line for line in lines if line.startswith(start)]
        return found

    def rows(self, table: str, order: Callable[[list[str]], list[str]]) -> Path:
        """Rewrite the table's lines (header first) in the order ``order`` gives them."""
        path = self.dir / f"{table}.csv"
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(order(lines)), encoding="utf-8")
        refresh_hashes(self.dir)
        return self.dir

    def swap(self, table: str, first: str, second: str) -> Path:
        """Swap every ``first`` and ``second`` in the table (two values, two ids)."""
        path = self.dir / f"{table}.csv"
        text = path.read_text(encoding="utf-8")
        assert first in text and second in text and "\0" not in text
        text = text.replace(first, "\0").replace(second, first).replace("\0", second)
        path.write_text(text, encoding="utf-8")
        refresh_hashes(self.dir)
        return self.dir

    def descriptor(self, change: Callable[[dict[str, Any]], object]) -> Path:
        """Change the copy's descriptor in place with a function of its parsed JSON."""
        path = self.dir / "datapackage.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        change(raw)
        path.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return self.dir

    def field(self, table: str, column: str, change: Callable[[dict[str, Any]], object]) -> Path:
        """Change one field of the copy's descriptor."""
        return self.descriptor(lambda raw: change(field(raw, table, column)))

    def write(self, relative: str, content: str | bytes, *, rehash: bool = False) -> Path:
        """Replace a whole file of the copy (by default the descriptor keeps its old hash)."""
        path = self.dir / relative
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        if rehash:
            refresh_hashes(self.dir)
        return self.dir

    def remove(self, relative: str) -> Path:
        """Delete a file of the copy; ``""`` empties the whole folder."""
        if relative:
            (self.dir / relative).unlink()
        else:
            shutil.rmtree(self.dir)
            self.dir.mkdir()
        return self.dir


@pytest.fixture
def edit_table(data_copy: Path) -> EditTable:
    """Edits of a fresh copy of data/ (see EditTable)."""
    return EditTable(data_copy)


@pytest.fixture
def edit_csv(edit_table: EditTable) -> Callable[[str, str, str], Path]:
    """Edit a table of the copy and refresh its hash, so only the rule under test refuses it."""
    return edit_table.csv


@pytest.fixture
def edit_report(edit_table: EditTable) -> Callable[[str, str], Path]:
    """Edit the copy's raw report and refresh its hash."""
    return edit_table.report


@pytest.fixture
def edit_descriptor(edit_table: EditTable) -> Callable[[Callable[[dict[str, Any]], None]], Path]:
    """Change the copy's descriptor in place with a function of its parsed JSON."""
    return edit_table.descriptor


def refused(
    data_dir: Path,
    *,
    rule: str,
    file: str,
    row: int | None = None,
    column: str | None = None,
    problem: str = "",
    fix: str = "",
) -> DataError:
    """Load every table from ``data_dir``: it must raise a DataError with these parts.

    ``file``, ``problem`` and ``fix`` may name ``{data}``, the folder loaded. The error's
    attributes are compared, and its message must carry them and a fix.
    """
    file, problem, fix = (text.format(data=data_dir) for text in (file, problem, fix))
    with pytest.raises(DataError) as info:
        ecove_data.load_all(data_dir=data_dir)
    err = info.value
    assert (err.rule, err.file, err.row, err.column) == (rule, file, row, column), str(err)
    assert problem in err.problem
    assert err.fix and fix in err.fix
    message = str(err)
    where = ", ".join(
        [file]
        + ([f"row {row + 1}"] if row is not None else [])
        + ([f"column {column!r}"] if column is not None else [])
    )
    assert message.startswith(f"{where}: ")
    assert f"[rule: {rule}]" in message
    assert f"How to fix: {err.fix}" in message
    assert problem in message
    return err


def resource(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The resource called ``name`` in a parsed descriptor."""
    return next(res for res in raw["resources"] if res["name"] == name)


def field(raw: dict[str, Any], table: str, column: str) -> dict[str, Any]:
    """The field ``column`` of table ``table`` in a parsed descriptor."""
    return next(f for f in resource(raw, table)["schema"]["fields"] if f["name"] == column)


# --- the figures, drawn once per test module ------------------------------------------------


class DrawnFigures(dict[str, "Figure"]):
    """The registered figures by name, each drawn from the real data when first asked for."""

    def __missing__(self, name: str) -> Figure:
        from ecove_data import figures

        fig = self[name] = figures.REGISTRY[name].draw()
        return fig


@pytest.fixture(scope="module")
def all_figures() -> DrawnFigures:
    """``{name: Figure}``: each figure a test module's tests ask for, drawn once for them."""
    return DrawnFigures()


def consistency_rule(raw: dict[str, Any], name: str) -> dict[str, Any]:
    """The consistency rule called ``name`` in a parsed descriptor."""
    return next(item for item in raw["consistency"] if item["name"] == name)


# --- cases of a broken copy of data/, for the tests of validation and of each rule kind ------

Edit = Callable[[EditTable], object]


def case(name: str, edit: Edit, **expected: Any) -> Any:
    """One case: the edit of the copy and what the error must say (see :func:`refused`)."""
    return pytest.param(edit, expected, id=name)


def both(*edits: Edit) -> Edit:
    """Several edits, in order."""
    return lambda e: [edit(e) for edit in edits]


def refusal_test(cases: list[Any]) -> Callable[..., None]:
    """The test of a table of ``cases``: each edit, made in a fresh copy, refused as it says.

    A test module names the test: ``test_a_broken_rule_is_refused = refusal_test(REFUSED)``.
    """

    @pytest.mark.parametrize(("edit", "expected"), cases)
    def test(edit_table: EditTable, edit: Edit, expected: dict[str, Any]) -> None:
        edit(edit_table)
        refused(edit_table.dir, **expected)

    return test


def real_line(table: str, number: int) -> str:
    """Line ``number`` (0 is the header) of the real table, with its line break."""
    return (DATA / f"{table}.csv").read_text(encoding="utf-8").splitlines(keepends=True)[number]


def row_of(data_dir: Path, table: str, text: str) -> int:
    """The 1-based data row (header not counted) of the only line of a table holding ``text``."""
    lines = (data_dir / f"{table}.csv").read_text(encoding="utf-8").splitlines()
    found = [number for number, line in enumerate(lines) if text in line]
    assert len(found) == 1, found
    return found[0]


def broken(table: str, old: str, new: str, rule: str, column: str, problem: str) -> Any:
    """A case of a context table: one edit, refused on the row that held ``old``."""
    return pytest.param(
        lambda e: e.csv(table, old, new),
        {
            "rule": rule,
            "file": f"{table}.csv",
            "row": row_of(DATA, table, old),
            "column": column,
            "problem": problem,
        },
        id=f"{rule}-{column}-{old[:24]}",
    )


# --- the real descriptor, changed in a folder of its own ------------------------------------

# The real descriptor, parsed: copy it before changing it.
RAW = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))


def write_descriptor(folder: Path, raw: dict[str, Any]) -> Path:
    """Write ``raw`` as the descriptor of ``folder`` (which holds no data files)."""
    (folder / "datapackage.json").write_text(json.dumps(raw, indent=2), encoding="utf-8")
    return folder


def descriptor_refusal_test(cases: list[Any]) -> Callable[..., None]:
    """The test of a table of ``(change, problem, fix)``: each change of the real descriptor.

    A copy of the real descriptor changed by ``change`` must be refused by the parser with
    those words in the error's problem and fix; with ``problem`` None it must be read instead,
    rules and all. A test module names the test:
    ``test_a_malformed_descriptor_is_a_data_error = descriptor_refusal_test(MALFORMED)``.
    """

    @pytest.mark.parametrize(("change", "problem", "fix"), cases)
    def test(tmp_path: Path, change: Callable[[dict[str, Any]], object], problem, fix) -> None:
        raw = copy.deepcopy(RAW)
        change(raw)
        if problem is None:
            assert read_package(write_descriptor(tmp_path, raw)).consistency
            return
        with pytest.raises(DataError) as info:
            read_package(write_descriptor(tmp_path, raw))
        assert problem in info.value.problem
        assert info.value.fix and fix in info.value.fix
        assert info.value.rule == "descriptor"

    return test


# --- what several test files share, made once per run ----------------------------------------


def shared_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """A folder that ``make`` fills once per test run, whichever xdist worker asks first.

    Session fixtures run once per worker; the workers of one run share the parent of their
    temporary folders, so the first to take the lock makes the folder and the others wait
    for it and read it.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    target = base / f"shared-{name}"
    with (base / f"shared-{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (target / ".done").exists():
            shutil.rmtree(target, ignore_errors=True)
            target.mkdir()
            make(target)
            (target / ".done").touch()
    return target


# --- the notebooks, each executed once per run --------------------------------------------

NOTEBOOK_DIR = ROOT / "notebooks"
# The kernelspec that ships with ipykernel in the project's environment, the one `make lab`
# and `make report` put first on JUPYTER_PATH.
JUPYTER_PATH = str(Path(sys.prefix) / "share" / "jupyter")


def _execute(path: Path, out: Path) -> None:
    """Execute one notebook as the documents build does, through the run's shared cache.

    The same function, kernel set-up and cache as ``ecove-data report``: a document build
    later in the run reuses this execution instead of running the notebook again. A failing
    notebook is kept with its error in the outputs, for the tests to report.
    """
    import nbformat

    from ecove_data import NotebookError
    from ecove_data.report._cache import NotebookCache
    from ecove_data.report._notebooks import execute

    before = sorted(NOTEBOOK_DIR.iterdir())
    start = time.perf_counter()
    try:
        (nb,) = execute([path], cache=NotebookCache()).notebooks
    except NotebookError as error:
        if error.notebook is None:
            raise
        nb = error.notebook
    print(f"{path.name}: ran in {time.perf_counter() - start:.1f} s")
    assert sorted(NOTEBOOK_DIR.iterdir()) == before, "running it wrote into notebooks/"
    nbformat.write(nb, out / path.name)


def execute_once(tmp_path_factory: pytest.TempPathFactory, path: Path) -> Any:
    """The notebook executed once per test run, whichever worker asks first."""
    import nbformat

    folder = shared_once(tmp_path_factory, f"notebook-{path.stem}", lambda out: _execute(path, out))
    return nbformat.read(folder / path.name, as_version=nbformat.NO_CONVERT)


@pytest.fixture(scope="session", autouse=True)
def notebook_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """One cache of executed notebooks for the whole run, never the user's.

    Every worker and every command a test runs (``ecove-data report`` in a subprocess)
    finds it through ``XDG_CACHE_HOME``, so each notebook runs once per run for the real
    data, and again only for a copy of the data a test changes.
    """
    folder = shared_once(tmp_path_factory, "cache", lambda out: None)
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def executed_notebook(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], Any]:
    """``run(path)``: the notebook executed once per test run, top to bottom, with its outputs.

    Shared by the notebook tests and the document tests, whichever worker runs them.
    """
    return lambda path: execute_once(tmp_path_factory, path)


# --- the built wheel, once per run --------------------------------------------------------


def uv_command() -> str | None:
    """uv from PATH, or the one the Makefile installs into .tools/ when PATH has none."""
    found = shutil.which("uv")
    local = ROOT / ".tools" / "bin" / "uv"
    return found or (str(local) if local.is_file() else None)


def clean_env(**extra: str) -> dict[str, str]:
    """The environment of every child process the tests start, with ``extra`` set.

    Nothing that would point the child at the checkout or at another data folder, and no
    terminal width (xdist's workers set COLUMNS, which ``ecove-data show`` reads).
    """
    drop = {"PYTHONPATH", "ECOVE_DATA_DIR", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "COLUMNS"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    env.update(extra)
    return env


def run(
    command: Sequence[str],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 300,
    **kwargs: Any,
) -> subprocess.CompletedProcess[str]:
    """Run a child process in :func:`clean_env` (or ``env``), its output captured as text."""
    if "stdout" not in kwargs and "stderr" not in kwargs:
        kwargs["capture_output"] = True
    return subprocess.run(
        list(command),
        text=True,
        env=clean_env() if env is None else env,
        timeout=timeout,
        **kwargs,
    )


def ecove(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run ``python -m ecove_data ARGS`` as a child process (see :func:`run`)."""
    return run([sys.executable, "-m", "ecove_data", *args], **kwargs)


def run_ok(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a command; fail the test with its output unless it exits 0."""
    result = run(command, timeout=900, **kwargs)
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result


def _build_wheel(out: Path) -> None:
    uv = uv_command()
    if uv:
        command = [uv, "build", "--wheel", "--out-dir", str(out), str(ROOT)]
    else:
        # The project's .venv has no pip (uv makes it): build with a fresh venv's.
        builder = out / "builder"
        run_ok([sys.executable, "-m", "venv", str(builder)], env=clean_env())
        command = [str(builder / "bin" / "python"), "-m", "pip", "wheel", "--no-deps"]
        command += ["-w", str(out), "--disable-pip-version-check", str(ROOT)]
    run_ok(command, env=clean_env())


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built once per test run (tests/test_packaging.py and
    tests/test_min_versions.py install it)."""
    (built,) = shared_once(tmp_path_factory, "wheel", _build_wheel).glob("ecove_data-*.whl")
    return built
