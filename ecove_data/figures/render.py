"""A figure's files as bytes: PNG, SVG and PDF, reproducible, each carrying its alt text.

Both ``ecove-data figures`` and the notebook display (``figures.show``) make a figure's bytes
here, so a figure shown in a notebook and taken into a document is the file the build writes.
The files carry no dates or software versions (the same data and locked library versions
give the same bytes), the title and the alt text as metadata, and the SVG a ``<desc>``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ._style import STYLE_FILE

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["FORMATS", "add_svg_desc", "metadata", "render"]

FORMATS = ("png", "svg", "pdf")


def metadata(fmt: str, title: str, alt: str) -> dict[str, Any]:
    """Return the metadata ``savefig`` writes into a file of format ``fmt``.

    Examples
    --------
    >>> metadata("png", "T", "A")
    {'Software': None, 'Title': 'T', 'Description': 'A'}
    """
    # None removes the entries that would otherwise carry dates and version strings.
    if fmt == "png":
        return {"Software": None, "Title": title, "Description": alt}
    if fmt == "svg":
        return {"Date": None, "Creator": None, "Title": title, "Description": alt}
    return {
        "Title": title,
        "Subject": alt,
        "Creator": None,
        "Producer": None,
        "CreationDate": None,
        "ModDate": None,
    }


def add_svg_desc(data: bytes, alt: str) -> bytes:
    r"""Give the SVG a ``<desc>`` next to its ``<title>``: what screen readers announce.

    Matplotlib puts the description in the Dublin Core metadata only.

    Examples
    --------
    >>> add_svg_desc(b"<svg><title>T</title></svg>", "a < b")
    b'<svg><title>T</title>\n <desc>a &lt; b</desc></svg>'
    """
    from xml.sax.saxutils import escape

    text = data.decode("utf-8")
    head, sep, tail = text.partition("</title>")
    if not sep:
        return data
    return f"{head}{sep}\n <desc>{escape(alt)}</desc>{tail}".encode()


def render(fig: Figure, formats: Sequence[str], title: str, alt: str) -> dict[str, bytes]:
    r"""Save ``fig`` in each format, in the package style; return ``{format: bytes}``.

    Examples
    --------
    >>> from ecove_data.figures import activities
    >>> files = render(activities(), ["png", "svg"], "Activities", "A list.")
    >>> files["png"][:4], b"<desc>A list.</desc>" in files["svg"]
    (b'\x89PNG', True)
    """
    import matplotlib as mpl

    saved: dict[str, bytes] = {}
    with mpl.rc_context(fname=str(STYLE_FILE)):
        for fmt in formats:
            buffer = io.BytesIO()
            fig.savefig(buffer, format=fmt, metadata=metadata(fmt, title, alt))
            # The first save laid the figure out; text sizes are in points, so that
            # layout holds for every format and the next saves need not solve it again.
            fig.set_layout_engine("none")
            data = buffer.getvalue()
            saved[fmt] = add_svg_desc(data, alt) if fmt == "svg" else data
    return saved
