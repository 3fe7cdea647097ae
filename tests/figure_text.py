"""What a reader sees in a figure: its visible texts, read from the artists."""

from __future__ import annotations

from urllib.parse import urlsplit

from conftest import REPORT
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from ecove_data import figures

# The report's figures and the context figures, in the order of the figures' index.
REPORT_FIGURES = [figure.__name__ for figure in figures.REPORT_FIGURES]
CONTEXT_FIGURES = [figure.__name__ for figure in figures.CONTEXT_FIGURES]


def shown(fig: Figure) -> list[Text]:
    """The text artists a reader sees: visible, non-empty, not on a hidden axis or tick."""
    hidden = set()
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            if not ax.axison:
                hidden.update(id(t) for t in axis.findobj(Text))
                continue
            # Ticks outside the view limits keep their labels but are not drawn.
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    hidden.update((id(tick.label1), id(tick.label2)))
    return [
        artist
        for artist in fig.findobj(Text)
        if artist.get_visible() and artist.get_text().strip() and id(artist) not in hidden
    ]


def texts(fig: Figure) -> list[str]:
    """Every text a reader sees, titles and tick labels included."""
    return [artist.get_text() for artist in shown(fig)]


def flat(fig: Figure) -> str:
    """All texts of a figure as one string, line breaks as spaces."""
    return " | ".join(t.replace("\n", " ") for t in texts(fig))


def drawn(fig: Figure) -> tuple[Figure, object]:
    """The figure drawn on an Agg canvas, with its renderer (for text extents)."""
    FigureCanvasAgg(fig)
    fig.canvas.draw()
    return fig, fig.canvas.get_renderer()


def footnote(fig: Figure) -> str:
    """The figure's footnote (its sources), line breaks as spaces."""
    return fig.get_supxlabel().replace("\n", " ")


def site(url: str) -> str:
    """How a footnote names a source: the report, or the web site without "www."."""
    return "the report" if url == REPORT else (urlsplit(url).hostname or "").removeprefix("www.")
