"""The house style: the shipped style file, A4 sizes, colours and number formats."""

from __future__ import annotations

import contextlib
import functools
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Literal, ParamSpec, TypeVar

from .._numbers import NBSP, format_number, format_value, join_labels

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "CM",
    "COLOURS",
    "DECORATION",
    "FULL_WIDTH_CM",
    "HALF_WIDTH_CM",
    "MIN_FONT_PT",
    "NBSP",
    "STYLE_FILE",
    "format_number",
    "format_value",
    "join_labels",
    "new_figure",
    "styled",
    "wrap",
]

STYLE_FILE = Path(__file__).with_name("ecove.mplstyle")
CM = 1 / 2.54
FULL_WIDTH_CM = 16.0
HALF_WIDTH_CM = 8.0
MIN_FONT_PT = 8.0

# Okabe-Ito hues (Okabe and Ito, "Color Universal Design"), chosen to stay apart with the
# common colour-vision deficiencies. Orange, bluish green and vermilion are darkened (their
# RGB scaled, so the hue stays) until each reaches 4.5:1 on white, WCAG 2.1's contrast for
# text (1.4.3), which is also more than the 3:1 that marks need (1.4.11): any of them can
# draw a label, a marker, a bar or the frame of a tile. Blue is Okabe-Ito's own, 5.2:1. The
# figures never tell two things apart by colour alone (1.4.1): a shape, a line style, a
# hatch or a label always says the same.
COLOURS = {
    "stated": "#0072B2",  # Okabe-Ito blue, 5.2:1 on white
    "derived": "#9C6C00",  # Okabe-Ito orange #E69F00 darkened, 4.6:1 (was 2.2:1)
    "exception": "#C05500",  # Okabe-Ito vermilion #D55E00 darkened, 4.6:1 (was 3.9:1)
    "positive": "#008561",  # Okabe-Ito bluish green #009E73 darkened, 4.6:1 (was 3.4:1)
    "neutral": "#6E6E6E",  # 5.1:1
    "fill": "#EEF4FA",
    "derived_fill": "#FDF3E1",
    "exception_fill": "#FBE9DE",
    # Text: darker shades of the colours above, 7:1 or more on white and on the fills.
    "text": "#222222",
    "text_soft": "#333333",
    "text_muted": "#444444",
    "derived_text": "#5A3A00",
    "exception_text": "#7A3000",
    # Guides from a label to its marker: decoration, below 3:1 on purpose.
    "rule": "#BBBBBB",
    "paper": "white",
}
# The colours for what a reader does not need in order to read a figure: the paper, the
# fills of tiles, the bands that highlight a row or a call, the guides from a label to its
# marker. WCAG 1.4.11 asks 3:1 of the marks that carry meaning, not of these; text drawn on
# them still needs its own contrast against them.
DECORATION = ("paper", "fill", "derived_fill", "exception_fill", "rule")

P = ParamSpec("P")
R = TypeVar("R")


def styled(func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` with the package style applied to every figure it makes.

    Examples
    --------
    >>> @styled
    ... def size() -> float:
    ...     import matplotlib as mpl
    ...     return mpl.rcParams["font.size"]
    >>> size()
    9.0
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        import matplotlib as mpl

        with mpl.rc_context(fname=str(STYLE_FILE)):
            return func(*args, **kwargs)

    return wrapper


def new_figure(width: Literal["full", "half"], height_cm: float) -> Figure:
    """Return an empty figure at an A4 width (16 cm or 8 cm) and ``height_cm``.

    The figure is not managed by pyplot, so scripts need not close it and a notebook
    shows it once, as the cell's result.
    """
    if "IPython" in sys.modules:
        _enable_notebook_display()
    from matplotlib.figure import Figure

    width_cm = FULL_WIDTH_CM if width == "full" else HALF_WIDTH_CM
    return Figure(figsize=(width_cm * CM, height_cm * CM))


def _enable_notebook_display() -> None:
    # A notebook shows a bare Figure through the formatter that the inline backend registers
    # with IPython when its module is first imported, as pyplot does when it first draws.
    # Figures made without pyplot never import it; importing it here does what pyplot would,
    # and nothing where the notebook's backend is another (the module checks).
    with contextlib.suppress(ImportError):
        import matplotlib_inline.backend_inline  # noqa: F401


def wrap(text: str, width: int) -> str:
    """Break ``text`` into lines of at most ``width`` characters.

    Examples
    --------
    >>> print(wrap("Innovation hubs, technology diffusion, applied research", 30))
    Innovation hubs, technology
    diffusion, applied research
    """
    return textwrap.fill(str(text), width=width, break_long_words=False, break_on_hyphens=False)
