"""The 2021 call's countries, one square each, EU and non-EU; the non-EU share derived."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ._parts import derived_values, figure_values
from ._registry import Chart
from ._style import COLOURS, format_number, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["call_2021_countries"]


class CountriesFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    countries: str
    eu: int
    non_eu: int
    share: str


def facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> CountriesFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    v = figure_values(key_figures)
    d = derived_values(derived_indicators)
    return {
        "countries": format_number(v["cove_call_2021_countries"]),
        "eu": round(v["cove_call_2021_countries_eu"]),
        "non_eu": round(v["cove_call_2021_countries_non_eu"]),
        "share": format_number(d["non_eu_country_share"]),
    }


def alt_text(f: CountriesFacts) -> str:
    """Write the alt text from the facts."""
    return (
        f"A grid of {f['countries']} squares, one per country of the organisations in the "
        f"2021 call's proposals: {format_number(f['eu'])} EU countries and "
        f"{format_number(f['non_eu'])} non-EU countries. "
        f"The non-EU share, {f['share']} %, is derived."
    )


def draw(f: CountriesFacts) -> Figure:
    """Draw the 2021 call's countries as EU and non-EU, one square per country."""
    from matplotlib.patches import Rectangle

    eu, non_eu = f["eu"], f["non_eu"]
    rows = 5
    columns = -(-(eu + non_eu) // rows)
    fig = new_figure("half", 5.4)
    ax = fig.add_subplot()
    # Column by column, so each group forms one block that reads left to right.
    for i in range(eu + non_eu):
        col, row = divmod(i, rows)
        is_eu = i < eu
        ax.add_patch(
            Rectangle(
                (col + 0.08, rows - 1 - row + 0.08),
                0.84,
                0.84,
                facecolor=COLOURS["stated"] if is_eu else COLOURS["paper"],
                edgecolor=COLOURS["stated"] if is_eu else COLOURS["exception"],
                hatch=None if is_eu else "////",
                linewidth=0.8,
            )
        )
    ax.set_xlim(-0.1, columns + 0.1)
    ax.set_ylim(-1.95, rows + 0.05)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_title(f"{format_number(eu + non_eu)} countries")
    ax.text(0, -0.3, f"■ {eu} EU", ha="left", va="top", fontsize=9, color=COLOURS["stated"])
    ax.text(
        columns,
        -0.3,
        f"{non_eu} non-EU ▨",
        ha="right",
        va="top",
        fontsize=9,
        color=COLOURS["exception"],
    )
    ax.text(
        columns / 2,
        -1.35,
        f"non-EU share {f['share']} % (derived: {non_eu} / {eu + non_eu})",
        ha="center",
        va="top",
        fontsize=8,
        fontstyle="italic",
    )
    return fig


def call_2021_countries(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    """Draw the 2021 call's countries as EU and non-EU, one square per country.

    Parameters
    ----------
    key_figures : DataFrame, optional
        The report's figures: the call's EU and non-EU countries (loaded when omitted).
    derived_indicators : DataFrame, optional
        The indicators derived from them: the non-EU share (loaded when omitted).

    Examples
    --------
    >>> fig = call_2021_countries()
    >>> fig.axes[0].get_title()
    '55 countries'
    """
    return CHART.figure(key_figures=key_figures, derived_indicators=derived_indicators)


CHART = Chart("call_2021_countries", facts, alt_text, draw)
