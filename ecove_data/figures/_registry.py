"""The figure registry: each figure's name, title, caption, tables, facts and alt text.

A figure of the package is one module of :mod:`ecove_data.figures`, named as the figure,
with three small functions and the public one:

- ``facts(*, table, ...)`` names the tables the figure reads, as its keyword-only
  parameters, and returns the figure's numbers and labels (a ``TypedDict`` of its own);
- ``alt_text(facts)`` writes the alt text from those facts;
- ``draw(facts)`` draws them: so the picture and its description are computed from one set of
  facts and cannot drift apart;
- the public function, named as the figure, takes the same tables as keyword arguments (each
  loaded with :func:`ecove_data.load` when omitted) and returns ``CHART.figure(...)``, where
  ``CHART = Chart(name, facts, alt_text, draw)``.

Its title and caption are words, not code: they stand in ``captions.toml`` beside the
modules. The figures' index, ``figures/__init__.py``, lists the public functions in the
order of the registry, the gallery and the manifest (:func:`index`).

A figure defined outside the package is registered with the :func:`register` decorator,
which takes its title and caption as arguments.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .._errors import UnknownNameError
from ._style import styled

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = [
    "CAPTIONS_FILE",
    "REGISTRY",
    "Chart",
    "FigureSpec",
    "UnknownFigureError",
    "captions",
    "index",
    "register",
]

Frames = Mapping[str, "pd.DataFrame"]
# The facts of a figure registered with register(): any mapping its functions agree on.
Facts = Mapping[str, Any]
F = TypeVar("F")
CAPTIONS_FILE = Path(__file__).with_name("captions.toml")


@dataclass(frozen=True)
class FigureSpec:
    """One report figure: what it is called, what it says and what it reads.

    Attributes
    ----------
    name : str
        The function's name, which is also the stem of its files.
    title : str
        A short title for galleries and lists.
    caption : str
        The caption to print under the figure in a deliverable.
    tables : tuple of str
        The tables the figure reads; the function takes each as a keyword argument.
    draw : callable
        The figure function; returns a :class:`matplotlib.figure.Figure`.
    facts : callable
        ``facts(frames)`` returns the figure's numbers and labels from ``{table: DataFrame}``.
    describe : callable
        ``describe(facts)`` writes the alt text from the facts.
    """

    name: str
    title: str
    caption: str
    tables: tuple[str, ...]
    draw: Callable[..., Figure]
    facts: Callable[[Frames], Any]
    describe: Callable[[Any], str]

    def alt_text(self, frames: Frames) -> str:
        """Write the alt text from ``{table: DataFrame}`` (the figure's tables)."""
        return self.describe(self.facts(frames))

    @property
    def source_file(self) -> Path:
        """The module that defines the figure, part of what its files depend on."""
        module = sys.modules[self.draw.__module__]
        return Path(str(module.__file__))


REGISTRY: dict[str, FigureSpec] = {}


@functools.cache
def captions(path: Path = CAPTIONS_FILE) -> dict[str, dict[str, str]]:
    """Return ``{figure: {"title": ..., "caption": ...}}`` from ``captions.toml``.

    Examples
    --------
    >>> captions()["activities"]["title"]
    "Main activities of the 2021 call's proposals"
    """
    import tomllib

    with path.open("rb") as file:
        return tomllib.load(file)


def _table_names(facts: Callable[..., Any]) -> tuple[str, ...]:
    """Return the keyword-only parameters of a facts function: the tables it reads, in order."""
    return tuple(
        p.name
        for p in inspect.signature(facts).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    )


class Chart(Generic[F]):
    """One figure of the package: the tables it reads, its facts, its alt text and its drawing.

    Examples
    --------
    >>> from ecove_data.figures.activities import CHART
    >>> CHART.tables
    ('activities',)
    """

    def __init__(
        self,
        name: str,
        facts: Callable[..., F],
        alt_text: Callable[[F], str],
        draw: Callable[[F], Figure],
    ) -> None:
        self.name = name
        self.tables = _table_names(facts)
        self.make_facts = facts
        self.alt_text = alt_text
        self.draw = styled(draw)

    def facts(self, frames: Frames) -> F:
        """Return the facts from ``{table: DataFrame}`` (the figure's tables)."""
        return self.make_facts(**{table: frames[table] for table in self.tables})

    def figure(self, **given: pd.DataFrame | None) -> Figure:
        """Draw the figure from the tables given, loading the others, in the package style."""
        from ._parts import tables

        fig = self.draw(self.facts(tables(self.tables, given)))
        # The figure carries its registry name, so a figure shown in a notebook can be
        # given its caption and alt text, and found again in the executed notebook.
        fig.set_label(self.name)
        return fig


def index(*figures: Callable[..., Figure]) -> None:
    """Register the package's figures, in the order given: the registry's, the gallery's.

    Each is the public function of a figure module, whose ``CHART`` says what it reads and
    how it is drawn; its title and caption are those of ``captions.toml``.
    """
    words = captions()
    for public in figures:
        chart = getattr(sys.modules[public.__module__], "CHART", None)
        if not isinstance(chart, Chart) or chart.name != public.__name__:
            raise TypeError(f"{public.__module__} has no CHART for {public.__name__}")
        params = _table_names(public)
        if params != chart.tables:
            raise TypeError(
                f"{public.__name__}() takes {', '.join(params)}, but its facts read "
                f"{', '.join(chart.tables)}"
            )
        if chart.name not in words:
            raise KeyError(f"{CAPTIONS_FILE.name} has no [{chart.name}] title and caption")
        _add(
            FigureSpec(
                name=chart.name,
                title=words[chart.name]["title"],
                caption=words[chart.name]["caption"],
                tables=chart.tables,
                draw=public,
                facts=chart.facts,
                describe=chart.alt_text,
            )
        )


def _add(spec: FigureSpec) -> None:
    if spec.name in REGISTRY:
        raise ValueError(f"a figure called {spec.name!r} is already registered")
    REGISTRY[spec.name] = spec


def register(
    *,
    title: str,
    caption: str,
    alt_text: Callable[[Facts], str],
    facts: Callable[..., Facts] | None = None,
    tables: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., Figure]], Callable[..., Figure]]:
    """Register a figure defined outside the package: the decorated function draws its facts.

    Parameters
    ----------
    title, caption : str
        The figure's title and the caption to print under it.
    alt_text : callable
        ``alt_text(facts)``: the alt text, written from the facts.
    facts : callable, optional
        ``facts(*, table=..., ...)``: the tables the figure reads, as keyword-only
        parameters, and the numbers and labels it shows. Without it, the facts are the
        tables themselves (``{table: DataFrame}``) and ``tables`` names them.
    tables : tuple of str, optional
        Only without ``facts``: the tables the figure reads.

    Returns
    -------
    callable
        The public figure function: ``name(**tables) -> Figure``, each table loaded when
        omitted.

    Examples
    --------
    >>> import ecove_data
    >>> spec = REGISTRY["activities"]
    >>> spec.tables
    ('activities',)
    >>> spec.facts({"activities": ecove_data.load("activities")})["positions"][:3]
    [1, 2, 3]
    """
    if facts is None:
        if tables is None:
            raise TypeError("register needs facts(*, table, ...) or tables=(...)")
        names = tuple(tables)

        def identity(**frames: pd.DataFrame) -> Facts:
            return frames

        make_facts: Callable[..., Facts] = identity
    else:
        names = _table_names(facts)
        if tables is not None and tuple(tables) != names:
            raise ValueError(f"tables {tuple(tables)} differ from the facts' parameters {names}")
        make_facts = facts

    def add(draw_facts: Callable[..., Figure]) -> Callable[..., Figure]:
        name = draw_facts.__name__
        chart = Chart(name, make_facts, alt_text, draw_facts)
        chart.tables = names

        def figure(**given: pd.DataFrame | None) -> Figure:
            unknown = sorted(set(given) - set(names))
            if unknown:
                raise TypeError(f"{name}() reads {', '.join(names)}, not {', '.join(unknown)}")
            return chart.figure(**given)

        figure.__name__ = figure.__qualname__ = name
        figure.__module__ = draw_facts.__module__
        figure.__doc__ = draw_facts.__doc__
        _add(
            FigureSpec(
                name=name,
                title=title,
                caption=caption,
                tables=names,
                draw=figure,
                facts=chart.facts,
                describe=alt_text,
            )
        )
        return figure

    return add


class UnknownFigureError(UnknownNameError):
    """A figure name the registry does not have.

    Examples
    --------
    >>> print(UnknownFigureError("activity", ["activities", "day2_workshops"]))
    unknown figure 'activity'. Did you mean 'activities'? Valid names: activities, day2_workshops
    """

    def __init__(self, name: str, valid: list[str]) -> None:
        super().__init__("figure", name, valid)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.name, self.valid))
