"""The Pact for Skills sectors the report names; those the networking workshops served."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..provenance import source_name
from ._parts import MembershipFacts, footnote, heading, membership, membership_facts
from ._registry import Chart
from ._style import join_labels, new_figure

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

__all__ = ["pact_sectors_workshops"]

# ECoVEM is the European Centre of Vocational Excellence in Microelectronics: its sector comes
# from the project's name, not from the report's tables, so it is named here.
ECOVEM_SECTOR = "Microelectronics"


# Where a figure names ECoVEM's sector, it says where that comes from: the project's name,
# not the report.
ECOVEM_SECTOR_NOTE = (
    "ECoVEM's sector by the project's name, "
    "European Centre of Vocational Excellence in Microelectronics"
)


def _programme_workshops(event: pd.DataFrame) -> tuple[str, str]:
    """Return the programme's list of Pact for Skills workshops and the site it comes from."""
    rows = event[event["attribute"] == "networking_workshops"]
    if not len(rows):
        return "", ""
    row = rows.iloc[0]
    return str(row["value"]), source_name(str(row["source_url"]))


class SectorsFacts(MembershipFacts):
    """The sectors, those the workshops were relevant for, and where the marks come from."""

    which: str


def facts(
    *, pact_sectors: pd.DataFrame, key_figures: pd.DataFrame, context_event: pd.DataFrame
) -> SectorsFacts:
    """Return the numbers and labels the figure shows, from its tables."""
    sectors = membership_facts(pact_sectors["sector"], pact_sectors["in_networking_workshops"])
    stated = key_figures.set_index("figure_id").loc["pact_sectors_in_networking_workshops"]
    programme, site = _programme_workshops(context_event)
    quote, line = str(stated["quote"]), int(str(stated["line"]))
    return {
        **sectors,
        # Where the six come from: the programme names them, the report gives only the count.
        "which": (
            f"The report says only \u201c{quote}\u201d (line {line}); it does not name the "
            "sectors. Which ones are marked comes from the conference programme "
            f"({site}), which names the Pact for Skills workshops: {programme}."
        ),
    }


def alt_text(f: SectorsFacts) -> str:
    """Write the alt text from the facts."""
    names, flags, without = f["names"], f["flags"], f["outside"]
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


def draw(f: SectorsFacts) -> Figure:
    """Draw the named Pact sectors and which the networking workshops were relevant for."""
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
    heading(
        fig,
        f"The networking workshops were relevant for {sum(flags)} of the {len(names)} "
        "named sectors",
    )
    footnote(
        fig,
        f["which"] + " Sectors in report order; the report's list is open "
        "(\u201c\u2026 and more could be included\u201d).",
        98,
    )
    return fig


def pact_sectors_workshops(
    *,
    pact_sectors: pd.DataFrame | None = None,
    key_figures: pd.DataFrame | None = None,
    context_event: pd.DataFrame | None = None,
) -> Figure:
    """Draw the named Pact sectors and which the networking workshops were relevant for.

    Parameters
    ----------
    pact_sectors : DataFrame, optional
        The Pact for Skills sectors the report names, in its order (loaded when omitted).
    key_figures : DataFrame, optional
        The report's figures: how many sectors the workshops were relevant for, with its
        quote and line (loaded when omitted).
    context_event : DataFrame, optional
        The conference programme's facts, which name the workshops' sectors (loaded when
        omitted).

    Examples
    --------
    >>> fig = pact_sectors_workshops()
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()][2]
    'Microelectronics'
    """
    return CHART.figure(
        pact_sectors=pact_sectors, key_figures=key_figures, context_event=context_event
    )


CHART = Chart("pact_sectors_workshops", facts, alt_text, draw)
