"""Every figure of the CoVEs conference report as tidy, validated, source-linked DataFrames.

Examples
--------
>>> import ecove_data
>>> "pact_sectors" in ecove_data.datasets()
True
>>> sectors = ecove_data.load("pact_sectors")
>>> sectors.loc[~sectors["in_networking_workshops"], "sector"].tolist()
['Microelectronics']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._errors import (
    CannotWriteError,
    DataError,
    EcoveError,
    FiguresFailedError,
    NotebookError,
    TemplateError,
    UnknownDatasetError,
    UsageError,
)
from ._load import datasets, describe, info, load, load_all, report_path
from ._typing import DatasetName, DatasetRole

if TYPE_CHECKING:
    from ._export import export

__all__ = [
    "CannotWriteError",
    "DataError",
    "DatasetName",
    "DatasetRole",
    "EcoveError",
    "FiguresFailedError",
    "NotebookError",
    "TemplateError",
    "UnknownDatasetError",
    "UsageError",
    "datasets",
    "describe",
    "export",
    "info",
    "load",
    "load_all",
    "report_path",
]


def __getattr__(name: str) -> Any:
    # The figures subpackage is reached lazily so that importing the data library
    # never pays for the plotting code; the exports (and their Markdown escaping) so that
    # loading the tables never pays for writing them.
    import importlib

    if name == "figures":
        return importlib.import_module(".figures", __name__)
    if name == "export":
        return importlib.import_module("._export", __name__).export
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, "figures"})
