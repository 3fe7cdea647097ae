"""The 2021 call in number tiles: proposals, organisations, countries, one value derived."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ._parts import derived_values, figure_values, tile, tile_grid
from ._registry import Chart
from ._style import format_number, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["call_2021_at_a_glance"]


class CallFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    proposals: str
    organisations: str
    countries: str
    per_proposal: str
    formula: str  # how per_proposal is derived


def facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> CallFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    v = figure_values(key_figures)
    d = derived_values(derived_indicators)
    organisations = format_number(v["cove_call_2021_organisations"])
    proposals = format_number(v["cove_call_2021_proposals"])
    return {
        "proposals": proposals,
        "organisations": organisations,
        "countries": format_number(v["cove_call_2021_countries"]),
        "per_proposal": format_number(d["organisations_per_proposal"]),
        "formula": f"{organisations} / {proposals}",
    }


def alt_text(f: CallFacts) -> str:
    """Write the alt text from the facts."""
    return (
        "Four number tiles on the 2021 Erasmus+ call for Centres of Vocational Excellence. "
        f"Stated in the report: {f['proposals']} proposals, {f['organisations']} organisations "
        f"and {f['countries']} countries. Derived, not stated: {f['per_proposal']} "
        f"organisations per proposal on average ({f['formula']})."
    )


def draw(f: CallFacts) -> Figure:
    """Draw the 2021 call's proposals, organisations, countries and organisations per proposal."""
    fig = new_figure("full", 4.6)
    ax = fig.add_subplot()
    tile_grid(ax, 1, 4)
    tile(ax, 0, 0, f["proposals"], "proposals submitted")
    tile(ax, 0, 1, f["organisations"], "organisations taking part")
    tile(ax, 0, 2, f["countries"], "countries")
    tile(
        ax,
        0,
        3,
        f["per_proposal"],
        "organisations per proposal (average)",
        kind="derived",
        tag=f"derived: {f['formula']}",
    )
    return fig


def call_2021_at_a_glance(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    """Draw the 2021 call's proposals, organisations, countries and organisations per proposal.

    Parameters
    ----------
    key_figures : DataFrame, optional
        The report's figures: the call's proposals, organisations and countries (loaded when
        omitted).
    derived_indicators : DataFrame, optional
        The indicators derived from them: the organisations per proposal (loaded when omitted).

    Examples
    --------
    >>> fig = call_2021_at_a_glance()
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_fontsize() > 10]
    ['84', '1741', '55', '20.7']
    """
    return CHART.figure(key_figures=key_figures, derived_indicators=derived_indicators)


CHART = Chart("call_2021_at_a_glance", facts, alt_text, draw)
