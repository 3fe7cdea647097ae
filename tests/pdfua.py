"""A checker for the machine-checkable rules of PDF/UA-1 (ISO 14289-1) that a report needs.

veraPDF, the reference validator, is a Java program that the registries here do not carry;
this module checks, with pikepdf, the rules of its PDF/UA-1 profile that matter for a
document of prose, headings, figures, tables and links, and a few that veraPDF leaves to a
person but that a program can decide for such a document (the running headers and page
numbers are artifacts, the structure reads in page order). Each rule is general: it looks
at what the file holds (every Figure, every Table, every line that repeats in the page
margins), never at what this project's documents happen to contain.

``check(path)`` returns a list of :class:`Failure`; ``RULES`` names each rule with the
clause of ISO 14289-1 it comes from and, where it has one, the veraPDF test number.
A file without a structure tree fails every rule that reads the structure: nothing in it
says which content is a figure, a table, a heading or a link.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

# ISO 32000-1 §14.8.4: the standard structure types of PDF 1.7, which PDF/UA-1 builds on.
STANDARD_TYPES = frozenset(
    [
        "Document",
        "Part",
        "Art",
        "Sect",
        "Div",
        "BlockQuote",
        "Caption",
        "TOC",
        "TOCI",
        "Index",
        "NonStruct",
        "Private",
        "P",
        "H",
        "H1",
        "H2",
        "H3",
        "H4",
        "H5",
        "H6",
        "L",
        "LI",
        "Lbl",
        "LBody",
        "Table",
        "TR",
        "TH",
        "TD",
        "THead",
        "TBody",
        "TFoot",
        "Span",
        "Quote",
        "Note",
        "Reference",
        "BibEntry",
        "Code",
        "Link",
        "Annot",
        "Ruby",
        "RB",
        "RT",
        "RP",
        "Warichu",
        "WT",
        "WP",
        "Figure",
        "Formula",
        "Form",
    ]
)
# The operators that put marks on a page (text, paths, shadings, XObjects, inline images).
PAINTING = frozenset(
    [
        "Tj",
        "TJ",
        "'",
        '"',
        "S",
        "s",
        "f",
        "F",
        "f*",
        "B",
        "B*",
        "b",
        "b*",
        "sh",
        "Do",
        "INLINE IMAGE",
    ]
)
TEXT_SHOWING = frozenset(["Tj", "TJ", "'", '"'])
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*")
# Running content lives in the page margins: the top and bottom tenth of the page.
MARGIN_SHARE = 0.10
PAGE_NUMBER = re.compile(r"(page)?#(of#)?|[ivxlcdm]+", re.IGNORECASE)


@dataclass(frozen=True)
class Rule:
    """One rule: what it asks and where the standard asks it."""

    name: str
    clause: str
    asks: str


RULES = {
    rule.name: rule
    for rule in [
        Rule(
            "tagged",
            "ISO 14289-1 §6.2, §7.1 (veraPDF 6.2-1, 7.1-11)",
            "marked as tagged (MarkInfo /Marked true), with a structure tree and its parent tree",
        ),
        Rule(
            "role-map",
            "ISO 14289-1 §7.1 (veraPDF 7.1-5)",
            "every non-standard structure type is role-mapped to a standard one, "
            "and no standard type is remapped",
        ),
        Rule(
            "lang",
            "ISO 14289-1 §7.2 (veraPDF 7.2-29, 7.2-34)",
            "the catalog's /Lang names the language; every /Lang is a language tag",
        ),
        Rule("title", "ISO 14289-1 §7.1 (veraPDF 7.1-9)", "dc:title in the XMP metadata"),
        Rule(
            "display-doc-title",
            "ISO 14289-1 §7.1 (veraPDF 7.1-10)",
            "ViewerPreferences /DisplayDocTitle true: the title, not the file name, is shown",
        ),
        Rule(
            "pdfua-id",
            "ISO 14289-1 §5 (veraPDF 5-1 to 5-5)",
            "the XMP metadata says pdfuaid:part 1",
        ),
        Rule(
            "fonts",
            "ISO 14289-1 §7.21.4.1, §7.21.7 (veraPDF 7.21.4.1-1, 7.21.7-1)",
            "every font used is embedded and maps its glyphs to Unicode",
        ),
        Rule(
            "content-tagged",
            "ISO 14289-1 §7.1 (veraPDF 7.1-3)",
            "every mark on a page is tagged content in the structure tree or an artifact",
        ),
        Rule(
            "figures",
            "ISO 14289-1 §7.3 (veraPDF 7.3-1)",
            "every Figure has /Alt; every image on a page belongs to a Figure or is an artifact",
        ),
        Rule(
            "tables",
            "ISO 14289-1 §7.5, §7.2 (veraPDF 7.5-1, 7.2-3 to 7.2-10)",
            "every Table has TH cells, each with a /Scope; rows and cells nest as PDF says; "
            "every /Headers reference names a TH of the same table",
        ),
        Rule(
            "headings",
            "ISO 14289-1 §7.4.2, §7.4.4 (veraPDF 7.4.2-1, 7.4.4-1 to 7.4.4-3)",
            "numbered headings start at H1, never skip a level, are not empty and are not "
            "mixed with H",
        ),
        Rule(
            "artifacts",
            "ISO 14289-1 §7.8",
            "running headers, footers and page numbers (text that repeats in the top or "
            "bottom margin from page to page) are artifacts",
        ),
        Rule(
            "links",
            "ISO 14289-1 §7.18.1, §7.18.3, §7.18.5 (veraPDF 7.18.1-2, 7.18.3-1, "
            "7.18.5-1, 7.18.5-2)",
            "every link annotation has /Contents and sits in a Link structure element; "
            "pages with annotations order them by structure (/Tabs /S)",
        ),
        Rule(
            "reading-order",
            "ISO 14289-1 §7.1",
            "the structure tree reads the pages in order: no content after content of a later page",
        ),
    ]
}


@dataclass(frozen=True)
class Failure:
    """One broken rule: which, where, and what is wrong."""

    rule: str
    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.rule} ({RULES[self.rule].clause}) at {self.where}: {self.problem}"


# --- the structure tree -------------------------------------------------------------------


@dataclass
class Element:
    """A structure element, with its standard role and what it holds."""

    obj: pikepdf.Dictionary
    type: str  # as written, without the slash
    role: str  # after the role map
    ancestors: tuple[str, ...]  # roles, outermost first
    content: list[tuple[int, int]] = field(default_factory=list)  # (page, MCID) in order
    annotations: list[pikepdf.Object] = field(default_factory=list)
    children: list[Element] = field(default_factory=list)

    def attribute(self, key: str) -> Any:
        """The attribute ``key`` (``/Scope``...) from /A, a dict or an array of them."""
        owner = self.obj.get("/A")
        found = None
        for item in owner if isinstance(owner, pikepdf.Array) else [owner]:
            if isinstance(item, pikepdf.Dictionary) and key in item:
                found = item[key]
        return found

    def descendants(self, stop: str | None = None) -> Iterator[Element]:
        """Every element below this one (not below a nested element of role ``stop``)."""
        for child in self.children:
            yield child
            if child.role != stop:
                yield from child.descendants(stop)

    def all_content(self) -> list[tuple[int, int]]:
        """(page, MCID) of this element and every element below it, in order."""
        found = list(self.content)
        for child in self.descendants():
            found += child.content
        return found

    def label(self) -> str:
        text = self.obj.get("/Alt") or self.obj.get("/T") or ""
        shown = f" {str(text)[:50]!r}" if text else ""
        return f"{self.type} element{shown}"


class Structure:
    """The structure tree read once: elements in order, and where each MCID belongs."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.pages = {page.objgen: index for index, page in enumerate(pdf.pages)}
        self.root = pdf.Root.get("/StructTreeRoot")
        self.role_map = dict(self.root.get("/RoleMap", {})) if self.root is not None else {}
        self.elements: list[Element] = []
        self.top: list[Element] = []
        self.owner: dict[tuple[int, int], Element] = {}
        self.order: list[tuple[int, Element]] = []  # (page, element) of each item read
        self.problems: list[str] = []
        if self.root is not None:
            for kid in self._kids(self.root):
                if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                    self.top.append(self._read(kid, (), None))
        # The table row each element is inside, by id(element).
        self.row: dict[int, Element] = {
            id(inner): row
            for row in self.elements
            if row.role == "TR"
            for inner in row.descendants()
        }

    def role(self, name: str) -> str:
        """The standard type ``name`` maps to (itself if standard); '' if it maps nowhere."""
        seen = set()
        while name not in STANDARD_TYPES:
            if name in seen or f"/{name}" not in self.role_map:
                return ""
            seen.add(name)
            name = str(self.role_map[f"/{name}"]).lstrip("/")
        return name

    @staticmethod
    def _kids(node: pikepdf.Object) -> list[Any]:
        kids = node.get("/K")
        if kids is None:
            return []
        return list(kids) if isinstance(kids, pikepdf.Array) else [kids]

    def _page(self, node: pikepdf.Object, inherited: pikepdf.Object | None) -> int | None:
        page = node.get("/Pg", inherited) if isinstance(node, pikepdf.Dictionary) else inherited
        return self.pages.get(page.objgen) if page is not None else None

    def _read(
        self, obj: pikepdf.Dictionary, ancestors: tuple[str, ...], page: pikepdf.Object | None
    ) -> Element:
        kind = str(obj["/S"]).lstrip("/")
        element = Element(obj, kind, self.role(kind), ancestors)
        self.elements.append(element)
        page = obj.get("/Pg", page)
        inside = (*ancestors, element.role)
        for kid in self._kids(obj):
            if isinstance(kid, int) or (hasattr(kid, "is_integer") and kid.is_integer):
                index = self._page(obj, page)
                self._content(element, index, int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                self._content(element, self._page(kid, page), int(kid["/MCID"]))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                element.annotations.append(kid["/Obj"])
                index = self._page(kid, page)
                if index is not None:
                    self.order.append((index, element))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                element.children.append(self._read(kid, inside, page))
        return element

    def _content(self, element: Element, page: int | None, mcid: int) -> None:
        if page is None:
            self.problems.append(f"{element.label()} holds MCID {mcid} with no page")
            return
        element.content.append((page, mcid))
        self.owner[(page, mcid)] = element
        self.order.append((page, element))

    def parent_tree(self) -> dict[int, Any]:
        """The parent tree as {key: value}, its number tree flattened."""
        found: dict[int, Any] = {}
        stack = [self.root.get("/ParentTree")] if self.root is not None else []
        while stack:
            node = stack.pop()
            if node is None:
                continue
            nums = node.get("/Nums")
            if nums is not None:
                for key, value in zip(nums[::2], nums[1::2], strict=True):
                    found[int(key)] = value
            stack.extend(node.get("/Kids", []))
        return found


# --- the pages: what is painted, inside which marked content, where -----------------------

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n``: the matrix product m n of PDF's row-vector convention."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


@dataclass
class Mark:
    """One painting operator on a page and the marked content around it."""

    page: int
    operator: str
    context: str  # "artifact", "tagged" or "untagged"
    mcid: int | None
    x: float = 0.0
    y: float = 0.0
    text: str = ""
    image: bool = False


class _ToUnicode:
    """A font's ToUnicode CMap, enough to read back the text a string shows."""

    def __init__(self, font: pikepdf.Dictionary) -> None:
        self.map: dict[bytes, str] = {}
        self.width = 2 if font.get("/Subtype") == "/Type0" else 1
        stream = font.get("/ToUnicode")
        if not isinstance(stream, pikepdf.Stream):
            return
        text = stream.read_bytes().decode("latin-1")
        space = re.search(r"begincodespacerange\s*<([0-9A-Fa-f]+)>", text)
        if space:
            self.width = len(space.group(1)) // 2
        for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
            for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
                self.map[bytes.fromhex(src)] = _utf16(dst)
        for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
            pattern = r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])"
            for low, high, dst in re.findall(pattern, block):
                start, end, size = int(low, 16), int(high, 16), len(low) // 2
                targets = re.findall(r"<([0-9A-Fa-f]*)>", dst)
                for offset, code in enumerate(range(start, min(end, start + 65535) + 1)):
                    if dst.startswith("["):
                        value = _utf16(targets[offset]) if offset < len(targets) else ""
                    else:
                        first = bytes.fromhex(targets[0])
                        bumped = int.from_bytes(first, "big") + offset
                        value = _utf16(bumped.to_bytes(len(first), "big").hex())
                    self.map[code.to_bytes(size, "big")] = value

    def decode(self, data: bytes) -> str:
        if not self.map:
            return data.decode("latin-1") if self.width == 1 else ""
        step = self.width
        return "".join(self.map.get(data[i : i + step], "") for i in range(0, len(data), step))


def _utf16(hexa: str) -> str:
    try:
        return bytes.fromhex(hexa).decode("utf-16-be")
    except ValueError:
        return ""


class Pages:
    """Every painting operator of every page (forms followed), with its context."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.marks: list[Mark] = []
        self.mcids: set[tuple[int, int]] = set()
        self.heights: list[tuple[float, float]] = []  # (bottom, top) of each page
        self._fonts: dict[tuple[int, int], _ToUnicode] = {}
        for index, page in enumerate(pdf.pages):
            box = [float(v) for v in page.obj.get("/CropBox", page.mediabox)]
            self.heights.append((min(box[1], box[3]), max(box[1], box[3])))
            self._run(
                index, page.obj, page.obj.get("/Resources", pikepdf.Dictionary()), IDENTITY, [], 0
            )

    def _font(self, resources: pikepdf.Dictionary, name: str) -> _ToUnicode | None:
        font = resources.get("/Font", {}).get(name)
        if font is None:
            return None
        key = font.objgen
        if key not in self._fonts or key == (0, 0):
            self._fonts[key] = _ToUnicode(font)
        return self._fonts[key]

    def _run(
        self,
        page: int,
        holder: pikepdf.Object,
        resources: pikepdf.Dictionary,
        ctm: Matrix,
        marked: list[tuple[bool, int | None]],
        depth: int,
    ) -> None:
        stack: list[Matrix] = []
        tm = tlm = IDENTITY
        leading = 0.0
        font: _ToUnicode | None = None
        properties = resources.get("/Properties", {})
        context, mcid = _context(marked)
        for instruction in pikepdf.parse_content_stream(holder):
            op = str(instruction.operator)
            args = instruction.operands
            if op == "q":
                stack.append(ctm)
            elif op == "Q":
                ctm = stack.pop() if stack else ctm
            elif op == "cm":
                ctm = _times(tuple(float(v) for v in args), ctm)  # type: ignore[arg-type]
            elif op in ("BDC", "BMC"):
                props = args[1] if op == "BDC" and len(args) > 1 else None
                if isinstance(props, pikepdf.Name):
                    props = properties.get(props)
                mcid = props.get("/MCID") if isinstance(props, pikepdf.Dictionary) else None
                artifact = str(args[0]) == "/Artifact"
                marked.append((artifact, int(mcid) if mcid is not None else None))
                if mcid is not None and not artifact:
                    self.mcids.add((page, int(mcid)))
                context, mcid = _context(marked)
            elif op == "EMC":
                if marked:
                    marked.pop()
                context, mcid = _context(marked)
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tm":
                tm = tlm = tuple(float(v) for v in args)  # type: ignore[assignment]
            elif op in ("Td", "TD"):
                tx, ty = float(args[0]), float(args[1])
                if op == "TD":
                    leading = -ty
                tm = tlm = _times((1, 0, 0, 1, tx, ty), tlm)
            elif op == "TL":
                leading = float(args[0])
            elif op == "T*" or op in ("'", '"'):
                tm = tlm = _times((1, 0, 0, 1, 0, -leading), tlm)
            elif op == "Tf":
                font = self._font(resources, args[0])
            if op not in PAINTING:
                continue
            if op == "Do":
                xobject = resources.get("/XObject", {}).get(args[0])
                if xobject is None:
                    continue
                if xobject.get("/Subtype") == "/Form" and depth < 12:
                    matrix = tuple(float(v) for v in xobject.get("/Matrix", IDENTITY))
                    inner = xobject.get("/Resources", resources)
                    self._run(
                        page,
                        xobject,
                        inner,
                        _times(matrix, ctm),  # type: ignore[arg-type]
                        list(marked),
                        depth + 1,
                    )
                    continue
                self.marks.append(Mark(page, op, context, mcid, image=True))
                continue
            mark = Mark(page, op, context, mcid, image=op == "INLINE IMAGE")
            if op in TEXT_SHOWING:
                strings = (
                    args[-1]
                    if op != "TJ"
                    else [s for s in args[0] if isinstance(s, pikepdf.String)]
                )
                raw = b"".join(
                    bytes(s) for s in (strings if isinstance(strings, list) else [strings])
                )
                mark.text = font.decode(raw) if font else ""
                position = _times(tm, ctm)
                mark.x, mark.y = position[4], position[5]
            self.marks.append(mark)


def _context(marked: list[tuple[bool, int | None]]) -> tuple[str, int | None]:
    """("artifact" | "tagged" | "untagged", the MCID) inside these marked-content sequences."""
    mcid = next((m for _, m in reversed(marked) if m is not None), None)
    if any(flag for flag, _ in marked):
        return "artifact", mcid
    return ("tagged" if mcid is not None else "untagged"), mcid


# --- the rules --------------------------------------------------------------------------


class Checker:
    """Every rule over one file; ``failures`` holds what broke."""

    def __init__(self, pdf: pikepdf.Pdf) -> None:
        self.pdf = pdf
        self.structure = Structure(pdf)
        self.pages = Pages(pdf)
        self.failures: list[Failure] = []
        with pdf.open_metadata() as xmp:
            self.xmp = {key: str(value) for key, value in xmp.items()}

    def fail(self, rule: str, where: str, problem: str) -> None:
        self.failures.append(Failure(rule, where, problem))

    def untagged(self, rule: str) -> bool:
        """Fail ``rule`` and say so when there is no structure tree to read."""
        if self.structure.root is None:
            self.fail(rule, "/Root", "no structure tree, so nothing says which content is what")
            return True
        return False

    def run(self) -> list[Failure]:
        for rule in RULES:
            getattr(self, "rule_" + rule.replace("-", "_"))()
        return self.failures

    def rule_tagged(self) -> None:
        marked = self.pdf.Root.get("/MarkInfo", {}).get("/Marked")
        if not marked:
            self.fail("tagged", "/Root/MarkInfo", "not marked as tagged (/Marked is not true)")
        if self.pdf.Root.get("/MarkInfo", {}).get("/Suspects"):
            self.fail("tagged", "/Root/MarkInfo", "/Suspects is true: the tags are not trusted")
        if self.untagged("tagged"):
            return
        if not self.structure.top:
            self.fail("tagged", "/StructTreeRoot", "the structure tree is empty")
        if self.structure.root.get("/ParentTree") is None:
            self.fail("tagged", "/StructTreeRoot", "no /ParentTree from content to structure")
        for problem in self.structure.problems:
            self.fail("tagged", "/StructTreeRoot", problem)

    def rule_role_map(self) -> None:
        if self.untagged("role-map"):
            return
        for kind in sorted({element.type for element in self.structure.elements}):
            if not self.structure.role(kind):
                self.fail(
                    "role-map", f"/{kind}", "a non-standard type that maps to no standard one"
                )
        for name in self.structure.role_map:
            if name.lstrip("/") in STANDARD_TYPES:
                self.fail("role-map", "/RoleMap", f"the standard type {name} is remapped")

    def rule_lang(self) -> None:
        lang = self.pdf.Root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.fail("lang", "/Root", "no /Lang: a screen reader cannot tell the language")
        elif not LANGUAGE_TAG.fullmatch(str(lang)):
            self.fail("lang", "/Root", f"/Lang {str(lang)!r} is not a language tag")
        for element in self.structure.elements:
            own = element.obj.get("/Lang")
            if own is not None and str(own) and not LANGUAGE_TAG.fullmatch(str(own)):
                self.fail("lang", element.label(), f"/Lang {str(own)!r} is not a language tag")

    def rule_title(self) -> None:
        if not self.xmp.get("{http://purl.org/dc/elements/1.1/}title", "").strip():
            self.fail("title", "/Root/Metadata", "no dc:title in the XMP metadata")

    def rule_display_doc_title(self) -> None:
        prefs = self.pdf.Root.get("/ViewerPreferences", {})
        if not prefs.get("/DisplayDocTitle"):
            self.fail(
                "display-doc-title",
                "/Root/ViewerPreferences",
                "DisplayDocTitle is not true: viewers show the file name, not the title",
            )

    def rule_pdfua_id(self) -> None:
        part = self.xmp.get("{http://www.aiim.org/pdfua/ns/id/}part")
        if part != "1":
            self.fail("pdfua-id", "/Root/Metadata", f"pdfuaid:part is {part!r}, not '1'")

    def rule_fonts(self) -> None:
        seen: set[tuple[int, int]] = set()
        for index, font in _fonts(self.pdf):
            if font.objgen in seen and font.objgen != (0, 0):
                continue
            seen.add(font.objgen)
            if font.get("/Subtype") == "/Type3":
                continue  # glyphs drawn by content streams, nothing to embed
            inner = font["/DescendantFonts"][0] if "/DescendantFonts" in font else font
            descriptor = inner.get("/FontDescriptor") or {}
            name = str(inner.get("/BaseFont", "?"))
            if not any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                self.fail("fonts", f"page {index + 1}", f"font {name} is not embedded")
            encoding = font.get("/Encoding")
            standard = str(encoding) in (
                "/WinAnsiEncoding",
                "/MacRomanEncoding",
                "/StandardEncoding",
            )
            if "/ToUnicode" not in font and not standard:
                self.fail("fonts", f"page {index + 1}", f"font {name} has no ToUnicode map")

    def rule_content_tagged(self) -> None:
        untagged = Counter(mark.page for mark in self.pages.marks if mark.context == "untagged")
        for page, count in sorted(untagged.items()):
            self.fail(
                "content-tagged",
                f"page {page + 1}",
                f"{count} marks are neither tagged content nor artifacts",
            )
        if self.structure.root is None:
            return
        orphans = sorted(self.pages.mcids - set(self.structure.owner))
        pages = Counter(page for page, _ in orphans)
        for page, count in sorted(pages.items()):
            self.fail(
                "content-tagged",
                f"page {page + 1}",
                f"{count} marked-content sequences belong to no structure element",
            )
        missing = sorted(set(self.structure.owner) - self.pages.mcids)
        for page, mcid in missing[:5]:
            self.fail(
                "content-tagged",
                f"page {page + 1}",
                f"the structure names MCID {mcid}, which the page does not have",
            )

    def rule_figures(self) -> None:
        if self.untagged("figures"):
            return
        for element in self.structure.elements:
            if element.role != "Figure":
                continue
            alt = element.obj.get("/Alt", element.obj.get("/ActualText"))
            if alt is None or not str(alt).strip():
                pages = sorted({p + 1 for p, _ in element.all_content()})
                self.fail("figures", f"{element.label()} on pages {pages}", "no /Alt text")
        for mark in self.pages.marks:
            if not mark.image or mark.context == "artifact":
                continue
            owner = (
                self.structure.owner.get((mark.page, mark.mcid)) if mark.mcid is not None else None
            )
            if owner is None or "Figure" not in (*owner.ancestors, owner.role):
                where = owner.label() if owner else "no structure element"
                self.fail(
                    "figures",
                    f"page {mark.page + 1}",
                    f"an image that belongs to {where}, not to a Figure nor an artifact",
                )

    def rule_tables(self) -> None:
        if self.untagged("tables"):
            return
        for element in self.structure.elements:
            if element.role == "TR" and (element.ancestors[-1:] or ("",))[0] not in (
                "Table",
                "THead",
                "TBody",
                "TFoot",
            ):
                self.fail("tables", element.label(), "a table row outside a Table")
            if element.role in ("TH", "TD") and element.ancestors[-1:] != ("TR",):
                self.fail("tables", element.label(), "a table cell outside a row (TR)")
            if element.role != "Table":
                continue
            cells = [e for e in element.descendants(stop="Table") if e.role in ("TH", "TD")]
            headers = [cell for cell in cells if cell.role == "TH"]
            pages = sorted({p + 1 for p, _ in element.all_content()})
            where = f"Table on pages {pages}"
            if not headers:
                self.fail("tables", where, f"{len(cells)} cells and no header cell (TH)")
            for cell in headers:
                scope = cell.attribute("/Scope")
                if str(scope) not in ("/Row", "/Column", "/Both"):
                    self.fail("tables", where, f"a TH cell with no /Scope ({scope})")
            ids = {str(cell.obj["/ID"]) for cell in headers if "/ID" in cell.obj}
            dangling = sorted(
                {str(ref) for cell in cells for ref in cell.attribute("/Headers") or []} - ids
            )
            if dangling:
                self.fail(
                    "tables",
                    where,
                    f"cells' /Headers name {dangling[:3]}, which are no TH of the table",
                )

    def rule_headings(self) -> None:
        if self.untagged("headings"):
            return
        levels = []
        plain = False
        for element in self.structure.elements:
            if element.role == "H":
                plain = True
            match = re.fullmatch(r"H([1-6])", element.role)
            if not match:
                continue
            level = int(match.group(1))
            if not element.all_content():
                self.fail("headings", element.label(), "an empty heading")
            if not levels and level != 1:
                self.fail("headings", element.label(), f"the first heading is H{level}, not H1")
            elif levels and level > levels[-1] + 1:
                self.fail(
                    "headings", element.label(), f"H{level} after H{levels[-1]}: a level is skipped"
                )
            levels.append(level)
        if plain and levels:
            self.fail("headings", "/StructTreeRoot", "H and numbered headings (H1-H6) mixed")

    def rule_artifacts(self) -> None:
        lines: dict[tuple[int, int, str], list[Mark]] = defaultdict(list)
        for mark in self.pages.marks:
            if mark.operator not in TEXT_SHOWING or not mark.text.strip():
                continue
            bottom, top = self.pages.heights[mark.page]
            margin = (top - bottom) * MARGIN_SHARE
            if bottom + margin < mark.y < top - margin:
                continue
            edge = "bottom" if mark.y <= bottom + margin else "top"
            lines[(mark.page, round(mark.y / 2), edge)].append(mark)
        running: dict[tuple[int, str], set[int]] = defaultdict(set)
        shapes: dict[tuple[int, int, str], str] = {}
        for (page, row, edge), marks in lines.items():
            text = re.sub(r"\d+", "#", re.sub(r"\s+", "", "".join(m.text for m in marks)))
            shapes[(page, row, edge)] = text
            running[(row, text)].add(page)
        for (page, row, edge), marks in sorted(lines.items()):
            text = shapes[(page, row, edge)]
            repeated = len(running[(row, text)]) > 1
            if not (repeated or PAGE_NUMBER.fullmatch(text)):
                continue
            wrong = [m for m in marks if m.context != "artifact"]
            if wrong:
                shown = "".join(m.text for m in marks).strip()
                self.fail(
                    "artifacts",
                    f"page {page + 1}",
                    f"the {edge} line {shown[:40]!r}, repeated on "
                    f"{len(running[(row, text)])} pages, is {wrong[0].context} content, "
                    "not an artifact",
                )

    def rule_links(self) -> None:
        tagged = self.structure.root is not None
        parents = self.structure.parent_tree() if tagged else {}
        linked = {
            annotation.objgen
            for element in self.structure.elements
            if element.role in ("Link", "Annot")
            for annotation in element.annotations
        }
        roles = {
            annotation.objgen: element.role
            for element in self.structure.elements
            for annotation in element.annotations
        }
        for index, page in enumerate(self.pdf.pages):
            annotations = [a for a in page.obj.get("/Annots", []) if a.get("/Subtype") != "/Popup"]
            if annotations and page.obj.get("/Tabs") != "/S":
                self.fail("links", f"page {index + 1}", "annotations but no /Tabs /S")
            for annotation in annotations:
                if int(annotation.get("/F", 0)) & 2:
                    continue  # hidden
                kind = str(annotation.get("/Subtype"))
                where = f"page {index + 1}, {kind} annotation"
                if not str(annotation.get("/Contents", "")).strip():
                    self.fail("links", where, "no /Contents describing it")
                if not tagged:
                    self.fail("links", where, "not in the structure tree (no structure tree)")
                    continue
                want = "Link" if kind == "/Link" else "Annot"
                parent = parents.get(int(annotation.get("/StructParent", -1)))
                if annotation.objgen not in linked or parent is None:
                    self.fail("links", where, f"not inside a {want} structure element")
                elif roles.get(annotation.objgen) != want:
                    self.fail("links", where, f"inside {roles.get(annotation.objgen)}, not {want}")

    def rule_reading_order(self) -> None:
        if self.untagged("reading-order"):
            return
        # A table row is read cell by cell, so a row that breaks across a page reads its
        # first cell's end before the next cell's start: a row counts as one unit.
        units: list[tuple[Element, list[int]]] = []
        for page, element in self.structure.order:
            unit = self.structure.row.get(id(element), element)
            if units and units[-1][0] is unit:
                units[-1][1].append(page)
            else:
                units.append((unit, [page]))
        furthest = -1
        for unit, pages in units:
            if min(pages) < furthest:
                self.fail(
                    "reading-order",
                    f"page {min(pages) + 1}",
                    f"{unit.label()} is read after content of page {furthest + 1}",
                )
            furthest = max(furthest, *pages)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[int, pikepdf.Dictionary]]:
    """(page index, font) of every font in the pages' resources, forms and annotations."""
    for index, page in enumerate(pdf.pages):
        stack = [page.obj.get("/Resources")]
        for annotation in page.obj.get("/Annots", []):
            for appearance in annotation.get("/AP", {}).values():
                streams = (
                    appearance.values()
                    if isinstance(appearance, pikepdf.Dictionary)
                    and not isinstance(appearance, pikepdf.Stream)
                    else [appearance]
                )
                stack += [s.get("/Resources") for s in streams if isinstance(s, pikepdf.Stream)]
        seen: set[tuple[int, int]] = set()
        while stack:
            resources = stack.pop()
            if resources is None or (resources.objgen in seen and resources.objgen != (0, 0)):
                continue
            seen.add(resources.objgen)
            for font in resources.get("/Font", {}).values():
                yield index, font
                if font.get("/Subtype") == "/Type3":
                    stack.append(font.get("/Resources"))
            for xobject in resources.get("/XObject", {}).values():
                if xobject.get("/Subtype") == "/Form":
                    stack.append(xobject.get("/Resources"))


def check(path: Path | str | pikepdf.Pdf) -> list[Failure]:
    """Every failure of the file at ``path`` (or an open pikepdf.Pdf), rule by rule."""
    if isinstance(path, pikepdf.Pdf):
        return Checker(path).run()
    with pikepdf.open(path) as pdf:
        return Checker(pdf).run()


def by_rule(failures: list[Failure]) -> dict[str, int]:
    """How many failures each rule has (rules with none left out)."""
    return dict(Counter(failure.rule for failure in failures))


def summary(failures: list[Failure], limit: int = 40) -> str:
    """The failures as lines, for an assertion message."""
    lines = [str(failure) for failure in failures[:limit]]
    if len(failures) > limit:
        lines.append(f"... and {len(failures) - limit} more")
    return "\n".join(lines)


Check = Callable[[pikepdf.Pdf], list[Failure]]


if __name__ == "__main__":
    import sys

    for name in sys.argv[1:]:
        found = check(name)
        print(name, by_rule(found) or "no failures")
        print(summary(found))
