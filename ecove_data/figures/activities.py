"""The main activities of the 2021 call's proposals, as the ordered list the report gives."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ._parts import note
from ._registry import Chart
from ._style import COLOURS, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["activities"]


class ActivitiesFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    positions: list[int]
    names: list[str]


def facts(*, activities: pd.DataFrame) -> ActivitiesFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    a = activities.sort_values("position")
    return {
        "positions": [int(x) for x in a["position"]],
        "names": [str(x) for x in a["activity"]],
    }


def alt_text(f: ActivitiesFacts) -> str:
    """Write the alt text from the facts."""
    items = [
        f"{position}. {name}" for position, name in zip(f["positions"], f["names"], strict=True)
    ]
    return (
        f"A numbered list of the {len(items)} main activities of the 2021 call's proposals, in "
        "the order the report mentions them; the report gives no sizes, and its list ends "
        "with an ellipsis. " + "; ".join(items) + "."
    )


def draw(f: ActivitiesFacts) -> Figure:
    """Draw the eight main activities as an ordered list: positions, no bars."""
    positions, names = f["positions"], f["names"]
    fig = new_figure("full", 2.2 + 0.72 * len(names))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(len(names) - 0.4, -0.6)
    ax.plot([0.03, 0.03], [0, len(names) - 1], color=COLOURS["rule"], lw=1.5, zorder=1)
    for row, (position, name) in enumerate(zip(positions, names, strict=True)):
        ax.plot(0.03, row, marker="o", markersize=15, color=COLOURS["stated"], zorder=2)
        ax.text(
            0.03,
            row,
            str(position),
            ha="center",
            va="center_baseline",
            fontsize=9,
            fontweight="bold",
            color=COLOURS["paper"],
            zorder=3,
        )
        ax.text(0.075, row, name, ha="left", va="center", fontsize=9.5)
    ax.set_title(
        f"The {len(names)} main activities in the order the report mentions them", loc="left"
    )
    note(
        fig,
        "Order of mention only: the report gives no sizes or shares, and its list ends "
        "with \u201c\u2026\u201d.",
    )
    return fig


def activities(*, activities: pd.DataFrame | None = None) -> Figure:
    """Draw the eight main activities as an ordered list: positions, no bars.

    Parameters
    ----------
    activities : DataFrame, optional
        The ``activities`` table (loaded when omitted).

    Examples
    --------
    >>> [t.get_text() for t in activities().axes[0].texts][:2]
    ['1', 'Initial and continuous training']
    """
    return CHART.figure(activities=activities)


CHART = Chart("activities", facts, alt_text, draw)
