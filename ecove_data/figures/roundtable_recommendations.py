"""The round table's recommendations, in report order, and whether ECoVEM covers each."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ._parts import membership
from ._registry import Chart
from ._style import new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["roundtable_recommendations"]


class RoundtableFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    names: list[str]
    flags: list[bool]  # covered by ECoVEM, per name
    missing: list[str]


def facts(*, roundtable_recommendations: pd.DataFrame) -> RoundtableFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    names = [str(x) for x in roundtable_recommendations["recommendation"]]
    flags = [bool(x) for x in roundtable_recommendations["covered_by_ecovem"]]
    return {
        "names": names,
        "flags": flags,
        "missing": [n for n, f in zip(names, flags, strict=True) if not f],
    }


def alt_text(f: RoundtableFacts) -> str:
    """Write the alt text from the facts."""
    names, flags, missing = f["names"], f["flags"], f["missing"]
    text = (
        f"The {len(names)} recommendations of the first day's round table, in report order: "
        + "; ".join(names)
        + f". {sum(flags)} of the {len(names)} are covered by ECoVEM"
    )
    return text + (f"; not covered: {'; '.join(missing)}." if missing else ".")


def draw(f: RoundtableFacts) -> Figure:
    """Draw the six round-table recommendations and their coverage by ECoVEM."""
    names, flags = f["names"], f["flags"]
    fig = new_figure("full", 8.4)
    ax = fig.add_subplot()
    membership(ax, names, flags, yes="covered\nby ECoVEM", no="not covered", label_width=44)
    fig.suptitle(
        f"{sum(flags)} of the {len(names)} recommendations are covered by ECoVEM",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=9,
    )
    fig.supxlabel("Recommendations in report order.", x=0.01, ha="left", fontsize=8)
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
