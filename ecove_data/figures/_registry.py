"""The figure registry: each figure's name, title, caption, tables and alt text."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["REGISTRY", "FigureSpec", "UnknownFigureError", "register"]

Frames = Mapping[str, "pd.DataFrame"]
F = TypeVar("F", bound=Callable[..., "Figure"])


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
    alt_text : callable
        ``alt_text(frames)`` writes the alt text from ``{table: DataFrame}``.
    """

    name: str
    title: str
    caption: str
    tables: tuple[str, ...]
    draw: Callable[..., Figure]
    alt_text: Callable[[Frames], str]

    @property
    def source_file(self) -> Path:
        """The module that defines the figure, part of what its files depend on."""
        module = sys.modules[self.draw.__module__]
        return Path(str(module.__file__))


REGISTRY: dict[str, FigureSpec] = {}


def register(
    *, title: str, caption: str, tables: tuple[str, ...], alt_text: Callable[[Frames], Any]
) -> Callable[[F], F]:
    """Add the decorated figure function to :data:`REGISTRY` under its own name.

    Modules that add figures import this and decorate their functions; importing
    the module registers them.
    """

    def add(func: F) -> F:
        name = func.__name__
        if name in REGISTRY:
            raise ValueError(f"a figure called {name!r} is already registered")

        @functools.wraps(func)
        def labelled(*args: Any, **kwargs: Any) -> Figure:
            # The figure carries its registry name, so a figure shown in a notebook can be
            # given its caption and alt text, and found again in the executed notebook.
            fig = func(*args, **kwargs)
            fig.set_label(name)
            return fig

        REGISTRY[name] = FigureSpec(
            name=name,
            title=title,
            caption=caption,
            tables=tuple(tables),
            draw=labelled,
            alt_text=alt_text,
        )
        return labelled  # type: ignore[return-value]

    return add


class UnknownFigureError(LookupError):
    """A figure name the registry does not have.

    Examples
    --------
    >>> print(UnknownFigureError("activity", ["activities", "day2_workshops"]))
    unknown figure 'activity'. Did you mean 'activities'? Valid names: activities, day2_workshops
    """

    def __init__(self, name: str, valid: list[str]) -> None:
        import difflib

        self.name = name
        self.valid = list(valid)
        close = difflib.get_close_matches(name, self.valid, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        super().__init__(f"unknown figure {name!r}.{hint} Valid names: {', '.join(self.valid)}")
