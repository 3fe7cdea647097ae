"""The document shared by every format: a pandoc AST made from the chapters, and its sources.

Each chapter's prose is parsed once by pandoc (CommonMark with pandoc's extensions);
figures and tables are put in as pandoc ``Figure`` and ``Table`` blocks built here, so
their numbers, captions and alt text come from the registry and the notebook, never from
parsing HTML. The writers then render the same AST as .docx, Typst (for the PDF) and HTML.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..provenance import missing, report_source, source_name
from ._ast import AST, column_widths, text_inlines, walk
from ._deliverable import Deliverable
from ._notebooks import Chapter, Figure, Prose, Table
from ._pandoc import pandoc_kept

__all__ = [
    "Document",
    "Source",
    "link",
    "make_document",
    "source_inlines",
    "sources_blocks",
]

PLACEHOLDER = "ECOVEBLOCK{}"
# "line 44", "lines 41 to 46", "(report, line 3)": where prose names the report's lines.
LINE_MENTION = re.compile(r"\blines? (\d+)(?:\s*(?:to|and|-|\u2013)\s*(\d+))?")
LANG = "en-GB"


@dataclass
class Source:
    """A public page a chapter cites."""

    url: str
    title: str
    date: str


@dataclass
class Document:
    """The whole document: metadata, chapters as AST blocks, and what they rest on."""

    title: str
    subtitle: str
    about: str
    chapters: list[Chapter]
    blocks: dict[str, list[AST]]  # chapter stem -> AST blocks
    report_title: str
    report_lines: list[int]
    sources: list[Source]
    deliverable: Deliverable
    version: str
    pandoc_api: list[int] = field(default_factory=lambda: [1, 23, 1])

    @property
    def language(self) -> str:
        """The document's language tag, from the deliverable file (``en-GB``)."""
        return self.deliverable.language

    def figures(self) -> Iterator[Figure]:
        """Yield every figure in reading order."""
        for chapter in self.chapters:
            yield from (b for b in chapter.blocks if isinstance(b, Figure))

    def tables(self) -> Iterator[Table]:
        """Yield every table in reading order."""
        for chapter in self.chapters:
            yield from (b for b in chapter.blocks if isinstance(b, Table))


def _attr(
    ident: str = "", classes: list[str] | None = None, kv: list[list[str]] | None = None
) -> list[Any]:
    return [ident, classes or [], kv or []]


def figure_caption(figure: Figure) -> list[AST]:
    """Return "Figure N. Title." (bold) and the registry's caption as inlines."""
    return [
        {"t": "Strong", "c": text_inlines(f"Figure {figure.number}. {figure.title}.")},
        {"t": "Space"},
        *text_inlines(figure.caption),
    ]


def figure_block(figure: Figure, image: str) -> AST:
    """Return a pandoc Figure: the image at its designed width, alt text, numbered caption."""
    img = {
        "t": "Image",
        "c": [
            _attr(kv=[["width", f"{figure.width_cm:g}cm"]]),
            text_inlines(figure.alt),
            [image, ""],
        ],
    }
    return {
        "t": "Figure",
        "c": [
            _attr(f"figure-{figure.number}"),
            [None, [{"t": "Plain", "c": figure_caption(figure)}]],
            [{"t": "Plain", "c": [img]}],
        ],
    }


def _cell(text: str, align: str = "AlignDefault") -> list[Any]:
    return [_attr(), {"t": align}, 1, 1, [{"t": "Plain", "c": text_inlines(text)}]]


def table_block(table: Table) -> AST:
    """Return a pandoc Table: numbered caption, one header row, numbers aligned right."""
    aligns = ["AlignRight" if numeric else "AlignLeft" for numeric in table.numeric]
    head = [_attr(), [[_attr(), [_cell(c, a) for c, a in zip(table.columns, aligns, strict=True)]]]]
    body = [
        [_attr(), [_cell(v, a) for v, a in zip(row, aligns, strict=True)]] for row in table.rows
    ]
    caption = [{"t": "Strong", "c": text_inlines(f"Table {table.number}. {table.title}.")}]
    widths = column_widths(table.columns, table.rows)
    return {
        "t": "Table",
        "c": [
            _attr(f"table-{table.number}"),
            [None, [{"t": "Plain", "c": caption}]],
            [[{"t": a}, {"t": "ColWidth", "c": w}] for a, w in zip(aligns, widths, strict=True)],
            head,
            [[_attr(), 0, [], body]],
            [_attr(), []],
        ],
    }


def _stringify(inlines: list[AST]) -> str:
    words = []
    for node in walk(inlines):
        if node.get("t") == "Str":
            words.append(node["c"])
        elif node.get("t") in ("Space", "SoftBreak", "LineBreak"):
            words.append(" ")
    return "".join(words)


def _chapter_blocks(
    chapter: Chapter, images: dict[int, str], reuse: bool
) -> tuple[list[AST], list[int]]:
    """Parse the chapter's prose once and put its figures and tables in place."""
    parts: list[str] = []
    placed: dict[str, Figure | Table] = {}
    for index, block in enumerate(chapter.blocks):
        if isinstance(block, Prose):
            parts.append(block.markdown)
        else:
            key = PLACEHOLDER.format(index)
            placed[key] = block
            parts.append(key)
    markdown = "\n\n".join(parts) + "\n"
    ast = json.loads(pandoc_kept(["-f", "commonmark_x-smart", "-t", "json"], markdown, reuse=reuse))
    blocks: list[AST] = []
    for node in ast["blocks"]:
        text = _stringify(node["c"]) if node["t"] == "Para" else ""
        if text in placed:
            item = placed[text]
            if isinstance(item, Figure):
                blocks.append(figure_block(item, images[item.number]))
            else:
                blocks.append(table_block(item))
            continue
        if node["t"] == "Header":
            # Ids unique across chapters: each closes with "What it means for ECoVEM".
            node["c"][1][0] = f"{chapter.stem}-{node['c'][1][0]}"
        blocks.append(node)
    lines = []
    for block in chapter.blocks:
        if isinstance(block, Prose):
            for first, last in LINE_MENTION.findall(block.markdown):
                lines.append(int(first))
                if last:
                    lines.append(int(last))
    return blocks, lines


def _links(blocks: list[AST]) -> list[tuple[str, str]]:
    found = []
    for node in walk(blocks):
        if node.get("t") == "Link":
            url = node["c"][2][0]
            if url.startswith(("http://", "https://")):
                found.append((url, _stringify(node["c"][1])))
    return found


def _source_catalogue(data_dir: Path | str | None) -> dict[str, dict[str, str]]:
    """Title and publication date of every public page the context tables cite."""
    from .. import _load

    catalogue: dict[str, dict[str, str]] = {}
    for name in _load.datasets("context", data_dir=data_dir):
        frame = _load.load(name, data_dir=data_dir)
        if "source_url" not in frame.columns:
            continue
        for row in frame.to_dict("records"):
            url = str(row["source_url"])
            entry = catalogue.setdefault(url, {"title": "", "date": ""})
            title = row.get("source_title")
            if title and str(title) != "(not shown)" and not entry["title"]:
                entry["title"] = str(title)
            published = row.get("published")
            if not missing(published) and str(published) != "":
                entry["date"] = entry["date"] or str(published)
    return catalogue


def make_document(
    chapters: list[Chapter],
    images: dict[int, str],
    *,
    data_dir: Path | str | None = None,
    deliverable: Deliverable | None = None,
    reuse: bool = True,
) -> Document:
    """Build the document from numbered chapters; ``images`` maps figure numbers to files.

    ``reuse``: a chapter's prose parsed by an earlier build is taken from the cache of
    pandoc's runs (:mod:`ecove_data.report._pandoc`).

    ``deliverable`` gives the title, the cover and the running header (default: the file
    beside the notebooks, ``notebooks/deliverable.toml``). Links from the prose to
    ``#figure-NAME`` and ``#table-KEY`` become "Figure N" and "Table N".
    """
    from importlib import metadata

    from .. import _descriptor
    from ._cover import about
    from ._crossref import resolve
    from ._deliverable import default_path, load_deliverable

    if deliverable is None:
        deliverable = load_deliverable(default_path(), data_dir=data_dir)

    blocks: dict[str, list[AST]] = {}
    lines: set[int] = set()
    cited: dict[str, str] = {}
    # Each chapter's prose is one pandoc process: they run at once, and come back in order.
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        parsed = list(pool.map(lambda c: _chapter_blocks(c, images, reuse), chapters))
    for chapter, (chapter_blocks, prose_lines) in zip(chapters, parsed, strict=True):
        blocks[chapter.stem] = chapter_blocks
        lines.update(prose_lines)
        for url, text in _links(chapter_blocks):
            cited.setdefault(url, text)
        for block in chapter.blocks:
            if isinstance(block, Figure | Table):
                lines.update(block.report_lines)
                for source in block.sources:
                    cited.setdefault(source["url"], source["title"])
    resolve(chapters, blocks)
    # The project number on the cover keeps its source in the Sources.
    if deliverable.number_source.startswith(("http://", "https://")):
        cited.setdefault(deliverable.number_source, "")
    catalogue = _source_catalogue(data_dir)
    sources = []
    for url, text in cited.items():
        known = catalogue.get(url, {})
        title = known.get("title") or (text if text and text != "(not shown)" else "")
        title = title or f"Page on {source_name(url)} (title not recorded)"
        sources.append(Source(url=url, title=title, date=known.get("date", "")))

    raw = _descriptor.read_package(data_dir).raw
    report: dict[str, Any] = next(iter(raw.get("sources", [])), {})
    version = metadata.version("ecove-data")
    return Document(
        title=deliverable.title,
        subtitle=deliverable.subtitle,
        about=about(version),
        chapters=chapters,
        blocks=blocks,
        report_title=str(
            report.get("title", "Report on the European conference on vocational excellence")
        ),
        report_lines=sorted(lines),
        sources=sources,
        deliverable=deliverable,
        version=version,
    )


def link(url: str, inlines: list[AST]) -> AST:
    """Return a pandoc Link to ``url`` showing ``inlines``."""
    return {"t": "Link", "c": [_attr(), inlines, [url, ""]]}


def source_inlines(source: Source) -> list[AST]:
    """Return one entry of the Sources: its title as the link, then its address and date.

    The link's text is the page's title, so a screen reader that lists the links says
    where each goes (WCAG 2.4.4), not a long address; the address follows as text for
    readers of a printed copy.

    Examples
    --------
    >>> entry = source_inlines(Source("https://a.eu/x", "A page", ""))
    >>> entry[0]["t"], entry[0]["c"][2][0], entry[0]["c"][1]
    ('Link', 'https://a.eu/x', [{'t': 'Str', 'c': 'A'}, {'t': 'Space'}, {'t': 'Str', 'c': 'page'}])
    >>> [node["c"] for node in entry if node["t"] == "Str"][-1]
    'recorded.'
    """
    when = f"Published {source.date}." if source.date else "Publication date not recorded."
    return [
        link(source.url, text_inlines(source.title.rstrip("."))),
        {"t": "Str", "c": "."},
        {"t": "Space"},
        {"t": "Str", "c": source.url},
        {"t": "Str", "c": "."},
        {"t": "Space"},
        *text_inlines(when),
    ]


def sources_blocks(document: Document) -> list[AST]:
    """Return the closing Sources section: the report with its lines, then each public page."""
    lines = ", ".join(str(n) for n in document.report_lines)
    report = [
        {"t": "Emph", "c": text_inlines(document.report_title)},
        {"t": "Space"},
        *text_inlines(
            f"(the conference report, shipped byte for byte with the data package as "
            f"{report_source()}). The numbers in this document come from its lines {lines}."
        ),
    ]
    items = [[{"t": "Plain", "c": source_inlines(source)}] for source in document.sources]
    blocks: list[AST] = [
        {"t": "Header", "c": [1, _attr("sources"), text_inlines("Sources")]},
        {"t": "Para", "c": report},
    ]
    if items:
        blocks.append(
            {"t": "Para", "c": text_inlines("Public sources the chapters cite, each once:")}
        )
        blocks.append({"t": "OrderedList", "c": [[1, {"t": "Decimal"}, {"t": "Period"}], items]})
    return blocks


def ast(document: Document, blocks: list[AST], meta: dict[str, Any] | None = None) -> AST:
    """Wrap blocks in a pandoc document with string metadata."""
    return {
        "pandoc-api-version": document.pandoc_api,
        "meta": {key: _meta(value) for key, value in (meta or {}).items()},
        "blocks": blocks,
    }


def _meta(value: Any) -> AST:
    if isinstance(value, bool):
        return {"t": "MetaBool", "c": value}
    if isinstance(value, list):
        return {"t": "MetaBlocks", "c": value}
    return {"t": "MetaInlines", "c": text_inlines(str(value))}
