"""Loading: descriptor -> read and validate every table -> typed pandas frames."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any, get_args

import numpy as np
import pandas as pd

from ._consistency import check_consistency, check_report_lines
from ._derived import DERIVED, derive
from ._descriptor import DESCRIPTOR, command, default_data_dir, read_package, utf8_text
from ._errors import DataError, UnknownDatasetError
from ._files import keep, read_kept, user_cache
from ._quotes import Report
from ._records import Field, Package, Resource
from ._typing import DatasetName, DatasetRole
from ._validate import Problems, check_file, read_columns

__all__ = [
    "check_package",
    "datasets",
    "describe",
    "find_problems",
    "first_of",
    "info",
    "load",
    "load_all",
    "report_path",
]

_CACHE: dict[Path, tuple[tuple[Any, ...], dict[str, pd.DataFrame]]] = {}
# Validated frames kept between processes, in the user's cache: the newest few.
_STORE = "frames"
_KEEP = 8
_PACKAGE = Path(__file__).resolve().parent
_ROLES: tuple[str, ...] = get_args(DatasetRole)
# The dtypes whose arrays are a numpy array of values and a mask of the missing ones.
_MASKED = (pd.Int64Dtype, pd.Float64Dtype, pd.BooleanDtype)


def _pandas_types() -> dict[str, Any]:
    # Dtype objects rather than their names where pandas has a class for them: a name is
    # looked up in pandas' registry of every dtype on each use. Made on each call, as a name
    # would be resolved, so that pandas' options (the string storage) apply as they are
    # when the tables are read.
    return {
        "integer": pd.Int64Dtype(),
        "year": pd.Int64Dtype(),
        "number": pd.Float64Dtype(),
        "boolean": pd.BooleanDtype(),
        "string": pd.StringDtype(),
        "date": "datetime64[ns]",
    }


def _dtype(field: Field, types: dict[str, Any] | None = None) -> Any:
    enum = field.constraints.enum
    if enum is not None and field.type == "string":
        return pd.CategoricalDtype(list(enum), ordered=field.categories_ordered)
    return (types or _pandas_types()).get(field.type, "object")


def _array(values: list[Any], dtype: Any) -> Any:
    if isinstance(dtype, pd.CategoricalDtype):
        # Validation has checked every value against the enum: codes need no second lookup
        # by pandas, which is the slow part of building a categorical from values.
        code = {category: at for at, category in enumerate(dtype.categories)}
        return pd.Categorical.from_codes([code.get(v, -1) for v in values], dtype=dtype)
    if isinstance(dtype, _MASKED):
        # Validation has typed every value: the array is its values and a mask of the
        # missing ones, without pandas inferring their type again. A number that is NaN
        # is missing, as pandas makes it from a list.
        masked: Any = dtype  # its numpy_dtype is not in pandas' type stubs
        missing = [v is None or v != v for v in values]
        data: list[Any] = [False if gap else v for v, gap in zip(values, missing, strict=True)]
        array = masked.construct_array_type()
        return array(np.array(data, dtype=masked.numpy_dtype), np.array(missing, dtype=bool))
    return pd.array(values, dtype=dtype)


def _frame(fields: tuple[Field, ...], columns: dict[str, list[Any]]) -> pd.DataFrame:
    types = _pandas_types()
    # The arrays are new and nothing else holds them: the frame need not copy them.
    return pd.DataFrame(
        {f.name: _array(columns[f.name], _dtype(f, types)) for f in fields}, copy=False
    )


def _fingerprint(data_dir: Path) -> tuple[tuple[str, bytes | None], ...] | None:
    """Return the bytes of the descriptor and of every file it names (None: it cannot say).

    The files' contents, not their times: an edit within one clock tick, or a copy that
    keeps times (cp -p, rsync -t), leaves size and mtime as they were. The files are small.
    Read from the descriptor's JSON without parsing it into the package's records, which
    costs more than the rest; None where the descriptor cannot be read as one (the parser
    then says what is wrong).
    """
    import json

    try:
        descriptor = (data_dir / DESCRIPTOR).read_bytes()
        raw = json.loads(utf8_text(descriptor))
        paths = [res["path"] for res in raw["resources"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not all(isinstance(path, str) for path in paths):
        return None
    stamps: list[tuple[str, bytes | None]] = [(DESCRIPTOR, descriptor)]
    for name in paths:
        try:
            stamps.append((name, (data_dir / name).read_bytes()))
        except OSError:
            stamps.append((name, None))
    return tuple(stamps)


def _check_all(pkg: Package, problems: Problems) -> dict[str, pd.DataFrame]:
    """Read and check every table; give each broken rule to ``problems``.

    Returns the frames only when nothing was found, so no half-checked frame escapes.
    """
    text = check_file(pkg, pkg.source, problems)
    report = Report(text, pkg.source.path) if text is not None else None
    columns = {}
    for res in pkg.tables:
        text = check_file(pkg, res, problems)
        if text is None:
            continue
        quoted = res.role == "report" and {"quote", "line"} <= set(res.field_names)
        if quoted and report is None:
            continue
        parsed = read_columns(res, text, report if quoted else None, problems)
        if parsed is None:
            continue
        columns[res.name] = parsed
        if report is not None:
            with problems.check():
                check_report_lines(pkg, res, parsed, report)
    check_consistency(pkg, columns, problems)
    derived: dict[str, list[Any]] | None = None
    if pkg.derived and "key_figures" in columns:
        with problems.check():
            derived = derive(
                pkg.derived, columns["key_figures"], file=pkg.resource("key_figures").path
            )
    if problems.found:
        return {}
    frames = {res.name: _frame(res.fields, columns[res.name]) for res in pkg.tables}
    if pkg.derived and derived is not None:
        frames[DERIVED] = _frame(pkg.derived.fields, derived)
    return {name: frames[name] for name in _names(pkg) if name in frames}


def first_of(found: list[DataError], pkg: Package) -> DataError:
    """One error for the first problem that says how many more there are and where to see them.

    It keeps every problem (``problems``) and the data folder they were found in
    (``data_dir``), so the command line can list them all as ``validate`` does.
    """
    first = found[0]
    if len(found) == 1:
        first.data_dir = pkg.data_dir
        return first
    more = len(found) - 1
    note = (
        f"{more} more problem{'s' if more > 1 else ''}: "
        f"`{command('validate', pkg.data_dir)}` lists every one"
    )
    err = DataError(
        first.problem,
        file=first.file,
        row=first.row,
        column=first.column,
        rule=first.rule,
        fix=f"{first.fix}\nAnd {note}" if first.fix else f"and {note}",
        cli_fix=f"{first.cli_fix}\nAnd {note}" if first.cli_fix else None,
    )
    err.problems = list(found)
    err.data_dir = pkg.data_dir
    return err


def check_package(
    data_dir: Path | str | os.PathLike[str] | None = None,
) -> tuple[Package, list[DataError], dict[str, pd.DataFrame]]:
    """Check every file and rule; return the package, every problem, and the frames if none.

    A descriptor that cannot be read still raises its :class:`DataError`: nothing else
    can be checked without it.
    """
    pkg = read_package(data_dir)
    problems = Problems(collect=True)
    frames = _check_all(pkg, problems)
    return pkg, problems.found, frames


def find_problems(data_dir: Path | str | os.PathLike[str] | None = None) -> list[DataError]:
    """Check every file and rule of the package; return every problem found (empty: valid).

    Examples
    --------
    >>> find_problems()
    []
    """
    return check_package(data_dir)[1]


def _read_all(pkg: Package) -> dict[str, pd.DataFrame]:
    problems = Problems(collect=True)
    frames = _check_all(pkg, problems)
    if problems.found:
        raise first_of(problems.found, pkg)
    return frames


def _store_key(stamp: tuple[tuple[str, bytes | None], ...]) -> str:
    """Hash everything validated frames depend on: the files, the code, the versions.

    The bytes of the descriptor and of every file it names, with their names; the bytes of
    the data layer's code (the package's own modules and its rule kinds, which ``import
    ecove_data`` runs); the versions of Python, pandas and numpy; and pandas' string storage
    option, which changes the frames' string type. Equal keys give equal frames: validation
    reads nothing else.
    """
    digest = hashlib.sha256(repr((sys.version, pd.__version__, np.__version__)).encode())
    digest.update(repr(pd.get_option("mode.string_storage")).encode())
    for path in sorted([*_PACKAGE.glob("*.py"), *_PACKAGE.glob("_rules/*.py")]):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    for name, data in stamp:
        digest.update(name.encode() + b"\0")
        digest.update(b"\0" if data is None else b"\1" + data)
    return digest.hexdigest()


def _from_store(key: str) -> dict[str, pd.DataFrame] | None:
    """Return the frames kept under ``key`` by an earlier process, or None."""
    data = read_kept(user_cache(_STORE, f"{key}.pickle"))
    if data is None:
        return None
    try:
        # Written by this package into the user's own cache folder, as Python's bytecode
        # caches are: trusted as far as those are.
        frames = pickle.loads(data)
    except Exception:  # cut short, or from another pandas: validate
        return None
    if not isinstance(frames, dict) or not all(
        isinstance(frame, pd.DataFrame) for frame in frames.values()
    ):
        return None
    return frames


def _to_store(key: str, frames: dict[str, pd.DataFrame]) -> None:
    """Keep validated frames for later processes; a cache that cannot be written is skipped."""
    data = pickle.dumps(frames, pickle.HIGHEST_PROTOCOL)
    keep(user_cache(_STORE, f"{key}.pickle"), data, like="*.pickle", count=_KEEP)


def _validated(data_dir: Path | str | os.PathLike[str] | None) -> dict[str, pd.DataFrame]:
    """Return every frame of the package at ``data_dir``, validated now or by an earlier process.

    Frames are kept in this process and, for the next ones, in the user's cache
    (``frames/``, the newest few), each under the bytes of the files they were read from:
    an edit is always validated, and frames are kept only once validation found nothing.
    """
    folder = Path(data_dir) if data_dir is not None else default_data_dir()
    stamp = _fingerprint(folder)
    place = folder.resolve()
    cached = _CACHE.get(place)
    if stamp is not None and cached is not None and cached[0] == stamp:
        return cached[1]
    key = _store_key(stamp) if stamp is not None else None
    frames = _from_store(key) if key is not None else None
    if frames is None:
        frames = _read_all(read_package(folder))
        if key is not None:
            _to_store(key, frames)
    if stamp is not None:
        _CACHE[place] = (stamp, frames)
    return frames


def _names(pkg: Package, role: str | None = None) -> list[str]:
    if role is not None and role not in _ROLES:
        raise ValueError(f"unknown role {role!r}; choose one of: {', '.join(_ROLES)}, or None")
    report = [res.name for res in pkg.tables if res.role == "report"]
    report += [DERIVED] if pkg.derived else []
    others = [res.name for res in pkg.tables if res.role != "report"]
    if role is None:
        return report + others
    return report if role == "report" else [n for n in others if pkg.resource(n).role == role]


def datasets(role: DatasetRole | None = None, *, data_dir: Path | str | None = None) -> list[str]:
    """Return the names of the tables: the report's first, then the context tables.

    Parameters
    ----------
    role : {"report", "context"}, optional
        Only the report's tables (those taken from the report, in descriptor order, and
        the derived indicators computed from them), or only the context tables (public
        figures from other sources, each row with its source). Default: all of them.
    data_dir : path, optional
        Another copy of ``data/`` (same layout).

    Examples
    --------
    >>> datasets()[:3]
    ['key_figures', 'roundtable_recommendations', 'pact_sectors']
    >>> datasets("report")[-1]
    'derived_indicators'
    >>> datasets(role="context")[:2]
    ['context_cove_calls', 'context_pact_membership']
    >>> datasets() == datasets("report") + datasets("context")
    True
    """
    return _names(read_package(data_dir), role)


def load(name: DatasetName | str, *, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Load one table as a validated pandas DataFrame with the descriptor's dtypes.

    The whole package is validated first (files, hashes, types, constraints, quotes,
    cross-table rules); a broken rule raises :class:`ecove_data.DataError` and no frame is
    returned. Each call returns a new frame.

    Parameters
    ----------
    name : str
        A name from :func:`datasets`.
    data_dir : path, optional
        Another copy of ``data/`` (same layout). Defaults to ``ECOVE_DATA_DIR`` or the
        package's own data.

    Returns
    -------
    pandas.DataFrame
        Report tables carry ``quote`` and ``line``, the excerpt of the report each row
        comes from and the line it starts on.

    Examples
    --------
    >>> figures = load("key_figures").set_index("figure_id")
    >>> int(figures.loc["cove_call_2021_organisations", "value"])
    1741
    >>> row = figures.loc["cove_call_2021_organisations"]
    >>> print(row["quote"], "(line", row["line"], "of the report)")
    with the participation of 1741 organisations from 55 countries (line 44 of the report)
    """
    frames = _validated(data_dir)
    if name not in frames:
        raise UnknownDatasetError(str(name), list(frames))
    return frames[name].copy(deep=True)


def load_all(*, data_dir: Path | str | None = None) -> dict[str, pd.DataFrame]:
    """Load every table, validated, as ``{name: DataFrame}`` in :func:`datasets` order.

    Examples
    --------
    >>> {name: len(frame) for name, frame in load_all().items()}["workshops"]
    5
    """
    return {name: frame.copy(deep=True) for name, frame in _validated(data_dir).items()}


def describe(name: DatasetName | str, *, data_dir: Path | str | None = None) -> pd.DataFrame:
    """Return the data dictionary of a table, read from the descriptor.

    Columns: ``column``, ``type`` (Table Schema), ``dtype`` (pandas), ``unit``,
    ``required`` and ``description``.

    Examples
    --------
    >>> describe("pact_sectors")[["column", "dtype"]].values.tolist()[:3]
    [['position', 'Int64'], ['sector', 'category'], ['in_networking_workshops', 'boolean']]
    """
    pkg = read_package(data_dir)
    if name == DERIVED and pkg.derived:
        fields = pkg.derived.fields
    else:
        try:
            res: Resource = pkg.resource(str(name))
        except KeyError:
            raise UnknownDatasetError(str(name), _names(pkg)) from None
        fields = res.fields
        if not fields:
            raise UnknownDatasetError(str(name), _names(pkg))
    rows = [
        {
            "column": field.name,
            "type": field.type,
            "dtype": str(_dtype(field)),
            "unit": field.unit,
            "required": field.constraints.required,
            "description": field.description,
        }
        for field in fields
    ]
    return pd.DataFrame(rows).astype(
        {
            "column": "string",
            "type": "string",
            "dtype": "string",
            "unit": "string",
            "required": "boolean",
            "description": "string",
        }
    )


def info(name: DatasetName | str, *, data_dir: Path | str | None = None) -> dict[str, Any]:
    """Return what the descriptor says of a table, besides its columns.

    The keys are ``name``, ``title``, ``description``, ``role`` (``report`` or
    ``context``, as :func:`datasets` filters them) and ``derived`` (whether the library
    computes the table from others), plus ``open_list`` where the report's list is open.

    Examples
    --------
    >>> print(info("activities")["open_list"])
    The report's list ends with "…": these are the activities it names, not all of them.
    >>> {key: info("derived_indicators")[key] for key in ("role", "derived")}
    {'role': 'report', 'derived': True}
    """
    pkg = read_package(data_dir)
    if name == DERIVED and pkg.derived:
        return {
            "name": DERIVED,
            "title": pkg.derived.title,
            "description": pkg.derived.description,
            "role": "report",
            "derived": True,
        }
    try:
        res = pkg.resource(str(name))
    except KeyError:
        raise UnknownDatasetError(str(name), _names(pkg)) from None
    if not res.tabular:
        raise UnknownDatasetError(str(name), _names(pkg))
    found = {
        "name": res.name,
        "title": res.title,
        "description": res.description,
        "role": res.role,
        "derived": False,
    }
    if res.open_list is not None:
        found["open_list"] = res.open_list
    return found


def report_path(*, data_dir: Path | str | None = None) -> Path:
    """Return the path of the report every quote and line refers to.

    Examples
    --------
    >>> lines = report_path().read_text(encoding="utf-8").splitlines()
    >>> lines[43].split(" were")[0]
    '84 projects'
    """
    pkg = read_package(data_dir)
    return pkg.data_dir / pkg.source.path
