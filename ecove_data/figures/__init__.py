"""Report figures: one function per figure, a registry, and the build behind ``ecove-data figures``.

Each figure function takes the tables it reads as keyword arguments (loaded with
:func:`ecove_data.load` by default) and returns a :class:`matplotlib.figure.Figure` in
the package style. :data:`REGISTRY` maps each name to its :class:`FigureSpec` (title,
caption, tables, function, facts and alt text). Importing this module does not import
matplotlib; drawing does.

The figure functions are not listed anywhere: importing the figure modules registers
them, and ``figures.NAME`` (or ``from ecove_data.figures import NAME``) is looked up in the
registry. To add a figure, decorate one function with :func:`register` in a figure module
(see the README's "Add a figure"): ``ecove-data figures`` then draws it, hashes its module
with its inputs, and lists it in the manifest and the gallery.

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

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Importing the figure modules registers their figures, report figures first.
from . import _report  # noqa: F401

from . import _context  # noqa: F401  # isort: skip
from ..provenance import date_span, source_name
from ._display import show
from ._registry import REGISTRY, FigureSpec, UnknownFigureError, register
from ._style import STYLE_FILE, format_number

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "REGISTRY",
    "STYLE_FILE",
    "FigureSpec",
    "UnknownFigureError",
    "alt_text",
    "date_span",
    "draw",
    "format_number",
    "names",
    "register",
    "show",
    "source_name",
    "spec",
]


def __getattr__(name: str) -> Callable[..., Figure]:
    # Figure functions are reached through the registry, so a new figure needs no import
    # or export list here.
    if name in REGISTRY:
        return REGISTRY[name].draw
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *REGISTRY})


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


# The figure names come from the registry, so __all__ stays true as figures are added.
__all__ += list(REGISTRY)
