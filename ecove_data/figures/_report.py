"""The report figures: one decorated function per figure, with its caption and alt text.

Each figure is three small functions. ``_<name>_facts`` names the tables the figure reads
(its keyword-only parameters) and returns the numbers and labels it shows; ``_<name>_alt``
writes the alt text from those facts; the registered function draws from the same facts.
The public function (``activities(activities=None)``, ...) loads the tables it is not given
and applies the package style. A corrected value changes the chart and its description
together, since both read it from the same facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..provenance import source_name
from ._parts import membership, tile, tile_grid
from ._registry import Facts, register
from ._style import COLOURS, format_number, format_value, join_labels, new_figure, wrap

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# ECoVEM is the European Centre of Vocational Excellence in Microelectronics: its sector comes
# from the project's name, not from the report's tables, so it is named here.
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


# --- call_2021_at_a_glance ---------------------------------------------------------------


def _call_facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> Facts:
    v = _figure_values(key_figures)
    d = _derived_values(derived_indicators)
    organisations = format_number(v["cove_call_2021_organisations"])
    proposals = format_number(v["cove_call_2021_proposals"])
    return {
        "proposals": proposals,
        "organisations": organisations,
        "countries": format_number(v["cove_call_2021_countries"]),
        "per_proposal": format_number(d["organisations_per_proposal"]),
        "formula": f"{organisations} / {proposals}",
    }


def _call_alt(f: Facts) -> str:
    return (
        "Four number tiles on the 2021 Erasmus+ call for Centres of Vocational Excellence. "
        f"Stated in the report: {f['proposals']} proposals, {f['organisations']} organisations "
        f"and {f['countries']} countries. Derived, not stated: {f['per_proposal']} "
        f"organisations per proposal on average ({f['formula']})."
    )


@register(
    title="The 2021 call for Centres of Vocational Excellence at a glance",
    caption=(
        "Proposals, organisations and countries of the 2021 Erasmus+ call for Centres of "
        "Vocational Excellence, as stated in the report, and the average number of "
        "organisations per proposal, derived from them (dashed tile)."
    ),
    facts=_call_facts,
    alt_text=_call_alt,
)
def call_2021_at_a_glance(f: Facts) -> Figure:
    """Draw the 2021 call's proposals, organisations, countries and organisations per proposal.

    Examples
    --------
    >>> fig = call_2021_at_a_glance()
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_fontsize() > 10]
    ['84', '1741', '55', '20.7']
    """
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


# --- call_2021_countries -----------------------------------------------------------------


def _countries_facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> Facts:
    v = _figure_values(key_figures)
    d = _derived_values(derived_indicators)
    return {
        "countries": format_number(v["cove_call_2021_countries"]),
        "eu": round(v["cove_call_2021_countries_eu"]),
        "non_eu": round(v["cove_call_2021_countries_non_eu"]),
        "share": format_number(d["non_eu_country_share"]),
    }


def _countries_alt(f: Facts) -> str:
    return (
        f"A grid of {f['countries']} squares, one per country of the organisations in the "
        f"2021 call's proposals: {format_number(f['eu'])} EU countries and "
        f"{format_number(f['non_eu'])} non-EU countries. "
        f"The non-EU share, {f['share']} %, is derived."
    )


@register(
    title="Countries of the 2021 call: EU and non-EU",
    caption=(
        "The countries of the organisations taking part in the 2021 call's proposals, one "
        "square per country, split into EU and non-EU countries as the report states; the "
        "non-EU share is derived."
    ),
    facts=_countries_facts,
    alt_text=_countries_alt,
)
def call_2021_countries(f: Facts) -> Figure:
    """Draw the 2021 call's countries as EU and non-EU, one square per country.

    Examples
    --------
    >>> fig = call_2021_countries()
    >>> fig.axes[0].get_title()
    '55 countries'
    """
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


# --- pact_sectors_workshops --------------------------------------------------------------

# Where a figure names ECoVEM's sector, it says where that comes from: the project's name,
# not the report.
ECOVEM_SECTOR_NOTE = (
    "ECoVEM's sector by the project's name, "
    "European Centre of Vocational Excellence in Microelectronics"
)


def _programme_workshops(event: pd.DataFrame) -> tuple[str, str]:
    """Return the programme's list of Pact for Skills workshops and the site it comes from."""
    # Imported here: importing the context module first would register its figures first.
    rows = event[event["attribute"] == "networking_workshops"]
    if not len(rows):
        return "", ""
    row = rows.iloc[0]
    return str(row["value"]), source_name(str(row["source_url"]))


def _sectors_facts(
    *, pact_sectors: pd.DataFrame, key_figures: pd.DataFrame, context_event: pd.DataFrame
) -> Facts:
    names = [str(x) for x in pact_sectors["sector"]]
    flags = [bool(x) for x in pact_sectors["in_networking_workshops"]]
    stated = key_figures.set_index("figure_id").loc["pact_sectors_in_networking_workshops"]
    programme, site = _programme_workshops(context_event)
    quote, line = str(stated["quote"]), int(str(stated["line"]))
    return {
        "names": names,
        "flags": flags,
        "without": [n for n, f in zip(names, flags, strict=True) if not f],
        # Where the six come from: the programme names them, the report gives only the count.
        "which": (
            f"The report says only \u201c{quote}\u201d (line {line}); it does not name the "
            "sectors. Which ones are marked comes from the conference programme "
            f"({site}), which names the Pact for Skills workshops: {programme}."
        ),
    }


def _sectors_alt(f: Facts) -> str:
    names, flags, without = f["names"], f["flags"], f["without"]
    text = (
        f"The {len(names)} Pact for Skills sectors the report names, in its order: "
        f"{join_labels(names)}. The afternoon networking workshops were relevant for "
        f"{sum(flags)} of the {len(names)}"
    )
    if without:
        mark = f" ({ECOVEM_SECTOR_NOTE})" if without == [ECOVEM_SECTOR] else ""
        text += f"; {join_labels(without)}{mark} was not included."
    else:
        text += "."
    return f"{text} {f['which']} The report's list is open: more sectors could be included."


@register(
    title="Pact for Skills sectors and the networking workshops",
    caption=(
        "The Pact for Skills sectors named in the report, in its order, and whether the "
        "afternoon networking workshops were relevant for them. The report gives how many "
        "sectors they were relevant for and says microelectronics was not included; which ones "
        "is taken from the conference programme, which names them (footnote). "
        "Microelectronics is ECoVEM's sector by the project's name. The report's list is open."
    ),
    facts=_sectors_facts,
    alt_text=_sectors_alt,
)
def pact_sectors_workshops(f: Facts) -> Figure:
    """Draw the named Pact sectors and which the networking workshops were relevant for.

    Examples
    --------
    >>> fig = pact_sectors_workshops()
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][2]
    'Microelectronics'
    """
    names, flags = f["names"], f["flags"]
    notes = {
        i: ("ECoVEM's sector,\nby the project's name" if name == ECOVEM_SECTOR else "")
        for i, (name, flag) in enumerate(zip(names, flags, strict=True))
        if not flag
    }
    fig = new_figure("full", 9.6)
    ax = fig.add_subplot()
    membership(
        ax,
        names,
        flags,
        yes="workshops\nrelevant",
        no="not\nincluded",
        notes=notes,
        right=2.6,
    )
    fig.suptitle(
        f"The networking workshops were relevant for {sum(flags)} of the {len(names)} "
        "named sectors",
        x=0.01,
        ha="left",
        fontweight="bold",
        fontsize=9,
    )
    fig.supxlabel(
        wrap(
            f["which"] + " Sectors in report order; the report's list is open "
            "(\u201c\u2026 and more could be included\u201d).",
            98,
        ),
        x=0.01,
        ha="left",
        fontsize=8,
        linespacing=1.2,
    )
    return fig


# --- automotive_coalition ----------------------------------------------------------------

# What the report's sentence leaves open about the euros (lines 30-31: "which represents
# 700000 people/year and 7 billion euros"); every label of the euros carries it.
EUROS_CAVEAT = "the report does not say whether the {euros} euros are yearly or what they pay for"
AUTOMOTIVE_IDS = (
    "automotive_upskilling_share",
    "automotive_upskilling_people",
    "automotive_upskilling_eur",
)


def _automotive_facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> Facts:
    k = key_figures.set_index("figure_id")
    d = _derived_values(derived_indicators)
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


def _automotive_alt(f: Facts) -> str:
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


@register(
    title="The Automotive skills coalition's up-skilling target",
    caption=(
        "The Automotive skills coalition's up-skilling target as the report states it (solid "
        "boxes): a share of employees, which represents both a number of people a year and an "
        "amount in euros. Two values derived from them (dashed boxes): the euros divided by the "
        "people a year, a ratio and not a cost per person, since the report does not say "
        "whether the euros are yearly or what they pay for; and the workforce that the people "
        "a year imply, being that share of employees."
    ),
    facts=_automotive_facts,
    alt_text=_automotive_alt,
)
def automotive_coalition(f: Facts) -> Figure:
    r"""Draw 5 % of employees -> (people a year and euros), and the derived values as derived.

    Examples
    --------
    >>> texts = [t.get_text() for t in automotive_coalition().axes[0].texts]
    >>> texts[:3]
    ['5\xa0%', 'of employees\nto up-skill', '700\xa0000']
    """
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
    fig.supxlabel(
        f"Solid boxes: stated in the report (lines {f['lines']}). Dashed boxes: derived, "
        "not stated.",
        x=0.01,
        ha="left",
        fontsize=8,
    )
    return fig


# --- roundtable_recommendations ----------------------------------------------------------


def _roundtable_facts(*, roundtable_recommendations: pd.DataFrame) -> Facts:
    names = [str(x) for x in roundtable_recommendations["recommendation"]]
    flags = [bool(x) for x in roundtable_recommendations["covered_by_ecovem"]]
    return {
        "names": names,
        "flags": flags,
        "missing": [n for n, f in zip(names, flags, strict=True) if not f],
    }


def _roundtable_alt(f: Facts) -> str:
    names, flags, missing = f["names"], f["flags"], f["missing"]
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
    facts=_roundtable_facts,
    alt_text=_roundtable_alt,
)
def roundtable_recommendations(f: Facts) -> Figure:
    """Draw the six round-table recommendations and their coverage by ECoVEM.

    Examples
    --------
    >>> roundtable_recommendations().get_suptitle()
    '6 of the 6 recommendations are covered by ECoVEM'
    """
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


# --- activities --------------------------------------------------------------------------


def _activities_facts(*, activities: pd.DataFrame) -> Facts:
    a = activities.sort_values("position")
    return {
        "positions": [int(x) for x in a["position"]],
        "names": [str(x) for x in a["activity"]],
    }


def _activities_alt(f: Facts) -> str:
    items = [
        f"{position}. {name}" for position, name in zip(f["positions"], f["names"], strict=True)
    ]
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
    facts=_activities_facts,
    alt_text=_activities_alt,
)
def activities(f: Facts) -> Figure:
    """Draw the eight main activities as an ordered list: positions, no bars.

    Examples
    --------
    >>> [t.get_text() for t in activities().axes[0].texts][:2]
    ['1', 'Initial and continuous training']
    """
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
    fig.supxlabel(
        "Order of mention only: the report gives no sizes or shares, and its list ends "
        "with \u201c\u2026\u201d.",
        x=0.01,
        ha="left",
        fontsize=8,
    )
    return fig


# --- day2_workshops ----------------------------------------------------------------------


def _workshops_facts(*, workshops: pd.DataFrame) -> Facts:
    names = [str(x) for x in workshops["workshop"]]
    given = [bool(isinstance(c, str) and c.strip()) for c in workshops["conclusion"].fillna("")]
    return {
        "names": names,
        "given": given,
        "none": [n for n, g in zip(names, given, strict=True) if not g],
    }


def _workshops_alt(f: Facts) -> str:
    names, given, none = f["names"], f["given"], f["none"]
    text = (
        f"The {len(names)} workshops of the second afternoon, in report order: "
        + "; ".join(names)
        + f". The report gives a conclusion for {sum(given)} of them"
    )
    return text + (f"; none for {join_labels(none)}." if none else ".")


@register(
    title="Workshops of the second day",
    caption=(
        "The workshops of the second afternoon, in report order, and whether the report "
        "gives a conclusion for each."
    ),
    facts=_workshops_facts,
    alt_text=_workshops_alt,
)
def day2_workshops(f: Facts) -> Figure:
    """Draw the five day-2 workshops and whether the report gives a conclusion.

    Examples
    --------
    >>> day2_workshops().get_suptitle()
    'The report gives a conclusion for 4 of the 5 workshops'
    """
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


# --- key_figures_panel -------------------------------------------------------------------


def _panel_facts(*, key_figures: pd.DataFrame, derived_indicators: pd.DataFrame) -> Facts:
    d = derived_indicators.set_index("indicator_id")
    v = _figure_values(key_figures)
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


def _panel_alt(f: Facts) -> str:
    parts = [f"{label}: {words}" for _, words, label, _, _ in f["stated"]]
    return (
        f"A panel of {len(parts) + 1} number tiles with the report's headline figures. "
        + "; ".join(parts)
        + f". One tile is derived, not stated: {f['per_proposal']} organisations per proposal."
    )


@register(
    title="The report's key figures",
    caption=(
        "Every number the report states, on one panel, with the average number of "
        "organisations per proposal derived from them (dashed tile). A value with \u201c>\u201d "
        "is a lower bound: the report says \u201cmore than\u201d."
    ),
    facts=_panel_facts,
    alt_text=_panel_alt,
)
def key_figures_panel(f: Facts) -> Figure:
    r"""Draw the headline numbers on one panel, for a deliverable's summary page.

    Examples
    --------
    >>> fig = key_figures_panel()
    >>> ">\xa0500" in [t.get_text() for ax in fig.axes for t in ax.texts]
    True
    """
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
