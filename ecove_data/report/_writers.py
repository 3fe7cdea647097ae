"""Write the document as .docx (pandoc), PDF (Typst) and HTML pages (pandoc).

Every writer works in a temporary folder and returns bytes or files that the caller moves
into place, so a failure never leaves a half-written document behind.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from . import _cover
from ._contrast import warn_low_contrast
from ._crossref import reference, xrefs
from ._document import Document, ast, sources_blocks
from ._docx import rewrite_docx
from ._notebooks import Figure
from ._pandoc import pandoc, pandoc_kept

__all__ = ["REFERENCE_DOCX", "write_docx", "write_html", "write_pdf"]

REFERENCE_DOCX = Path(__file__).with_name("reference.docx")
# 1980-01-01, the earliest time a zip entry can carry: no build date inside the .docx.
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _epoch_env() -> dict[str, str]:
    """Return the environment with ``SOURCE_DATE_EPOCH`` (0 unless set) for pandoc."""
    return {**os.environ, "SOURCE_DATE_EPOCH": os.environ.get("SOURCE_DATE_EPOCH", "0")}


# --- Word ------------------------------------------------------------------------------


def write_docx(document: Document, work: Path, template: Path | None = None) -> bytes:
    """Return the .docx: cover, contents and lists (Word fields), the chapters, the Sources.

    Warns with a :class:`~ecove_data.report._contrast.TemplateContrastWarning` for each
    style of the template whose text is below the contrast WCAG 2.1 asks.
    """
    _cover.write_emblem(work)
    blocks: list[Any] = _cover.docx_blocks(document, document.version)
    for chapter in document.chapters:
        blocks.extend(_cover.docx_captions(document, document.blocks[chapter.stem]))
    blocks.extend(sources_blocks(document))
    # Properties other than pandoc's own become custom ones, which the running header's
    # DOCPROPERTY fields show.
    meta = {"lang": document.language, **_cover.docx_properties(document.deliverable)}
    source = json.dumps(ast(document, blocks, meta), ensure_ascii=False)
    out = work / "document.docx"
    reference = Path(template) if template else REFERENCE_DOCX
    pandoc(
        [
            "-f",
            "json",
            "-t",
            "docx",
            f"--reference-doc={reference}",
            f"--resource-path={work}",
            "-o",
            str(out),
        ],
        source,
        env=_epoch_env(),
    )
    data = _finish_docx(out.read_bytes(), document, (work / _cover.EMBLEM_PNG).read_bytes())
    # A template's colours are the team's: below contrast they are warned of, not refused.
    warn_low_contrast(data, reference)
    return data


def _finish_docx(data: bytes, document: Document, emblem_png: bytes) -> bytes:
    """Set title, language and no dates in the properties; mark header rows; fix zip times."""
    from xml.sax.saxutils import escape

    lang = document.language

    def edit(name: str, content: bytes) -> bytes:
        content = _cover.finish_docx_part(name, content, document.deliverable)
        if name == "docProps/core.xml":
            text = content.decode("utf-8")
            text = re.sub(r"<dc:language>[^<]*</dc:language>", "", text)
            text = re.sub(r"<dc:title>[^<]*</dc:title>", "", text)
            text = text.replace(
                "</cp:coreProperties>",
                f"<dc:title>{escape(document.title)}</dc:title>"
                f"<dc:language>{lang}</dc:language></cp:coreProperties>",
            )
            return text.encode("utf-8")
        if name == "word/document.xml":
            return _fill_toc(_repeat_header_rows(content))
        if name == "word/settings.xml":
            return _settings(content, lang)
        return content

    return rewrite_docx(data, edit, add={f"word/media/{_cover.EMBLEM_PNG}": emblem_png})


def _settings(xml: bytes, lang: str) -> bytes:
    """Ask Word to update the fields (the TOC's page numbers) on opening; British English."""
    text = xml.decode("utf-8")
    text = re.sub(r'<w:themeFontLang w:val="[^"]*"', f'<w:themeFontLang w:val="{lang}"', text)
    if "<w:updateFields" not in text:
        # The schema's order: updateFields comes before these elements.
        later = re.search(
            r"<w:(?:hdrShapeDefaults|footnotePr|endnotePr|compat|docVars|rsids)\b", text
        )
        at = later.start() if later else text.rindex("</w:settings>")
        text = text[:at] + '<w:updateFields w:val="true" />' + text[at:]
    return text.encode("utf-8")


def _repeat_header_rows(xml: bytes) -> bytes:
    """Mark each table's first row as a header that repeats on every page (if pandoc did not)."""
    text = xml.decode("utf-8")

    def mark(match: re.Match[str]) -> str:
        row = match.group(0)
        if "<w:tblHeader" in row:
            return row
        return row.replace("<w:tr>", '<w:tr><w:trPr><w:tblHeader w:val="on" /></w:trPr>', 1)

    text = re.sub(r"(?<=</w:tblGrid>)<w:tr>(?:(?!</w:tr>).)*</w:tr>", mark, text, flags=re.S)
    return text.encode("utf-8")


def _fill_toc(xml: bytes) -> bytes:
    """Put the headings into the TOC field's result.

    Readers that do not update fields (LibreOffice, previews) then show the contents;
    Word, asked by pandoc's ``updateFields`` setting, rebuilds it with page numbers.
    """
    text = xml.decode("utf-8")
    field = re.search(
        r'<w:p><w:r>(<w:fldChar w:fldCharType="begin"[^>]*/><w:instrText[^>]*>TOC [^<]*'
        r'</w:instrText><w:fldChar w:fldCharType="separate" />)'
        r'<w:fldChar w:fldCharType="end" /></w:r></w:p>',
        text,
    )
    heading = re.compile(
        r'<w:bookmarkStart w:id="\d+" w:name="([^"]+)" />\s*<w:p><w:pPr><w:pStyle '
        r'w:val="Heading([12])" />.*?</w:p>',
        re.S,
    )
    entries = []
    for match in heading.finditer(text):
        words = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", match.group(0)))
        level = match.group(2)
        indent = "" if level == "1" else '<w:ind w:left="440" />'
        entries.append(
            (
                f'<w:pPr><w:pStyle w:val="TOC{level}" />{indent}</w:pPr>',
                f'<w:hyperlink w:anchor="{match.group(1)}" w:history="1">'
                f'<w:r><w:t xml:space="preserve">{words}</w:t></w:r></w:hyperlink>',
            )
        )
    if field is None or not entries:
        return xml
    paragraphs = []
    for index, (style, anchor) in enumerate(entries):
        opening = f"<w:r>{field.group(1)}</w:r>" if index == 0 else ""
        closing = (
            '<w:r><w:fldChar w:fldCharType="end" /></w:r>' if index == len(entries) - 1 else ""
        )
        paragraphs.append(f"<w:p>{style}{opening}{anchor}{closing}</w:p>")
    text = text[: field.start()] + "".join(paragraphs) + text[field.end() :]
    return text.encode("utf-8")


# --- PDF through Typst -------------------------------------------------------------------


def _typst_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _typst_figure(figure: Figure, image: str) -> str:
    caption = f"#strong({_typst_string(f'Figure {figure.number}. {figure.title}.')}) " + (
        f"#{_typst_string(figure.caption)}"
    )
    return (
        "#figure(\n"
        f"  image({_typst_string(image)}, width: {figure.width_cm:g}cm, "
        f"alt: {_typst_string(figure.alt)}),\n"
        f"  caption: [{caption}],\n"
        f") <figure-{figure.number}>"
    )


TYPST_PREAMBLE = """\
#set document(title: {title}, author: "ECoVEM project team", date: none)
#set page(paper: "a4", margin: (x: 2.5cm, top: 2.5cm, bottom: 2.5cm))
#set text(font: "Libertinus Serif", size: 11pt, lang: {lang}{region})
#set par(justify: false, leading: 0.65em, spacing: 1.1em)
#show heading: set text(weight: "bold")
#show heading.where(level: 1): it => {{
  if it.outlined {{ pagebreak(weak: true) }}; set text(size: 17pt); it; v(0.4em) }}
#show heading.where(level: 2): set text(size: 13pt)
#set figure(numbering: none, gap: 0.8em)
#show figure: set block(breakable: true, above: 1.4em, below: 1.4em)
#show figure.where(kind: image): set block(breakable: false)
#show figure.caption.where(kind: table): it => block(sticky: true, it)
#show figure.caption: it => align(left, text(size: 9.5pt, it))
#show figure.where(kind: table): set figure.caption(position: top)
#set table(stroke: 0.5pt + luma(150), inset: (x: 5pt, y: 4pt))
#show table: set text(size: 9.5pt)
#show table.cell.where(y: 0): strong
#show link: set text(fill: rgb("#0B5394"))
"""


def escape_numbered_links(markup: str) -> str:
    r"""Escape the dot of a link text that starts with a number, in pandoc's Typst markup.

    Pandoc writes a link as ``#link(url)[text]``; Typst reads a text that starts with
    ``3. `` (a page title such as "3. ECoVEM - ...") as a numbered list item, not as text.

    Examples
    --------
    >>> print(escape_numbered_links('(#link("https://a.eu/x")[3. ECoVEM -- a page])'))
    (#link("https://a.eu/x")[3\. ECoVEM -- a page])
    >>> escape_numbered_links('#link("https://a.eu")[ECoVEM 3. page]')
    '#link("https://a.eu")[ECoVEM 3. page]'
    """
    return re.sub(r"\)\[(\d+)\. ", r")[\1\\. ", markup)


def typst_source(document: Document, images: dict[int, str]) -> str:
    """Return the whole document as Typst markup (prose and tables written by pandoc)."""
    blocks: list[Any] = []
    for chapter in document.chapters:
        for block in document.blocks[chapter.stem]:
            if block["t"] == "Figure":
                number = int(block["c"][0][0].split("-")[1])
                figure = next(f for f in document.figures() if f.number == number)
                block = {"t": "RawBlock", "c": ["typst", _typst_figure(figure, images[number])]}
            blocks.append(block)
    blocks.extend(sources_blocks(document))
    body = pandoc(
        ["-f", "json", "-t", "typst", "--wrap=none"],
        json.dumps(ast(document, blocks), ensure_ascii=False),
    ).decode("utf-8")
    body = escape_numbered_links(body)
    language, _, region = document.language.partition("-")
    preamble = TYPST_PREAMBLE.format(
        title=_typst_string(document.title),
        lang=_typst_string(language.lower()),
        region=f", region: {_typst_string(region.lower())}" if region else "",
    )
    return preamble + _cover.typst_front(document, document.version) + "\n" + body


def write_pdf(document: Document, work: Path, images: dict[int, str]) -> bytes:
    """Return the PDF: A4, embedded fonts, vector figures, tagged with alt text (PDF/UA-1)."""
    import typst

    _cover.write_emblem(work)
    main = work / "document.typ"
    main.write_text(typst_source(document, images), encoding="utf-8")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    return typst.compile(
        str(main),
        root=str(work),
        format="pdf",
        font_paths=[str(_cover.FONTS)],
        ignore_system_fonts=True,
        timestamp=epoch,
        pdf_standards=["ua-1"],
    )


# --- HTML ---------------------------------------------------------------------------------

HTML_STYLE = """\
body { font-family: "Segoe UI", "Liberation Sans", Arial, sans-serif; max-width: 46em;
  margin: 2em auto; padding: 0 1em; line-height: 1.5; color: #1a1a1a; }
figure { margin: 2em 0; } figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.92em; }
table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
caption { text-align: left; margin-bottom: 0.4em; }
th, td { border: 1px solid #999; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #eee; }
nav.pages { font-size: 0.92em; border-bottom: 1px solid #ccc; padding-bottom: 0.5em; }
"""


def _html_page(
    document: Document, work: Path, reuse: bool, name: str, title: str, blocks: list[Any]
) -> bytes:
    # The pages' links in a nav landmark, everything else in main: a screen reader jumps
    # to either, and no content is left outside a landmark.
    nav = [
        {"t": "RawBlock", "c": ["html", _nav(document, name)]},
        {"t": "RawBlock", "c": ["html", "<main>"]},
        *blocks,
        {"t": "RawBlock", "c": ["html", "</main>"]},
    ]
    css = work / f"{Path(name).stem}.css"  # one each: the pages are made at once
    extra = _cover.html_css(document.deliverable) if name == "index.html" else ""
    css.write_text(HTML_STYLE + extra, encoding="utf-8")
    source = json.dumps(ast(document, nav), ensure_ascii=False)
    # What the page can read of the build's folder: its style sheet, and the files its text
    # names (its figures, the emblem).
    reads = [css.name] + [f.name for f in work.iterdir() if f.is_file() and f.name in source]
    # The cover's page has pandoc embed its emblem (an SVG, which pandoc writes with its
    # role and name); the others' style sheet and figures are embedded here, which costs a
    # fraction of pandoc's pass over the whole page.
    own = name != "index.html"
    # Linked by its name alone where it is put in here: the page is the same from any folder.
    args = ["-f", "json", "-t", "html5", "--standalone", "--wrap=none"]
    args += [f"--css={css.name}"] if own else ["--embed-resources", f"--css={css}"]
    args += [] if own else [f"--resource-path={work}"]
    args += ["--metadata", f"pagetitle={title}", "--metadata", f"lang={document.language}"]
    page = pandoc_kept(args, source, work=work, reads=reads, reuse=reuse).decode("utf-8")
    if own:
        page = embed_resources(page, work, css)
    return scope_header_cells(page).encode("utf-8")


_MEDIA = {".png": "image/png", ".svg": "image/svg+xml"}


def embed_resources(page: str, work: Path, css: Path) -> str:
    """Put the style sheet and the images a page links to from ``work`` into the page.

    The link to ``css`` becomes a ``style`` element holding it, and each image of ``work``
    (PNG, SVG) a ``data:`` URL, so the page is one file that shows the same anywhere.
    Raises ``ValueError`` when a link is not there, so a page never refers to the build's
    temporary folder.
    """
    import base64

    link = f'<link rel="stylesheet" href="{css.name}" />'
    if link not in page:
        raise ValueError(f"pandoc wrote no link to {css.name}")
    page = page.replace(link, f"<style>\n{css.read_text(encoding='utf-8')}</style>")

    def inline(match: re.Match[str]) -> str:
        path = work / match.group(1)
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'src="data:{_MEDIA[path.suffix]};base64,{data}"'

    names = "|".join(re.escape(p.name) for p in work.iterdir() if p.suffix in _MEDIA)
    return re.sub(rf'src="({names})"', inline, page) if names else page


def scope_header_cells(page: str) -> str:
    """Give every header cell a ``scope``: columns in a table's head, rows in its body.

    Pandoc writes ``<th>`` without one; with it, a screen reader names a cell's column
    (or row) as it reads the cell.

    Examples
    --------
    >>> print(scope_header_cells("<thead><tr><th>Year</th></tr></thead>"))
    <thead><tr><th scope="col">Year</th></tr></thead>
    >>> print(scope_header_cells('<tbody><tr><th style="x">2021</th><td>84</td></tr></tbody>'))
    <tbody><tr><th scope="row" style="x">2021</th><td>84</td></tr></tbody>
    """

    def scoped(part: re.Match[str], scope: str) -> str:
        return re.sub(r"<th(?![^>]*\bscope=)(?=[\s>])", f'<th scope="{scope}"', part.group(0))

    page = re.sub(r"<thead>.*?</thead>", lambda m: scoped(m, "col"), page, flags=re.S)
    return re.sub(r"<tbody>.*?</tbody>", lambda m: scoped(m, "row"), page, flags=re.S)


def _nav(document: Document, current: str) -> str:
    from html import escape

    pages = [("index.html", "Contents")]
    pages += [(f"{chapter.stem}.html", chapter.title) for chapter in document.chapters]
    pages.append(("sources.html", "Sources"))
    current_page = ' aria-current="page"'
    links = [
        f'<a href="{href}"{current_page if href == current else ""}>{escape(text)}</a>'
        for href, text in pages
    ]
    return '<nav class="pages" aria-label="Pages">' + " · ".join(links) + "</nav>"


def _html_xrefs(blocks: list[Any], page: str) -> list[Any]:
    """Point each reference to a figure or table of another chapter at that chapter's page."""
    out: list[Any] = json.loads(json.dumps(blocks))
    for node in xrefs(out):
        kind, number, chapter = reference(node)
        if f"{chapter}.html" != page:
            node["c"][2][0] = f"{chapter}.html#{kind.lower()}-{number}"
    return out


def write_html(document: Document, work: Path, *, reuse: bool = True) -> dict[str, bytes]:
    """Return the HTML pages: an index (the cover), one page per notebook (no code), Sources.

    Each page is a pandoc process of its own; they run at once, and the pages come back in
    their reading order whatever order they finish in. With ``reuse``, a page that an earlier
    build made from the same inputs is taken from the cache of pandoc's runs
    (:mod:`ecove_data.report._pandoc`).
    """
    from concurrent.futures import ThreadPoolExecutor

    _cover.write_emblem(work)
    links = [(c.title, f"{c.stem}.html") for c in document.chapters] + [("Sources", "sources.html")]
    jobs: list[tuple[str, str, list[Any]]] = [
        ("index.html", document.title, _cover.html_blocks(document, document.version, links))
    ]
    for chapter in document.chapters:
        page = f"{chapter.stem}.html"
        jobs.append((page, chapter.title, _html_xrefs(document.blocks[chapter.stem], page)))
    jobs.append(("sources.html", "Sources", sources_blocks(document)))
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        made = pool.map(lambda job: _html_page(document, work, reuse, *job), jobs)
        return {name: page for (name, _, _), page in zip(jobs, made, strict=True)}


def check_blocks(document: Document) -> None:
    """Every figure and table of the chapters is in the AST exactly once."""
    figures = {f.number for f in document.figures()}
    tables = {t.number for t in document.tables()}
    seen_f, seen_t = set(), set()
    for blocks in document.blocks.values():
        for block in blocks:
            if block["t"] == "Figure":
                seen_f.add(int(block["c"][0][0].split("-")[1]))
            elif block["t"] == "Table":
                seen_t.add(int(block["c"][0][0].split("-")[1]))
    missing = (figures - seen_f) | {-n for n in tables - seen_t}
    if missing:
        raise RuntimeError(
            f"figures or tables lost between the notebook and the document: {missing}"
        )
