"""Text escaped for Markdown reads back as itself in the readers the documents go through."""

from __future__ import annotations

import json
import re
import subprocess

import pypandoc
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecove_data._markdown import escape

PANDOC = pypandoc.get_pandoc_path()
# The characters that make markup somewhere, and plain ones between them.
ALPHABET = st.sampled_from(
    [*"abc XYZ019_*`[]()<>&|~^$@#:-+=!{}.\"'\\/%;?\n\t", "é", "“", "中", "ü"]
)
# The readers: the documents' (pandoc's CommonMark with its extensions, as the report reads
# the notebooks' prose) and GitHub's (pandoc's gfm).
READERS = ["commonmark_x-smart", "gfm"]


def _shown(markdown: str, reader: str) -> str:
    """The text a reader shows for ``markdown``, with any node that is not text named."""
    done = subprocess.run(
        [PANDOC, "-f", reader, "-t", "json"], input=markdown.encode(), capture_output=True
    )
    out: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            kind = node["t"]
            if kind == "Str":
                out.append(node["c"])
            elif kind in ("Space", "SoftBreak"):
                out.append(" ")
            elif kind == "LineBreak":
                out.append("\n")
            elif kind in ("Para", "Plain"):
                walk(node["c"])
            else:
                out.append(f"<{kind}>")

    walk(json.loads(done.stdout)["blocks"])
    return "".join(out)


def _squash(text: str) -> str:
    # Readers show a run of spaces as one space, and drop spaces around a line break.
    return re.sub(r"[ \t]+", " ", re.sub(r"[ \t]*\n[ \t]*", "\n", text))


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    "text",
    [
        "*emphasis* and _emphasis_ and **bold**",
        "<b>bold</b> &amp; &#35; <!-- comment -->",
        "$a + b$ and $$c$$ and \\(d\\)",
        "@citation [@key] [1] [link](http://x) ![image](y.png) [^note]",
        "# heading",
        "- item\n+ item\n1. item\n2) item\n(a) item\n#. item",
        "> quote\n---\n===\n: definition\n::: div",
        "`code` ~~strike~~ ~sub~ ^sup^ :smile: x|y",
        "back\\slash at the end\\",
    ],
)
def test_markup_is_shown_as_typed(text: str, reader: str) -> None:
    assert _shown(escape(text), reader) == _squash(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(ALPHABET, min_size=1, max_size=25).map(str.strip).filter(bool))
def test_any_text_is_shown_as_typed(text: str) -> None:
    for reader in READERS:
        assert _shown(escape(text), reader) == _squash(text), reader


def test_plain_words_and_identifiers_stay_readable() -> None:
    for text in ("cove_call_2021_organisations", "e.g. 20.7 %", "Note: see line 44", "-5"):
        assert escape(text) == text


def test_a_line_break_is_written_as_asked() -> None:
    assert escape("a\r\nb\rc\nd", line_break="<br>") == "a<br>b<br>c<br>d"
    assert escape("a\nb") == "a\\\nb"
