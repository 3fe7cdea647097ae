"""References from the prose to a figure or a table, numbered as the documents number them.

In a notebook's Markdown, a link whose destination is ``#figure-NAME`` (``NAME`` a figure's
registry name, as in ``[the chart of the activities](#figure-activities)``) refers to that
figure, and ``#table-KEY`` to a table, ``KEY`` being :func:`table_key` of the title given to
``figures.show(frame, title)``. JupyterLab shows the link's own words; the documents replace
them with "Figure 3" or "Table 2": a ``REF`` field to the caption's bookmark in Word, a link
to the figure in the PDF and the HTML (to another page where the figure is in another
chapter).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .._errors import NotebookError
from ..prose import table_key
from ._ast import walk
from ._notebooks import Chapter, Figure, Table

__all__ = ["XREF", "CrossReferenceError", "resolve", "xrefs"]

XREF = "xref"  # the class a resolved reference's Link carries
AST = dict[str, Any]


class CrossReferenceError(NotebookError):
    """A link to a figure or table that the documents do not show (or show twice)."""


def xrefs(blocks: list[AST]) -> Iterator[AST]:
    """Yield every resolved reference (a pandoc Link of class ``xref``) in ``blocks``."""
    for node in walk(blocks):
        if node.get("t") == "Link" and XREF in node["c"][0][1]:
            yield node


def reference(node: AST) -> tuple[str, int, str]:
    """Return (``Figure`` or ``Table``, number, chapter stem) of a resolved reference."""
    values = dict(node["c"][0][2])
    return values["kind"], int(values["number"]), values["chapter"]


def resolve(chapters: list[Chapter], blocks: dict[str, list[AST]]) -> None:
    """Turn each ``#figure-NAME`` / ``#table-KEY`` link of the chapters' prose into "Figure N".

    Raises :class:`CrossReferenceError` naming the notebook and the link when no figure or
    table of the documents answers to it.
    """
    figures: dict[str, tuple[int, str]] = {}
    tables: dict[str, list[tuple[int, str]]] = {}
    for chapter in chapters:
        for block in chapter.blocks:
            if isinstance(block, Figure):
                figures.setdefault(block.name, (block.number, chapter.stem))
            elif isinstance(block, Table):
                tables.setdefault(table_key(block.title), []).append((block.number, chapter.stem))
    for chapter in chapters:
        for node in walk(blocks[chapter.stem]):
            if node.get("t") != "Link" or XREF in node["c"][0][1]:
                continue
            target = node["c"][2][0]
            if target.startswith("#figure-"):
                kind, name = "Figure", target.removeprefix("#figure-")
                found = [figures[name]] if name in figures else []
                known = list(figures)
            elif target.startswith("#table-"):
                kind, name = "Table", target.removeprefix("#table-")
                found = tables.get(name, [])
                known = list(tables)
            else:
                continue
            if len(found) != 1:
                raise CrossReferenceError(_message(chapter.stem, kind, target, found, known))
            number, stem = found[0]
            node["c"] = [
                ["", [XREF], [["kind", kind], ["number", str(number)], ["chapter", stem]]],
                [{"t": "Str", "c": kind}, {"t": "Space"}, {"t": "Str", "c": str(number)}],
                [f"#{kind.lower()}-{number}", ""],
            ]


def _message(stem: str, kind: str, target: str, found: list[Any], known: list[str]) -> str:
    from .._errors import closest

    prefix = f"#{kind.lower()}-"
    if found:
        return (
            f"{stem}.ipynb: the link to {target} is ambiguous: {len(found)} tables have that "
            "title; give them different titles"
        )
    hint = closest(target.removeprefix(prefix), known)
    meant = f" Did you mean {prefix}{hint}?" if hint else ""
    shown = ", ".join(prefix + name for name in known) or "none"
    return (
        f"{stem}.ipynb: the link to {target} names no {kind.lower()} the documents show, "
        f"so no document was written.{meant} {kind}s shown: {shown}"
    )
