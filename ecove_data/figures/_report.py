"""The report figures: one function per figure, each registered with its caption and alt text.

Every function takes the tables it reads as keyword arguments (loaded with
:func:`ecove_data.load` when omitted), applies the package style and returns a
:class:`matplotlib.figure.Figure`. The alt text beside each one is written from the same
tables, so a corrected value changes the chart and its description together.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._parts import membership, tables, tile, tile_grid
from ._registry import register
from ._style import COLOURS, format_number, format_value, new_figure, styled, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "activities",
    "automotive_coalition",
    "call_2021_at_a_glance",
    "call_2021_countries",
    "day2_workshops",
    "key_figures_panel",
    "pact_sectors_workshops",
    "roundtable_recommendations",
]

Frames = Mapping[str, "pd.DataFrame"]

# ECoVEM is the Centre of Vocational Excellence in Microelectronics: a fact about the
# project, not a value of the report's tables, so it is named here.
ECOVEM_SECTOR = "Microelectronics"


def _figure_values(key_figures: pd.DataFrame) -> dict[str, float]:
    return {
        str(fid): float(value)
        for fid, value in zip(key_figures["figure_id"], key_figures["value"], strict=True)
    }


def _derived_values(derived: pd.DataFrame) -> dict[str, float]:
    return {
        str(iid): float(value)
        for iid, value in zip(derived["indicator_id"], derived["value"], strict=True)
    }


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- call_2021_at_a_glance ---------------------------------------------------------------


def _call_alt(frames: Frames) -> str:
    v = _figure_values(frames["key_figures"])
    d = _derived_values(frames["derived_indicators"])
    return (
        "Four number tiles on the 2021 Erasmus+ call for Centres of Vocational Excellence. "
        f"Stated in the report: {format_number(v['cove_call_2021_proposals'])} proposals, "
        f"{format_number(v['cove_call_2021_organisations'])} organisations and "
        f"{format_number(v['cove_call_2021_countries'])} countries. Derived, not stated: "
        f"{format_number(d['organisations_per_proposal'])} organisations per proposal on "
        f"average ({format_number(v['cove_call_2021_organisations'])} / "
        f"{format_number(v['cove_call_2021_proposals'])})."
    )


@register(
    title="The 2021 call for Centres of Vocational Excellence at a glance",
    caption=(
        "Proposals, organisations and countries of the 2021 Erasmus+ call for Centres of "
        "Vocational Excellence, as stated in the report, and the average number of "
        "organisations per proposal, derived from them (dashed tile)."
    ),
    tables=("key_figures", "derived_indicators"),
    alt_text=_call_alt,
)
@styled
def call_2021_at_a_glance(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    """Draw the 2021 call's proposals, organisations, countries and organisations per proposal.

    Examples
    --------
    >>> fig = call_2021_at_a_glance()
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_fontsize() > 10]
    ['84', '1741', '55', '20.7']
    """
    t = tables(
        ["key_figures", "derived_indicators"],
        {"key_figures": key_figures, "derived_indicators": derived_indicators},
    )
    v = _figure_values(t["key_figures"])
    d = _derived_values(t["derived_indicators"])
    fig = new_figure("full", 4.6)
    ax = fig.add_subplot()
    tile_grid(ax, 1, 4)
    tile(ax, 0, 0, format_number(v["cove_call_2021_proposals"]), "proposals submitted")
    tile(
        ax,
        0,
        1,
        format_number(v["cove_call_2021_organisations"]),
        "organisations taking part",
    )
    tile(ax, 0, 2, format_number(v["cove_call_2021_countries"]), "countries")
    tile(
        ax,
        0,
        3,
        format_number(d["organisations_per_proposal"]),
        "organisations per proposal (average)",
        kind="derived",
        tag=(
            f"derived: {format_number(v['cove_call_2021_organisations'])} / "
            f"{format_number(v['cove_call_2021_proposals'])}"
        ),
    )
    return fig


# --- call_2021_countries -----------------------------------------------------------------


def _countries_alt(frames: Frames) -> str:
    v = _figure_values(frames["key_figures"])
    d = _derived_values(frames["derived_indicators"])
    return (
        f"A grid of {format_number(v['cove_call_2021_countries'])} squares, one per country "
        "of the organisations in the 2021 call's proposals: "
        f"{format_number(v['cove_call_2021_countries_eu'])} EU countries and "
        f"{format_number(v['cove_call_2021_countries_non_eu'])} non-EU countries. "
        f"The non-EU share, {format_number(d['non_eu_country_share'])} %, is derived."
    )


@register(
    title="Countries of the 2021 call: EU and non-EU",
    caption=(
        "The countries of the organisations taking part in the 2021 call's proposals, one "
        "square per country, split into EU and non-EU countries as the report states; the "
        "non-EU share is derived."
    ),
    tables=("key_figures", "derived_indicators"),
    alt_text=_countries_alt,
)
@styled
def call_2021_countries(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    """Draw the 2021 call's countries as EU and non-EU, one square per country.

    Examples
    --------
    >>> fig = call_2021_countries()
    >>> fig.axes[0].get_title()
    '55 countries'
    """
    from matplotlib.patches import Rectangle

    t = tables(
        ["key_figures", "derived_indicators"],
        {"key_figures": key_figures, "derived_indicators": derived_indicators},
    )
    v = _figure_values(t["key_figures"])
    d = _derived_values(t["derived_indicators"])
    eu, non_eu = (
        round(v["cove_call_2021_countries_eu"]),
        round(v["cove_call_2021_countries_non_eu"]),
    )
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
                facecolor=COLOURS["stated"] if is_eu else "white",
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
        f"non-EU share {format_number(d['non_eu_country_share'])} % (derived: {non_eu} / "
        f"{eu + non_eu})",
        ha="center",
        va="top",
        fontsize=8,
        fontstyle="italic",
    )
    return fig


# --- pact_sectors_workshops --------------------------------------------------------------


def _sectors_alt(frames: Frames) -> str:
    s = frames["pact_sectors"]
    names = [str(x) for x in s["sector"]]
    flags = [bool(x) for x in s["in_networking_workshops"]]
    without = [n for n, f in zip(names, flags, strict=True) if not f]
    text = (
        f"The {len(names)} Pact for Skills sectors the report names, in its order: "
        f"{_join(names)}. {sum(flags)} of the {len(names)} had an afternoon networking "
        "workshop"
    )
    if without:
        mark = " (ECoVEM's own sector)" if ECOVEM_SECTOR in without and len(without) == 1 else ""
        text += f"; {_join(without)}{mark} did not."
    else:
        text += "."
    return text + " The report's list is open: more sectors could be included."


@register(
    title="Pact for Skills sectors and the networking workshops",
    caption=(
        "The Pact for Skills sectors named in the report, in its order, and whether the "
        "afternoon networking workshops covered them. Microelectronics, ECoVEM's own sector, "
        "is the one named sector without a workshop. The report's list is open."
    ),
    tables=("pact_sectors",),
    alt_text=_sectors_alt,
)
@styled
def pact_sectors_workshops(*, pact_sectors: pd.DataFrame | None = None) -> Figure:
    """Draw the named Pact sectors and which had a networking workshop; exceptions stand out.

    Examples
    --------
    >>> fig = pact_sectors_workshops()
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][2]
    'Microelectronics'
    """
    s = tables(["pact_sectors"], {"pact_sectors": pact_sectors})["pact_sectors"]
    names = [str(x) for x in s["sector"]]
    flags = [bool(x) for x in s["in_networking_workshops"]]
    notes = {
        i: (
            "ECoVEM's own sector:\nno networking workshop"
            if name == ECOVEM_SECTOR
            else "no networking workshop"
        )
        for i, (name, flag) in enumerate(zip(names, flags, strict=True))
        if not flag
    }
    fig = new_figure("full", 7.4)
    ax = fig.add_subplot()
    membership(
        ax,
        names,
        flags,
        yes="networking\nworkshop",
        no="no networking\nworkshop",
        notes=notes,
        right=2.4,
    )
    fig.suptitle(
        f"{sum(flags)} of the {len(names)} named sectors had a networking workshop",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=9,
    )
    fig.supxlabel(
        "Sectors in report order. The report's list is open (\u201c\u2026 and more could be "
        "included\u201d).",
        x=0.01,
        ha="left",
        fontsize=8,
    )
    return fig


# --- automotive_coalition ----------------------------------------------------------------


def _automotive_alt(frames: Frames) -> str:
    v = _figure_values(frames["key_figures"])
    d = _derived_values(frames["derived_indicators"])
    share = format_number(v["automotive_upskilling_share"])
    people = format_number(v["automotive_upskilling_people"])
    euros = format_number(v["automotive_upskilling_investment"])
    return (
        "A chain of the Automotive skills coalition's stated figures: up-skilling "
        f"{share} % of employees, which is {people} people a year and {euros} euros. "
        "Below it, two values derived from them and not stated in the report: "
        f"{format_number(d['automotive_investment_per_person_eur'])} euros per person "
        f"({euros} / {people}) and an implied workforce of "
        f"{format_number(d['automotive_implied_workforce'])} employees ({people} / {share} %)."
    )


def _box(
    ax: Axes, x: float, y: float, value: str, label: str, *, kind: str, width: float = 0.25
) -> None:
    from matplotlib.patches import FancyBboxPatch

    derived = kind == "derived"
    ax.add_patch(
        FancyBboxPatch(
            (x - width / 2, y - 0.17),
            width,
            0.34,
            boxstyle="round,pad=0,rounding_size=0.03",
            facecolor=COLOURS["derived_fill"] if derived else COLOURS["fill"],
            edgecolor=COLOURS["derived"] if derived else COLOURS["stated"],
            linestyle="dashed" if derived else "solid",
            linewidth=1.2,
        )
    )
    ax.text(
        x,
        y + 0.075,
        value,
        ha="center",
        va="center",
        fontsize=14,
        fontweight="bold",
        color=COLOURS["derived"] if derived else COLOURS["stated"],
    )
    ax.text(x, y - 0.02, label, ha="center", va="top", fontsize=8, linespacing=1.15)


@register(
    title="The Automotive skills coalition's up-skilling target",
    caption=(
        "The Automotive skills coalition's up-skilling target as the report states it (solid "
        "boxes), and two values derived from it (dashed boxes): euros per person and the "
        "workforce that 700 000 people being 5 % of employees implies."
    ),
    tables=("key_figures", "derived_indicators"),
    alt_text=_automotive_alt,
)
@styled
def automotive_coalition(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    r"""Draw 5 % of employees -> people a year -> euros, and the derived values as derived.

    Examples
    --------
    >>> texts = [t.get_text() for t in automotive_coalition().axes[0].texts]
    >>> texts[:3]
    ['5 %', 'of employees\nto up-skill', '700 000']
    """
    t = tables(
        ["key_figures", "derived_indicators"],
        {"key_figures": key_figures, "derived_indicators": derived_indicators},
    )
    v = _figure_values(t["key_figures"])
    d = _derived_values(t["derived_indicators"])
    share = format_value(v["automotive_upskilling_share"], "percent")
    people = format_number(v["automotive_upskilling_people"])
    euros = format_number(v["automotive_upskilling_investment"])
    fig = new_figure("full", 7.6)
    ax = fig.add_subplot()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_axis_off()
    top, bottom = 0.79, 0.21
    xs = (0.13, 0.5, 0.87)
    _box(ax, xs[0], top, share, "of employees\nto up-skill", kind="stated")
    _box(ax, xs[1], top, people, "people a year", kind="stated")
    _box(ax, xs[2], top, euros, "euros", kind="stated")
    for a, b in ((xs[0], xs[1]), (xs[1], xs[2])):
        ax.annotate(
            "",
            xy=(b - 0.13, top),
            xytext=(a + 0.13, top),
            arrowprops={"arrowstyle": "-|>", "color": "#333333", "lw": 1.2},
        )
    ax.text(
        (xs[0] + xs[1]) / 2,
        top + 0.03,
        "represents",
        ha="center",
        va="bottom",
        fontsize=8,
    )
    ax.text(
        (xs[1] + xs[2]) / 2,
        top + 0.03,
        "and",
        ha="center",
        va="bottom",
        fontsize=8,
    )
    workforce_x, per_person_x = 0.33, 0.67
    _box(
        ax,
        workforce_x,
        bottom,
        format_number(d["automotive_implied_workforce"]),
        f"employees implied\nderived: {people} / {share}",
        kind="derived",
        width=0.3,
    )
    _box(
        ax,
        per_person_x,
        bottom,
        format_value(d["automotive_investment_per_person_eur"], "eur"),
        f"per person up-skilled\nderived: {euros} / {people}",
        kind="derived",
        width=0.3,
    )
    for sources, target in (((xs[0], xs[1]), workforce_x), ((xs[1], xs[2]), per_person_x)):
        for x in sources:
            ax.annotate(
                "",
                xy=(target + (x - target) * 0.35, bottom + 0.17),
                xytext=(x + (target - x) * 0.2, top - 0.17),
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": COLOURS["derived"],
                    "lw": 1,
                    "linestyle": "dashed",
                },
            )
    ax.text(
        0.0,
        bottom,
        "Solid boxes:\nstated in\nthe report",
        ha="left",
        va="center",
        fontsize=8,
        color=COLOURS["stated"],
    )
    ax.text(
        1.0,
        bottom,
        "Dashed boxes:\nderived,\nnot stated",
        ha="right",
        va="center",
        fontsize=8,
        color="#5A3A00",
    )
    return fig


# --- roundtable_recommendations ----------------------------------------------------------


def _roundtable_alt(frames: Frames) -> str:
    r = frames["roundtable_recommendations"]
    names = [str(x) for x in r["recommendation"]]
    flags = [bool(x) for x in r["covered_by_ecovem"]]
    missing = [n for n, f in zip(names, flags, strict=True) if not f]
    text = (
        f"The {len(names)} recommendations of the first day's round table, in report order: "
        + "; ".join(names)
        + f". {sum(flags)} of the {len(names)} are covered by ECoVEM"
    )
    return text + (f"; not covered: {'; '.join(missing)}." if missing else ".")


@register(
    title="Round-table recommendations and ECoVEM",
    caption=(
        "The recommendations of the first day's round table, in report order, and whether "
        "ECoVEM covers each, as the report states."
    ),
    tables=("roundtable_recommendations",),
    alt_text=_roundtable_alt,
)
@styled
def roundtable_recommendations(*, roundtable_recommendations: pd.DataFrame | None = None) -> Figure:
    """Draw the six round-table recommendations and their coverage by ECoVEM.

    Examples
    --------
    >>> roundtable_recommendations().get_suptitle()
    '6 of the 6 recommendations are covered by ECoVEM'
    """
    r = tables(
        ["roundtable_recommendations"],
        {"roundtable_recommendations": roundtable_recommendations},
    )["roundtable_recommendations"]
    names = [str(x) for x in r["recommendation"]]
    flags = [bool(x) for x in r["covered_by_ecovem"]]
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


# --- activities --------------------------------------------------------------------------


def _activities_alt(frames: Frames) -> str:
    a = frames["activities"].sort_values("rank")
    items = [f"{int(rank)}. {name}" for rank, name in zip(a["rank"], a["activity"], strict=True)]
    return (
        f"A numbered list of the {len(items)} main activities of the 2021 call's proposals, in "
        "the order the report mentions them; the report gives no sizes, and its list ends "
        "with an ellipsis. " + "; ".join(items) + "."
    )


@register(
    title="Main activities of the 2021 call's proposals",
    caption=(
        "The main activities of the 2021 call's proposals in the order the report mentions "
        "them. The report gives their order only, not their size, and its list is open."
    ),
    tables=("activities",),
    alt_text=_activities_alt,
)
@styled
def activities(*, activities: pd.DataFrame | None = None) -> Figure:
    """Draw the eight main activities as an ordered list: positions, no bars.

    Examples
    --------
    >>> [t.get_text() for t in activities().axes[0].texts][:2]
    ['1', 'Initial and continuous training']
    """
    a = tables(["activities"], {"activities": activities})["activities"].sort_values("rank")
    ranks = [int(x) for x in a["rank"]]
    names = [str(x) for x in a["activity"]]
    fig = new_figure("full", 2.2 + 0.72 * len(names))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(len(names) - 0.4, -0.6)
    ax.plot([0.03, 0.03], [0, len(names) - 1], color="#BBBBBB", lw=1.5, zorder=1)
    for row, (rank, name) in enumerate(zip(ranks, names, strict=True)):
        ax.plot(0.03, row, marker="o", markersize=15, color=COLOURS["stated"], zorder=2)
        ax.text(
            0.03,
            row,
            str(rank),
            ha="center",
            va="center_baseline",
            fontsize=9,
            fontweight="bold",
            color="white",
            zorder=3,
        )
        ax.text(0.075, row, name, ha="left", va="center", fontsize=9.5)
    ax.set_title(
        f"The {len(names)} main activities in the order the report mentions them", loc="left"
    )
    fig.supxlabel(
        "Order of mention only: the report gives no sizes or shares, and its list ends "
        "with \u201c\u2026\u201d.",
        x=0.01,
        ha="left",
        fontsize=8,
    )
    return fig


# --- day2_workshops ----------------------------------------------------------------------


def _workshops_alt(frames: Frames) -> str:
    w = frames["workshops"]
    names = [str(x) for x in w["workshop"]]
    given = [bool(isinstance(c, str) and c.strip()) for c in w["conclusion"].fillna("")]
    none = [n for n, g in zip(names, given, strict=True) if not g]
    text = (
        f"The {len(names)} workshops of the second afternoon, in report order: "
        + "; ".join(names)
        + f". The report gives a conclusion for {sum(given)} of them"
    )
    return text + (f"; none for {_join(none)}." if none else ".")


@register(
    title="Workshops of the second day",
    caption=(
        "The workshops of the second afternoon, in report order, and whether the report "
        "gives a conclusion for each."
    ),
    tables=("workshops",),
    alt_text=_workshops_alt,
)
@styled
def day2_workshops(*, workshops: pd.DataFrame | None = None) -> Figure:
    """Draw the five day-2 workshops and whether the report gives a conclusion.

    Examples
    --------
    >>> day2_workshops().get_suptitle()
    'The report gives a conclusion for 4 of the 5 workshops'
    """
    w = tables(["workshops"], {"workshops": workshops})["workshops"]
    names = [str(x) for x in w["workshop"]]
    given = [bool(isinstance(c, str) and c.strip()) for c in w["conclusion"].fillna("")]
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


# --- key_figures_panel -------------------------------------------------------------------


def _panel_alt(frames: Frames) -> str:
    k = frames["key_figures"]
    d = frames["derived_indicators"].set_index("indicator_id")
    parts = []
    for label, value, unit, qualifier in zip(
        k["label"], k["value"], k["unit"], k["qualifier"], strict=True
    ):
        number = format_value(value, str(unit), str(qualifier)).replace("> ", "more than ")
        parts.append(f"{label}: {number}")
    per = format_number(d.loc["organisations_per_proposal", "value"])
    return (
        f"A panel of {len(parts) + 1} number tiles with the report's headline figures. "
        + "; ".join(parts)
        + f". One tile is derived, not stated: {per} organisations per proposal."
    )


@register(
    title="The report's key figures",
    caption=(
        "Every number the report states, on one panel, with the average number of "
        "organisations per proposal derived from them (dashed tile). A value with \u201c>\u201d "
        "is a lower bound: the report says \u201cmore than\u201d."
    ),
    tables=("key_figures", "derived_indicators"),
    alt_text=_panel_alt,
)
@styled
def key_figures_panel(
    *, key_figures: pd.DataFrame | None = None, derived_indicators: pd.DataFrame | None = None
) -> Figure:
    """Draw the headline numbers on one panel, for a deliverable's summary page.

    Examples
    --------
    >>> fig = key_figures_panel()
    >>> "> 500" in [t.get_text() for ax in fig.axes for t in ax.texts]
    True
    """
    t = tables(
        ["key_figures", "derived_indicators"],
        {"key_figures": key_figures, "derived_indicators": derived_indicators},
    )
    k = t["key_figures"]
    d = t["derived_indicators"].set_index("indicator_id")
    v = _figure_values(k)
    cells = [
        (
            format_value(value, str(unit), str(qualifier)),
            str(label),
            "lower_bound" if qualifier == "more_than" else "stated",
            "lower bound" if qualifier == "more_than" else None,
        )
        for label, value, unit, qualifier in zip(
            k["label"], k["value"], k["unit"], k["qualifier"], strict=True
        )
    ]
    cells.append(
        (
            format_number(d.loc["organisations_per_proposal", "value"]),
            str(d.loc["organisations_per_proposal", "label"]),
            "derived",
            f"derived: {format_number(v['cove_call_2021_organisations'])} / "
            f"{format_number(v['cove_call_2021_proposals'])}",
        )
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
            "bound. Dashed orange frame: derived by ecove_data, not stated.",
            50 if columns - column >= 2 else 24,
        ),
        ha="left",
        va="center",
        fontsize=8,
    )
    return fig
