"""Every registered figure meets WCAG 2.1 contrast, measured from its rendered pixels.

- Text (1.4.3): every text a reader sees, against the pixels behind its glyphs, at least
  4.5:1, or 3:1 for large text (18 pt, or 14 pt bold).
- Graphics (1.4.11): every mark needed to read a figure (bars, markers, lines, frames, the
  dashed outline of a derived value, hatched squares, arrows, axes) at least 3:1 against the
  background around it.

A figure is drawn as the build draws it (Agg, the package style, the build's 300 dpi), then
drawn again in parts: each text alone, each mark alone, the figure without its texts, and the
figure with nothing but its background (the paper and the colours the style keeps for what
is not needed to read a figure, ``_style.DECORATION``: tile fills, highlight bands, guides).

- A text's glyphs are the pixels its own drawing covers; it is measured against the picture
  without texts at those pixels, and the worst pixel counts.
- A mark's colour is measured where the mark shows in the finished picture, against the
  background pixels within half a millimetre of it (not other marks: a bar standing on the
  axis is read against the paper, not against the axis line). It must reach 3:1 along nine
  tenths of that outline, so a thin guide line crossing a marker does not count against it
  while a marker half on a pale band does. A frame is also measured against its own fill.
  A mark of several colours (a marker with a white edge) is seen by its best colour.

The contrast ratio is WCAG's: (L1 + 0.05) / (L2 + 0.05) of the relative luminances.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import matplotlib
import numpy as np
import pytest
from conftest import ROOT
from figure_text import shown
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import Collection
from matplotlib.colors import to_hex, to_rgba
from matplotlib.figure import Figure
from matplotlib.font_manager import weight_dict
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Annotation, Text

from ecove_data import figures
from ecove_data.figures._style import COLOURS, DECORATION, STYLE_FILE

matplotlib.use("agg")
# Part of `make check-a11y`; quick enough for `make check` too.
pytestmark = pytest.mark.a11y

# WCAG 2.1: 1.4.3 Contrast (Minimum) and 1.4.11 Non-text Contrast.
TEXT_MIN, LARGE_TEXT_MIN, GRAPHIC_MIN = 4.5, 3.0, 3.0
# The build's PNG resolution, read from the style the build uses.
DPI = float(
    matplotlib.rc_params_from_file(str(STYLE_FILE), use_default_template=False)["savefig.dpi"]
)
# Half a millimetre around a mark is its outline; 0.1 of it may be crossed by a guide line.
OUTLINE_PX = max(2, round(0.05 / 2.54 * DPI))
OUTLINE_SHARE = 0.9
# Colours that draw no mark: the style's decoration, and white (a marker's edge, a hatch).
DECORATIVE = {to_hex(COLOURS[name]) for name in DECORATION} | {to_hex("white")}


# --- the WCAG formula ---------------------------------------------------------------------


def luminance(rgb: np.ndarray) -> np.ndarray:
    """WCAG relative luminance of sRGB colours in 0..1 (the last axis is R, G, B)."""
    c = np.asarray(rgb, dtype=float)
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: object, b: object) -> np.ndarray:
    """WCAG contrast ratio of two colours (or arrays of them), from 1 to 21."""
    la, lb = luminance(_rgb(a)), luminance(_rgb(b))
    return (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)


def _rgb(colour: object) -> np.ndarray:
    if isinstance(colour, np.ndarray):
        return colour[..., :3] / (255.0 if colour.dtype == np.uint8 else 1.0)
    return np.array(to_rgba(colour)[:3])  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("#000000", "#FFFFFF", 21.0),
        ("#FFFFFF", "#FFFFFF", 1.0),
        ("#FFFFFF", "#000000", 21.0),
        # Reference values of WebAIM's contrast checker.
        ("#767676", "#FFFFFF", 4.54),
        ("#777777", "#FFFFFF", 4.48),
        ("#949494", "#FFFFFF", 3.03),
        ("#FF0000", "#FFFFFF", 4.00),
        ("#0000FF", "#FFFFFF", 8.59),
        ("#E69F00", "#FFFFFF", 2.25),
    ],
)
def test_contrast_formula_on_known_pairs(a, b, ratio):
    assert float(contrast(a, b)) == pytest.approx(ratio, abs=0.005)


def test_luminance_of_pixels_matches_colours():
    pixels = np.array([[[0, 0, 0, 255], [255, 255, 255, 255], [0x76, 0x76, 0x76, 255]]], np.uint8)
    assert luminance(_rgb(pixels)).round(4).tolist() == [[0.0, 1.0, 0.1812]]


# --- measuring a drawn figure --------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    """One text or mark of a figure and the contrast it reaches."""

    kind: str  # "text" or "graphic"
    what: str
    ratio: float
    needed: float
    against: str

    @property
    def ok(self) -> bool:
        # WCAG: the thresholds are not rounded (2.999:1 is not 3:1).
        return self.ratio >= self.needed

    def message(self, figure: str) -> str:
        return (
            f"{figure}: {self.kind} {self.what} is {self.ratio:.2f}:1 against {self.against}, "
            f"needs {self.needed:g}:1"
        )


def is_bold(text: Text) -> bool:
    """Bold as WCAG counts it: a weight of 700 or more."""
    weight = text.get_fontweight()
    return (weight_dict.get(weight, 400) if isinstance(weight, str) else int(weight)) >= 700


def is_large(text: Text) -> bool:
    """WCAG large text: at least 18 pt, or 14 pt and bold."""
    size = float(text.get_fontsize())
    return size >= 18 or (is_bold(text) and size >= 14)


class Pixels:
    """A figure drawn at ``DPI`` on Agg, and its parts drawn alone."""

    def __init__(self, fig: Figure) -> None:
        self.fig = fig
        FigureCanvasAgg(fig)
        fig.set_dpi(DPI)
        fig.canvas.draw()
        # The layout is solved once: hiding parts below must not move the rest.
        fig.set_layout_engine("none")
        self.renderer = fig.canvas.get_renderer()
        self.height = int(fig.canvas.get_width_height()[1])

    def draw(self) -> np.ndarray:
        self.fig.canvas.draw()
        return np.asarray(self.fig.canvas.buffer_rgba()).copy()

    def window(self, artist: Artist, pad: int) -> tuple[slice, slice]:
        box = artist.get_window_extent(self.renderer)
        width, height = self.fig.canvas.get_width_height()
        if not np.isfinite(box.extents).all():  # a collection may not know its extent
            return slice(0, height), slice(0, width)
        x0, x1 = max(0, int(box.x0) - pad), min(width, int(np.ceil(box.x1)) + pad)
        y0, y1 = max(0, int(box.y0) - pad), min(height, int(np.ceil(box.y1)) + pad)
        return slice(height - y1, height - y0), slice(x0, x1)

    def alone(self, artist: Artist, where: tuple[slice, slice]) -> np.ndarray:
        """The artist drawn by itself on a transparent canvas, cut to ``where``."""
        self.renderer.clear()
        artist.draw(self.renderer)
        return np.asarray(self.renderer.buffer_rgba())[where].copy()


def _label(text: str) -> str:
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _describe_text(text: Text) -> str:
    bold = " bold" if is_bold(text) else ""
    colour = to_hex(text.get_color())
    return f"{_label(text.get_text())} ({text.get_fontsize():g} pt{bold}, {colour})"


def measure_texts(pixels: Pixels, texts: list[Text], picture: np.ndarray) -> Iterator[Measure]:
    """Each text against the picture without texts, at the pixels its glyphs cover."""
    for text in texts:
        where = pixels.window(text, 2)
        covered = pixels.alone(text, where)[..., 3] >= 128
        if not covered.any():
            continue
        rgba = np.array(to_rgba(text.get_color(), text.get_alpha()))
        back = _rgb(picture[where][covered])
        seen = rgba[3] * rgba[:3] + (1 - rgba[3]) * back
        ratios = contrast(seen, back)
        worst = int(np.argmin(ratios))
        yield Measure(
            "text",
            _describe_text(text),
            float(ratios[worst]),
            LARGE_TEXT_MIN if is_large(text) else TEXT_MIN,
            to_hex(back[worst]),
        )


Rgba = tuple[float, float, float, float]


def _colour(value: object) -> Rgba | None:
    if value is None or (isinstance(value, str) and value.lower() == "none"):
        return None
    rgba = to_rgba(value)  # type: ignore[arg-type]
    return None if rgba[3] == 0 else rgba


def inks(artist: Artist) -> list[tuple[str, Rgba]]:
    """The colours an artist draws with, by role; decoration and white are left out."""
    found: list[tuple[str, object]] = []
    if isinstance(artist, Line2D):
        alpha = artist.get_alpha()
        if artist.get_marker() not in (None, "None", "", " ", "none"):
            found.append((f"marker {artist.get_marker()!r}", artist.get_markerfacecolor()))
            if artist.get_markeredgewidth() > 0:
                found.append((f"marker {artist.get_marker()!r} edge", artist.get_markeredgecolor()))
        if artist.get_linestyle() not in ("None", "", " ", "none") and artist.get_linewidth() > 0:
            found.append((f"{artist.get_linestyle()} line", artist.get_color()))
        found = [(role, to_rgba(c, alpha) if _colour(c) else None) for role, c in found]
    elif isinstance(artist, Patch):
        if artist.get_fill():
            found.append(("fill", artist.get_facecolor()))
        if artist.get_linewidth() > 0:
            found.append((f"{artist.get_linestyle()} edge", artist.get_edgecolor()))
        if artist.get_hatch():
            # Before matplotlib 3.10 a hatch takes the edge's colour.
            hatch_colour = getattr(artist, "get_hatchcolor", artist.get_edgecolor)
            found.append(("hatch", hatch_colour()))
    elif isinstance(artist, Collection):
        found += [("fill", c) for c in artist.get_facecolor()]
        found += [("edge", c) for c in artist.get_edgecolor()]
    result = []
    for role, value in found:
        rgba = _colour(value)
        if rgba is not None and to_hex(rgba) not in DECORATIVE:
            result.append((role, rgba))
    return result


def marks(fig: Figure) -> list[Artist]:
    """The marks of a figure: lines, patches and collections with a colour that counts."""
    found: list[Artist] = []
    for artist in fig.findobj():
        if isinstance(artist, Annotation) and artist.arrow_patch is not None:
            found.append(artist.arrow_patch)
        if isinstance(artist, Line2D | Patch | Collection) and artist is not fig.patch:
            found.append(artist)
    return [a for a in found if a.get_visible() and inks(a)]


def _grow(mask: np.ndarray, px: int) -> np.ndarray:
    """``mask`` grown by ``px`` pixels in every direction (a square around each pixel)."""
    out = mask
    for axis in (0, 1):
        grown = out.copy()
        for step in range(1, px + 1):
            grown |= np.roll(out, step, axis) | np.roll(out, -step, axis)
        out = grown
    return out


def _describe_mark(pixels: Pixels, artist: Artist, role: str, rgba: Rgba) -> str:
    box = artist.get_window_extent(pixels.renderer)
    label = str(artist.get_label())
    name = f" {label!r}" if label and not label.startswith("_") else ""
    where = ""
    if np.isfinite(box.extents).all():
        cm = 2.54 / DPI
        x, y = box.x0 * cm, (pixels.height - box.y1) * cm
        where = f" at {x:.1f}, {y:.1f} cm from the top left"
    return f"{type(artist).__name__}{name} {role} {to_hex(rgba)}{where}"


def _close(a: np.ndarray, b: np.ndarray, tolerance: float) -> np.ndarray:
    return np.abs(a.astype(float) - b).max(axis=-1) <= tolerance


def measure_mark(
    pixels: Pixels, artist: Artist, picture: np.ndarray, background: np.ndarray
) -> Measure | None:
    """A mark where it shows, against the background around it.

    A line or a patch is seen by its best colour (a marker's face, not its white edge); a
    collection draws many marks, one colour each, so its worst colour counts. None when
    the mark does not show at all (a tick outside the view, an axis switched off).
    """
    where = pixels.window(artist, OUTLINE_PX + 2)
    alone = pixels.alone(artist, where).astype(float)
    seen, ground = picture[where].astype(float), background[where].astype(float)
    covered = alone[..., 3] > 0
    # Where nothing but the background is drawn, not this mark nor another.
    open_ground = _close(seen, ground, 2) & ~covered
    # A frame is seen against its own fill too, even a pale one.
    filled = isinstance(artist, Patch) and artist.get_fill()
    face = _colour(artist.get_facecolor()) if filled else None
    found: list[Measure] = []
    for role, rgba in {(role, rgba): None for role, rgba in inks(artist)}:
        what = _describe_mark(pixels, artist, role, rgba)
        colour, alpha = np.array(rgba[:3]) * 255, rgba[3]
        # Fully covered by this colour when drawn alone, and so in the picture: not hidden.
        drawn = (alone[..., 3] >= 0.98 * alpha * 255) & _close(alone[..., :3], colour, 6)
        expected = alpha * colour + (1 - alpha) * ground[..., :3]
        ink = drawn & _close(seen[..., :3], expected, 6)
        if not ink.any():
            continue
        ring = _grow(ink, OUTLINE_PX) & open_ground
        if not ring.any():
            found.append(Measure("graphic", what, 0.0, GRAPHIC_MIN, "no background around it"))
            continue
        ink_colour = np.median(seen[ink][:, :3], axis=0) / 255
        around = seen[ring][:, :3] / 255
        ratios = contrast(ink_colour, around)
        at = np.argsort(ratios)[int((1 - OUTLINE_SHARE) * (len(ratios) - 1))]
        ratio, against = float(ratios[at]), f"{to_hex(around[at])} around it"
        if role.endswith("edge") and face is not None and to_hex(face) != to_hex(rgba):
            inside = float(contrast(ink_colour, np.array(face[:3])))
            if inside < ratio:
                ratio, against = inside, f"its own fill {to_hex(face)}"
        found.append(Measure("graphic", what, ratio, GRAPHIC_MIN, against))
    if not found:
        return None
    pick = min if isinstance(artist, Collection) else max
    return pick(found, key=lambda m: m.ratio)


class _Hidden:
    """Draw ``artists`` fully transparent for a while.

    Transparent, not invisible: an invisible artist takes no room, so titles and legends
    placed around it at draw time would move.
    """

    def __init__(self, artists: list[Artist]) -> None:
        self.artists = artists
        self.alphas = [a.get_alpha() for a in artists]

    def __enter__(self) -> None:
        for artist in self.artists:
            artist.set_alpha(0)

    def __exit__(self, *exc: object) -> None:
        for artist, alpha in zip(self.artists, self.alphas, strict=True):
            artist.set_alpha(alpha)


def measure(fig: Figure) -> list[Measure]:
    """Measure every text and every mark of ``fig`` as drawn at ``DPI``."""
    return measure_drawn(Pixels(fig))


def measure_drawn(pixels: Pixels) -> list[Measure]:
    """Measure every text and every mark of a figure drawn by :class:`Pixels`."""
    texts, artists = shown(pixels.fig), marks(pixels.fig)
    with _Hidden(list(texts)):
        picture = pixels.draw()
        with _Hidden(artists):
            background = pixels.draw()
    found = list(measure_texts(pixels, texts, picture))
    for artist in artists:
        mark = measure_mark(pixels, artist, picture, background)
        if mark is not None:
            found.append(mark)
    return found


def failures(fig: Figure) -> list[str]:
    """One message per text or mark of ``fig`` below its WCAG contrast."""
    return [m.message(fig.get_label()) for m in measure(fig) if not m.ok]


# --- every registered figure -----------------------------------------------------------------


@dataclass
class Drawn:
    """A registered figure as the build draws it, and what was measured on it."""

    picture: np.ndarray
    texts: int
    measures: list[Measure]


@pytest.fixture(scope="module")
def drawn() -> dict[str, Drawn]:
    found = {}
    for name in figures.names():
        pixels = Pixels(figures.draw(name))
        # Counted once drawn: date axes make their ticks when drawn.
        found[name] = Drawn(pixels.draw(), len(shown(pixels.fig)), measure_drawn(pixels))
    return found


@pytest.mark.parametrize("name", figures.names())
def test_every_text_and_mark_meets_wcag_contrast(drawn, name):
    bad = [m.message(name) for m in drawn[name].measures if not m.ok]
    assert not bad, "\n".join(bad)


@pytest.mark.parametrize("name", figures.names())
def test_every_text_a_reader_sees_is_measured(drawn, name):
    count = sum(m.kind == "text" for m in drawn[name].measures)
    assert count == drawn[name].texts > 0, f"{count} texts measured of {drawn[name].texts}"
    assert any(m.kind == "graphic" for m in drawn[name].measures)


@pytest.mark.parametrize("name", figures.names())
def test_the_measured_picture_is_the_committed_png(drawn, name):
    # The test measures what the build writes: the same pixels as figures/NAME.png.

    from PIL import Image

    committed = ROOT / "figures" / f"{name}.png"
    assert committed.exists(), f"{committed} is missing: run `ecove-data figures`"
    png = np.asarray(Image.open(committed).convert("RGBA"))
    same = bool(np.array_equal(drawn[name].picture, png))
    assert same, f"{committed.name} differs from the figure drawn now: run `ecove-data figures`"


# --- the measure can fail --------------------------------------------------------------------


def _sketch(label: str) -> Figure:
    fig = Figure(figsize=(8 / 2.54, 4 / 2.54))
    fig.set_label(label)
    return fig


def test_orange_text_on_white_is_caught():
    fig = _sketch("orange_on_white")
    fig.text(0.1, 0.5, "derived", color="#E69F00", fontsize=9)
    fig.text(0.6, 0.5, "stated", color=COLOURS["stated"], fontsize=9)
    assert failures(fig) == [
        "orange_on_white: text 'derived' (9 pt, #e69f00) is 2.25:1 against #ffffff, needs 4.5:1"
    ]


def test_large_text_needs_three_to_one():
    fig = _sketch("large")
    # #949494 is 3.03:1 on white: enough for 18 pt or 14 pt bold, not for 14 pt.
    fig.text(0.05, 0.7, "big", color="#949494", fontsize=18)
    fig.text(0.05, 0.4, "bold", color="#949494", fontsize=14, fontweight="bold")
    fig.text(0.05, 0.1, "small", color="#949494", fontsize=14)
    assert failures(fig) == [
        "large: text 'small' (14 pt, #949494) is 3.03:1 against #ffffff, needs 4.5:1"
    ]


def test_text_is_measured_against_what_is_behind_it():
    fig = _sketch("on_a_tile")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.add_patch(_tile(COLOURS["stated"]))
    ax.text(0.5, 0.5, "white on blue", color="white", ha="center", va="center", fontsize=9)
    ax.text(0.5, 0.2, "blue on blue", color="#3B7BA0", ha="center", va="center", fontsize=9)
    (found,) = failures(fig)
    assert found.startswith("on_a_tile: text 'blue on blue' (9 pt, #3b7ba0) is 1.1")
    assert found.endswith("against #0072b2, needs 4.5:1")


def _tile(colour: str) -> Patch:
    from matplotlib.patches import Rectangle

    return Rectangle((0.1, 0.05), 0.8, 0.9, facecolor=colour, edgecolor="none")


def test_dashed_orange_frame_and_marker_are_caught():
    fig = _sketch("orange_marks")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    from matplotlib.patches import Rectangle

    ax.add_patch(
        Rectangle(
            (0.05, 0.1),
            0.4,
            0.8,
            facecolor=COLOURS["derived_fill"],
            edgecolor="#E69F00",
            linestyle="dashed",
            linewidth=1.2,
        )
    )
    ax.plot(0.7, 0.5, marker="D", markersize=8, color="#E69F00")
    ax.plot(0.9, 0.5, marker="o", markersize=8, color=COLOURS["derived"])
    found = failures(fig)
    assert len(found) == 2, found
    assert found[0].startswith("orange_marks: graphic Rectangle dashed edge #e69f00 at 0.4,")
    assert found[0].endswith("is 2.05:1 against its own fill #fdf3e1, needs 3:1")
    assert found[1].startswith("orange_marks: graphic Line2D marker 'D' #e69f00")
    assert found[1].endswith("is 2.25:1 against #ffffff around it, needs 3:1")


def test_a_marker_on_a_pale_band_is_measured_against_the_band():
    fig = _sketch("on_a_band")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axhspan(0.3, 0.7, color=COLOURS["exception_fill"], lw=0)
    # The original Okabe-Ito green: 3.4:1 on white, 2.9:1 on the band.
    ax.plot(0.3, 0.5, marker="o", markersize=9, color="#009E73", markeredgecolor="white")
    ax.plot(0.7, 0.9, marker="o", markersize=9, color="#009E73", markeredgecolor="white")
    (found,) = failures(fig)
    assert "marker 'o' #009e73 at 2.2," in found
    assert found.endswith("is 2.90:1 against #fbe9de around it, needs 3:1")


def test_decoration_is_not_a_mark_but_text_on_it_is_measured():
    fig = _sketch("guides")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    # A guide in the rule colour, and a marker it crosses: neither is held against the guide.
    ax.plot([0, 1], [0.5, 0.5], color=COLOURS["rule"], lw=0.6, ls=":")
    ax.plot(0.5, 0.5, marker="o", markersize=9, color=COLOURS["positive"])
    ax.text(0.05, 0.1, "rule-coloured text", color=COLOURS["rule"], fontsize=9)
    (found,) = failures(fig)
    assert found.startswith("guides: text 'rule-coloured text' (9 pt, #bbbbbb) is 1.9")
    assert [m.kind for m in measure(fig)].count("graphic") == 1


def test_a_translucent_mark_is_measured_as_it_shows():
    fig = _sketch("translucent")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.plot([0.1, 0.9], [0.5, 0.5], color=COLOURS["stated"], lw=2.5, alpha=0.6)
    (found,) = failures(fig)
    assert "Line2D - line #0072b2" in found and "is 2.5" in found


def test_each_colour_of_a_collection_is_measured():
    fig = _sketch("scatter")
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    ax.scatter([0.3, 0.7], [0.5, 0.5], s=80, c=[COLOURS["stated"], "#E69F00"])
    (found,) = failures(fig)
    assert found.startswith("scatter: graphic PathCollection fill #e69f00")
    assert found.endswith("is 2.25:1 against #ffffff around it, needs 3:1")


@pytest.mark.parametrize(
    ("size", "weight", "large"),
    [
        (18, "normal", True),
        (17.9, "normal", False),
        (14, "bold", True),
        (14, "normal", False),
        (13.9, "bold", False),
        (14, "semibold", False),
        (14, 700, True),
    ],
)
def test_large_text_is_18_pt_or_14_pt_bold(size, weight, large):
    assert is_large(Text(text="x", fontsize=size, fontweight=weight)) is large


# --- the palette -----------------------------------------------------------------------------

MARK_COLOURS = ("stated", "derived", "exception", "positive", "neutral")
TEXT_COLOURS = ("text", "text_soft", "text_muted", "derived_text", "exception_text")
FILLS = ("fill", "derived_fill", "exception_fill")


@pytest.mark.parametrize("name", MARK_COLOURS)
def test_mark_colours_can_draw_text_on_paper_and_marks_on_fills(name):
    assert float(contrast(COLOURS[name], COLOURS["paper"])) >= TEXT_MIN
    for fill in FILLS:
        assert float(contrast(COLOURS[name], COLOURS[fill])) >= GRAPHIC_MIN, fill


@pytest.mark.parametrize("name", TEXT_COLOURS)
def test_text_colours_read_on_paper_and_every_fill(name):
    for ground in ("paper", *FILLS):
        assert float(contrast(COLOURS[name], COLOURS[ground])) >= 7, ground


def test_the_style_cycle_reaches_text_contrast_on_white():
    cycle = matplotlib.rc_params_from_file(str(STYLE_FILE), use_default_template=False)[
        "axes.prop_cycle"
    ]
    colours = [entry["color"] for entry in cycle]
    assert [c.upper() for c in colours[:4]] == [
        COLOURS[n] for n in ("stated", "derived", "positive", "exception")
    ]
    assert all(float(contrast(c, "white")) >= TEXT_MIN for c in colours), colours


def test_decoration_is_pale_and_marks_are_not():
    # What is left out of 1.4.11 must look like background: under 3:1 on the paper.
    assert all(float(contrast(COLOURS[n], "white")) < GRAPHIC_MIN for n in DECORATION)
    assert not set(DECORATION) & set(MARK_COLOURS + TEXT_COLOURS)
