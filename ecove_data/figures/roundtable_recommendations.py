"""The round table's recommendations, in report order, and whether ECoVEM covers each."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._parts import MembershipFacts, heading, membership, membership_facts, note
from ._registry import Chart
from ._style import new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["roundtable_recommendations"]


def facts(*, roundtable_recommendations: pd.DataFrame) -> MembershipFacts:
    """Return the recommendations, and whether ECoVEM covers each."""
    table = roundtable_recommendations
    return membership_facts(table["recommendation"], table["covered_by_ecovem"])


def alt_text(f: MembershipFacts) -> str:
    """Write the alt text from the facts."""
    names, flags, missing = f["names"], f["flags"], f["outside"]
    text = (
        f"The {len(names)} recommendations of the first day's round table, in report order: "
        + "; ".join(names)
        + f". {sum(flags)} of the {len(names)} are covered by ECoVEM"
    )
    return text + (f"; not covered: {'; '.join(missing)}." if missing else ".")


def draw(f: MembershipFacts) -> Figure:
    """Draw the six round-table recommendations and their coverage by ECoVEM."""
    names, flags = f["names"], f["flags"]
    fig = new_figure("full", 8.4)
    ax = fig.add_subplot()
    membership(ax, names, flags, yes="covered\nby ECoVEM", no="not covered", label_width=44)
    heading(fig, f"{sum(flags)} of the {len(names)} recommendations are covered by ECoVEM")
    note(fig, "Recommendations in report order.")
    return fig


def roundtable_recommendations(*, roundtable_recommendations: pd.DataFrame | None = None) -> Figure:
    """Draw the six round-table recommendations and their coverage by ECoVEM.

    Parameters
    ----------
    roundtable_recommendations : DataFrame, optional
        The ``roundtable_recommendations`` table (loaded when omitted).

    Examples
    --------
    >>> roundtable_recommendations().get_suptitle()
    '6 of the 6 recommendations are covered by ECoVEM'
    """
    return CHART.figure(roundtable_recommendations=roundtable_recommendations)


CHART = Chart("roundtable_recommendations", facts, alt_text, draw)
