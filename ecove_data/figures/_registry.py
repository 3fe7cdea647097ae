"""The figure registry: each figure's name, title, caption, tables, facts and alt text.

A figure is one decorated function. :func:`register` takes its title and caption, a
``facts`` function and an ``alt_text`` function:

- ``facts(*, table=..., ...)`` names the tables the figure reads, once, as its keyword-only
  parameters, and returns the figure's numbers and labels (a small dict);
- ``alt_text(facts)`` writes the alt text from those facts;
- the decorated function draws from the same facts: ``draw(facts) -> Figure``.

So the picture and its description are computed from one set of facts and cannot drift
apart. The decorator returns the public figure function: it takes the tables as keyword
arguments (each loaded with :func:`ecove_data.load` when omitted), applies the package style
and draws.
"""

from __future__ import annotations

import functools
import inspect
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._errors import UnknownNameError
from ._style import styled

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["REGISTRY", "FigureSpec", "UnknownFigureError", "register"]

Frames = Mapping[str, "pd.DataFrame"]
Facts = Mapping[str, Any]


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
    facts: Callable[[Frames], Facts]
    describe: Callable[[Facts], str]

    def alt_text(self, frames: Frames) -> str:
        """Write the alt text from ``{table: DataFrame}`` (the figure's tables)."""
        return self.describe(self.facts(frames))

    @property
    def source_file(self) -> Path:
        """The module that defines the figure, part of what its files depend on."""
        module = sys.modules[self.draw.__module__]
        return Path(str(module.__file__))


REGISTRY: dict[str, FigureSpec] = {}


def _table_names(facts: Callable[..., Any]) -> tuple[str, ...]:
    """Return the keyword-only parameters of a facts function: the tables it reads, in order."""
    return tuple(
        p.name
        for p in inspect.signature(facts).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY
    )


def register(
    *,
    title: str,
    caption: str,
    alt_text: Callable[[Facts], str],
    facts: Callable[..., Facts] | None = None,
    tables: tuple[str, ...] | None = None,
) -> Callable[[Callable[..., Figure]], Callable[..., Figure]]:
    """Register the decorated drawing function as a figure under its own name.

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
        The public figure function: ``name(*, table=None, ...) -> Figure``.

    Examples
    --------
    >>> import ecove_data
    >>> spec = REGISTRY["activities"]
    >>> spec.tables
    ('activities',)
    >>> spec.facts({"activities": ecove_data.load("activities")})["positions"][:3]
    [1, 2, 3]
    """
    # Without facts, the figure function takes its tables as keyword arguments itself.
    takes_frames = facts is None
    if facts is None:
        if tables is None:
            raise TypeError("register needs facts(*, table, ...) or tables=(...)")
        names = tuple(tables)

        def identity(**frames: pd.DataFrame) -> Facts:
            return frames

        facts = identity
    else:
        names = _table_names(facts)
        if tables is not None and tuple(tables) != names:
            raise ValueError(f"tables {tuple(tables)} differ from the facts' parameters {names}")
    make_facts = facts

    def add(draw_facts: Callable[..., Figure]) -> Callable[..., Figure]:
        name = draw_facts.__name__
        if name in REGISTRY:
            raise ValueError(f"a figure called {name!r} is already registered")

        styled_draw = styled(draw_facts)

        @functools.wraps(draw_facts)
        def figure(**given: pd.DataFrame | None) -> Figure:
            from ._parts import tables as load_tables

            unknown = sorted(set(given) - set(names))
            if unknown:
                raise TypeError(f"{name}() reads {', '.join(names)}, not {', '.join(unknown)}")
            frames = load_tables(names, given)
            fig = styled_draw(**frames) if takes_frames else styled_draw(make_facts(**frames))
            # The figure carries its registry name, so a figure shown in a notebook can be
            # given its caption and alt text, and found again in the executed notebook.
            fig.set_label(name)
            return fig

        figure.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
            [
                inspect.Parameter(
                    table,
                    inspect.Parameter.KEYWORD_ONLY,
                    default=None,
                    annotation="pd.DataFrame | None",
                )
                for table in names
            ],
            return_annotation="Figure",
        )
        REGISTRY[name] = FigureSpec(
            name=name,
            title=title,
            caption=caption,
            tables=names,
            draw=figure,
            facts=lambda frames: make_facts(**{t: frames[t] for t in names}),
            describe=alt_text,
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
