"""Report figures: one function per figure, a registry, and the build behind ``ecove-data figures``.

Each figure function takes the tables it reads as keyword arguments (loaded with
:func:`ecove_data.load` by default) and returns a :class:`matplotlib.figure.Figure` in
the package style. :data:`REGISTRY` maps each name to its :class:`FigureSpec` (title,
caption, tables, function, facts and alt text). Importing this module does not import
matplotlib; drawing does.

Each figure is one module named as the figure, and its title and caption stand in
``captions.toml``. This file is the figures' index: the order of :func:`index` below is the
order of the registry, the gallery and the manifest, report figures first, then the context
figures that set the report beside public sources. To add a figure, write its module, add its
line here and its entry to ``captions.toml`` (see the README's "Add a figure"):
``ecove-data figures`` then draws it, hashes its module with its inputs, and lists it in the
manifest and the gallery.

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

from ..provenance import date_span, source_name
from ._display import show
from ._registry import REGISTRY, FigureSpec, UnknownFigureError, index, register
from ._style import STYLE_FILE, format_number
from .activities import activities
from .automotive_coalition import automotive_coalition
from .call_2021_at_a_glance import call_2021_at_a_glance
from .call_2021_countries import call_2021_countries
from .campus_excellence_growth import campus_excellence_growth
from .cove_calls_over_time import cove_calls_over_time
from .day2_workshops import day2_workshops
from .key_figures_panel import key_figures_panel
from .pact_membership_growth import pact_membership_growth
from .pact_sectors_workshops import pact_sectors_workshops
from .roundtable_recommendations import roundtable_recommendations

# The report's figures, in the order a reader meets their subjects in the report.
REPORT_FIGURES = (
    call_2021_at_a_glance,
    call_2021_countries,
    pact_sectors_workshops,
    automotive_coalition,
    roundtable_recommendations,
    activities,
    day2_workshops,
    key_figures_panel,
)
# The context figures: the report's snapshot beside public figures from other sources.
CONTEXT_FIGURES = (
    cove_calls_over_time,
    pact_membership_growth,
    campus_excellence_growth,
)
index(*REPORT_FIGURES, *CONTEXT_FIGURES)

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "CONTEXT_FIGURES",
    "REGISTRY",
    "REPORT_FIGURES",
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
    # A figure registered from outside the package (register()) is reached by its name too.
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
