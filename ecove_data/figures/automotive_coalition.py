"""The Automotive skills coalition's up-skilling target as stated, and two values derived."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from ._parts import derived_values, note
from ._registry import Chart
from ._style import COLOURS, format_number, format_value, new_figure, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["automotive_coalition"]


# What the report's sentence leaves open about the euros (lines 30-31: "which represents
# 700000 people/year and 7 billion euros"); every label of the euros carries it.
EUROS_CAVEAT = "the report does not say whether the {euros} euros are yearly or what they pay for"
AUTOMOTIVE_IDS = (
    "automotive_upskilling_share",
    "automotive_upskilling_people",
    "automotive_upskilling_eur",
)


class AutomotiveFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    share: str
    people: str
    euros: str
    workforce: str
    ratio: str
    lines: str  # the report lines the figures stand on
    caveat: str


def facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> AutomotiveFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    k = key_figures.set_index("figure_id")
    d = derived_values(derived_indicators)
    lines = [int(str(k.loc[fid, "line"])) for fid in AUTOMOTIVE_IDS]
    euros = format_number(k.loc["automotive_upskilling_eur", "value"])
    return {
        "share": format_value(k.loc["automotive_upskilling_share", "value"], "percent"),
        "people": format_number(k.loc["automotive_upskilling_people", "value"]),
        "euros": euros,
        "workforce": format_number(d["automotive_implied_workforce"]),
        "ratio": format_value(d["automotive_eur_over_people_a_year"], "eur"),
        "lines": f"{min(lines)}-{max(lines)}" if min(lines) != max(lines) else str(lines[0]),
        "caveat": EUROS_CAVEAT.format(euros=euros),
    }


def alt_text(f: AutomotiveFacts) -> str:
    """Write the alt text from the facts."""
    return (
        f"The Automotive skills coalition's stated figures (report, lines {f['lines']}): "
        f"up-skilling {f['share']} of employees, which represents both {f['people']} people "
        f"a year and {f['euros']} euros. Below, two values derived from them and not stated in "
        f"the report: {f['euros']} / {f['people']} a year = {f['ratio']}, a ratio and not a "
        f"cost per person, since {f['caveat']}; and an implied workforce of {f['workforce']} "
        f"employees ({f['people']} / {f['share']})."
    )


def _box(
    ax: Axes,
    x: float,
    y: float,
    value: str,
    label: str,
    *,
    kind: str,
    width: float = 0.22,
    height: float = 0.34,
) -> None:
    from matplotlib.patches import FancyBboxPatch

    derived = kind == "derived"
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - height / 2),
            width,
            height,
            boxstyle="round,pad=0,rounding_size=0.03",
            facecolor=COLOURS["derived_fill"] if derived else COLOURS["fill"],
            edgecolor=COLOURS["derived"] if derived else COLOURS["stated"],
            linestyle="dashed" if derived else "solid",
            linewidth=1.2,
        )
    )
    ax.text(
        x,
        y + height / 2 - 0.1,
        value,
        ha="center",
        va="center",
        fontsize=14,
        fontweight="bold",
        color=COLOURS["derived"] if derived else COLOURS["stated"],
    )
    ax.text(x, y + height / 2 - 0.19, label, ha="center", va="top", fontsize=8, linespacing=1.15)


def draw(f: AutomotiveFacts) -> Figure:
    r"""Draw 5 % of employees -> (people a year and euros), and the derived values as derived."""
    from matplotlib.patches import FancyBboxPatch

    fig = new_figure("full", 9.4)
    ax = fig.add_subplot()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    top, bottom = 0.78, 0.24
    xs = (0.125, 0.5, 0.83)
    _box(ax, xs[0], top, f["share"], "of employees\nto up-skill", kind="stated")
    _box(ax, xs[1], top, f["people"], "people a year", kind="stated")
    _box(ax, xs[2], top, f["euros"], "euros", kind="stated")
    # The 5 % "represents" both numbers: one arrow into a frame around the two.
    ax.add_patch(
        FancyBboxPatch(
            (xs[1] - 0.14, top - 0.2),
            xs[2] - xs[1] + 0.28,
            0.39,
            boxstyle="round,pad=0,rounding_size=0.03",
            facecolor="none",
            edgecolor=COLOURS["neutral"],
            linestyle="dotted",
            linewidth=1,
        )
    )
    ax.annotate(
        "",
        xy=(xs[1] - 0.14, top),
        xytext=(xs[0] + 0.115, top),
        arrowprops={"arrowstyle": "-|>", "color": COLOURS["text_soft"], "lw": 1.2},
    )
    ax.text(
        (xs[0] + xs[1] - 0.025) / 2,
        top + 0.03,
        "represents",
        ha="center",
        va="bottom",
        fontsize=8,
    )
    ax.text((xs[1] + xs[2]) / 2, top, "and", ha="center", va="center", fontsize=9)
    workforce_x, ratio_x = 0.27, 0.7
    _box(
        ax,
        workforce_x,
        bottom,
        f["workforce"],
        f"employees implied\nderived: {f['people']} / {f['share']}",
        kind="derived",
        width=0.3,
        height=0.4,
    )
    _box(
        ax,
        ratio_x,
        bottom,
        f["ratio"],
        f"derived: {f['euros']} / {f['people']} a year.\n"
        + wrap(f"Not a cost per person: {f['caveat']}.", 44),
        kind="derived",
        width=0.44,
        height=0.4,
    )
    for sources, target in (((xs[0], xs[1]), workforce_x), ((xs[1], xs[2]), ratio_x)):
        for x in sources:
            ax.annotate(
                "",
                xy=(target + (x - target) * 0.35, bottom + 0.2),
                xytext=(x + (target - x) * 0.2, top - 0.17),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": COLOURS["derived"],
                    "lw": 1,
                    "linestyle": "dashed",
                },
            )
    note(
        fig,
        f"Solid boxes: stated in the report (lines {f['lines']}). Dashed boxes: derived, "
        "not stated.",
    )
    return fig


def automotive_coalition(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    r"""Draw 5 % of employees -> (people a year and euros), and the derived values as derived.

    Parameters
    ----------
    key_figures : DataFrame, optional
        The report's figures: the coalition's share, people a year and euros, with their
        lines (loaded when omitted).
    derived_indicators : DataFrame, optional
        The indicators derived from them: the implied workforce, and the euros over the people
        a year, a ratio (loaded when omitted).

    Examples
    --------
    >>> texts = [t.get_text() for t in automotive_coalition().axes[0].texts]
    >>> texts[:3]
    ['5\xa0%', 'of employees\nto up-skill', '700\xa0000']
    """
    return CHART.figure(key_figures=key_figures, derived_indicators=derived_indicators)


CHART = Chart("automotive_coalition", facts, alt_text, draw)
