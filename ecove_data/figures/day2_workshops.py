"""The workshops of the second day, and whether the report gives a conclusion for each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._parts import MembershipFacts, heading, membership, membership_facts, note
from ._registry import Chart
from ._style import join_labels, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["day2_workshops"]


def facts(*, workshops: pd.DataFrame) -> MembershipFacts:
    """Return the workshops, and whether the report gives a conclusion for each."""
    given = [bool(isinstance(c, str) and c.strip()) for c in workshops["conclusion"].fillna("")]
    return membership_facts(workshops["workshop"], given)


def alt_text(f: MembershipFacts) -> str:
    """Write the alt text from the facts."""
    names, given, none = f["names"], f["flags"], f["outside"]
    text = (
        f"The {len(names)} workshops of the second afternoon, in report order: "
        + "; ".join(names)
        + f". The report gives a conclusion for {sum(given)} of them"
    )
    return text + (f"; none for {join_labels(none)}." if none else ".")


def draw(f: MembershipFacts) -> Figure:
    """Draw the five day-2 workshops and whether the report gives a conclusion."""
    names, given = f["names"], f["flags"]
    fig = new_figure("full", 7.2)
    ax = fig.add_subplot()
    membership(ax, names, given, yes="conclusion\ngiven", no="no conclusion\nin the report")
    heading(fig, f"The report gives a conclusion for {sum(given)} of the {len(names)} workshops")
    note(fig, "Workshops in report order.")
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
