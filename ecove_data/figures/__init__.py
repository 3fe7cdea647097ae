"""Report figures: one function per figure, a registry, and the build behind ``ecove-data figures``.

Each function takes the tables it reads as keyword arguments (loaded with
:func:`ecove_data.load` by default) and returns a :class:`matplotlib.figure.Figure` in
the package style. :data:`REGISTRY` maps each name to its :class:`FigureSpec` (title,
caption, tables, function and alt text). Importing this module does not import
matplotlib; drawing does.

To add a figure, write its function in a module of this package, decorate it with
:func:`register` (title, caption, tables and an ``alt_text(frames)`` written from the
data), and import that module here: ``ecove-data figures`` then draws it, hashes its
module with its inputs, and lists it in the manifest and the gallery.

Examples
--------
>>> from ecove_data import figures
>>> list(figures.REGISTRY)[:2]
['call_2021_at_a_glance', 'call_2021_countries']
>>> figures.REGISTRY["activities"].tables
('activities',)
>>> print(figures.alt_text("call_2021_countries"))  # doctest: +ELLIPSIS
A grid of 55 squares, ...: 27 EU countries and 28 non-EU countries. ...
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import _report
from ._context import (
    campus_excellence_growth,
    cove_calls_over_time,
    date_span,
    pact_membership_growth,
    source_name,
)
from ._display import show
from ._registry import REGISTRY, FigureSpec, UnknownFigureError, register
from ._report import (
    activities,
    automotive_coalition,
    call_2021_at_a_glance,
    call_2021_countries,
    day2_workshops,
    key_figures_panel,
    pact_sectors_workshops,
    roundtable_recommendations,
)
from ._style import STYLE_FILE

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "REGISTRY",
    "STYLE_FILE",
    "FigureSpec",
    "UnknownFigureError",
    "activities",
    "alt_text",
    "automotive_coalition",
    "call_2021_at_a_glance",
    "call_2021_countries",
    "campus_excellence_growth",
    "cove_calls_over_time",
    "date_span",
    "day2_workshops",
    "draw",
    "key_figures_panel",
    "names",
    "pact_membership_growth",
    "pact_sectors_workshops",
    "register",
    "roundtable_recommendations",
    "show",
    "source_name",
    "spec",
]

del _report


def names() -> list[str]:
    """Return the registered figure names, in registry order.

    Examples
    --------
    >>> "key_figures_panel" in names()
    True
    """
    return list(REGISTRY)


def spec(name: str) -> FigureSpec:
    """Return the registry entry of a figure; unknown names list the valid ones.

    Examples
    --------
    >>> spec("activities").title
    "Main activities of the 2021 call's proposals"
    """
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownFigureError(name, names()) from None


def alt_text(name: str, *, data_dir: Path | str | None = None, **frames: pd.DataFrame) -> str:
    """Return a figure's alt text for the current data (or the ``frames`` given).

    Examples
    --------
    >>> "1741 organisations" in alt_text("call_2021_at_a_glance")
    True
    """
    from ._parts import tables

    entry = spec(name)
    return entry.alt_text(tables(entry.tables, frames, data_dir))


def draw(name: str, *, data_dir: Path | str | None = None, **frames: pd.DataFrame) -> Figure:
    """Draw a figure by name from the current data (or the ``frames`` given).

    Examples
    --------
    >>> draw("activities").get_size_inches().round(2).tolist()
    [6.3, 3.13]
    """
    from ._parts import tables

    entry = spec(name)
    return entry.draw(**tables(entry.tables, frames, data_dir))
