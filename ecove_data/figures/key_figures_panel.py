"""Every number the report states on one panel, with one derived tile."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from ._parts import figure_values, tile, tile_grid
from ._registry import Chart
from ._style import format_number, format_value, new_figure, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["key_figures_panel"]


class PanelFacts(TypedDict):
    """What the figure shows: the facts its drawing and its alt text are written from."""

    # (value as drawn, value in words, label, frame kind, tag) per stated figure.
    stated: list[tuple[str, str, str, str, str | None]]
    per_proposal: str
    per_proposal_label: str
    formula: str


def facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> PanelFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    d = derived_indicators.set_index("indicator_id")
    v = figure_values(key_figures)
    rows = list(
        zip(
            key_figures["label"],
            key_figures["value"],
            key_figures["unit"],
            key_figures["qualifier"],
            strict=True,
        )
    )
    return {
        # (value as drawn, value in words, label, frame kind, tag) per stated figure.
        "stated": [
            (
                format_value(value, str(unit), str(qualifier)),
                format_value(value, str(unit), str(qualifier), words=True),
                str(label),
                "lower_bound" if qualifier == "more_than" else "stated",
                "lower bound" if qualifier == "more_than" else None,
            )
            for label, value, unit, qualifier in rows
        ],
        "per_proposal": format_number(d.loc["organisations_per_proposal", "value"]),
        "per_proposal_label": str(d.loc["organisations_per_proposal", "label"]),
        "formula": f"{format_number(v['cove_call_2021_organisations'])} / "
        f"{format_number(v['cove_call_2021_proposals'])}",
    }


def alt_text(f: PanelFacts) -> str:
    """Write the alt text from the facts."""
    parts = [f"{label}: {words}" for _, words, label, _, _ in f["stated"]]
    return (
        f"A panel of {len(parts) + 1} number tiles with the report's headline figures. "
        + "; ".join(parts)
        + f". One tile is derived, not stated: {f['per_proposal']} organisations per proposal."
    )


def draw(f: PanelFacts) -> Figure:
    r"""Draw the headline numbers on one panel, for a deliverable's summary page."""
    cells: list[tuple[str, str, str, Any]] = [
        (value, label, kind, tag) for value, _, label, kind, tag in f["stated"]
    ]
    cells.append(
        (f["per_proposal"], f["per_proposal_label"], "derived", f"derived: {f['formula']}")
    )
    columns = 4
    rows = -(-(len(cells) + 2) // columns)
    fig = new_figure("full", 3.5 * rows + 0.3)
    ax = fig.add_subplot()
    tile_grid(ax, rows, columns)
    for i, (value, label, kind, tag) in enumerate(cells):
        row, column = divmod(i, columns)
        tile(ax, row, column, value, label, kind=kind, tag=tag, value_size=14, label_width=21)
    row, column = divmod(len(cells), columns)
    ax.text(
        column + 0.08,
        row + 0.5,
        wrap(
            "Solid frame: stated in the report. Dotted frame and \u201c>\u201d: a lower "
            "bound. Dashed frame: derived by ecove_data, not stated.",
            46 if columns - column >= 2 else 24,
        ),
        ha="left",
        va="center",
        fontsize=8,
    )
    return fig


def key_figures_panel(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    r"""Draw the headline numbers on one panel, for a deliverable's summary page.

    Parameters
    ----------
    key_figures : DataFrame, optional
        Every figure the report states, one tile each (loaded when omitted).
    derived_indicators : DataFrame, optional
        The indicators derived from them: the organisations per proposal, the one derived
        tile (loaded when omitted).

    Examples
    --------
    >>> fig = key_figures_panel()
    >>> ">\xa0500" in [t.get_text() for ax in fig.axes for t in ax.texts]
    True
    """
    return CHART.figure(key_figures=key_figures, derived_indicators=derived_indicators)


CHART = Chart("key_figures_panel", facts, alt_text, draw)
