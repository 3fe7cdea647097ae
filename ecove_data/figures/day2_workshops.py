"""The workshops of the second day, and whether the report gives a conclusion for each."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ._parts import membership
from ._registry import Chart
from ._style import join_labels, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["day2_workshops"]


class WorkshopsFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    names: list[str]
    given: list[bool]  # a conclusion given, per name
    none: list[str]


def facts(*, workshops: pd.DataFrame) -> WorkshopsFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    names = [str(x) for x in workshops["workshop"]]
    given = [bool(isinstance(c, str) and c.strip()) for c in workshops["conclusion"].fillna("")]
    return {
        "names": names,
        "given": given,
        "none": [n for n, g in zip(names, given, strict=True) if not g],
    }


def alt_text(f: WorkshopsFacts) -> str:
    """Write the alt text from the facts."""
    names, given, none = f["names"], f["given"], f["none"]
    text = (
        f"The {len(names)} workshops of the second afternoon, in report order: "
        + "; ".join(names)
        + f". The report gives a conclusion for {sum(given)} of them"
    )
    return text + (f"; none for {join_labels(none)}." if none else ".")


def draw(f: WorkshopsFacts) -> Figure:
    """Draw the five day-2 workshops and whether the report gives a conclusion."""
    names, given = f["names"], f["given"]
    fig = new_figure("full", 7.2)
    ax = fig.add_subplot()
    membership(ax, names, given, yes="conclusion\ngiven", no="no conclusion\nin the report")
    fig.suptitle(
        f"The report gives a conclusion for {sum(given)} of the {len(names)} workshops",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=9,
    )
    fig.supxlabel("Workshops in report order.", x=0.01, ha="left", fontsize=8)
    return fig


def day2_workshops(*, workshops: pd.DataFrame | None = None) -> Figure:
    """Draw the five day-2 workshops and whether the report gives a conclusion.

    Parameters
    ----------
    workshops : DataFrame, optional
        The ``workshops`` table (loaded when omitted).

    Examples
    --------
    >>> day2_workshops().get_suptitle()
    'The report gives a conclusion for 4 of the 5 workshops'
    """
    return CHART.figure(workshops=workshops)


CHART = Chart("day2_workshops", facts, alt_text, draw)
