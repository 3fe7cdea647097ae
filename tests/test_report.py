"""The parts of the documents build, without executing the notebooks.

`figures.show` is called in this process with IPython's `display` recorded, and its outputs
are put into a notebook as a kernel would; the builder reads that notebook and writes the
documents from it. The command's errors are checked as a user meets them.
"""

from __future__ import annotations

import base64
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import nbformat
import pytest
from conftest import ROOT, ecove
from matplotlib.figure import Figure

import ecove_data
from ecove_data import figures
from ecove_data.notebook import CAPTION_KEY, FIGURE_MIME, TABLE_MIME
from ecove_data.report import _document, _notebooks, _writers
from ecove_data.report._reference import make_reference


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[dict, dict]]:
    """Every (data, metadata) that figures.show displays, as a kernel would send it."""
    import IPython.display

    calls: list[tuple[dict, dict]] = []

    def record(obj, raw: bool = False, metadata: dict | None = None, **_: object) -> None:
        if raw:
            calls.append((obj, metadata or {}))
        else:
            data, meta = obj._repr_mimebundle_() if hasattr(obj, "_repr_mimebundle_") else ({}, {})
            if not data and hasattr(obj, "_repr_markdown_"):
                data = {"text/markdown": obj._repr_markdown_(), "text/plain": repr(obj)}
            calls.append((data, metadata or meta or {}))

    monkeypatch.setattr(IPython.display, "display", record)
    return calls


def _outputs(calls: list[tuple[dict, dict]]) -> list[nbformat.NotebookNode]:
    return [nbformat.v4.new_output("display_data", data=d, metadata=m) for d, m in calls]


def test_figure_functions_label_their_figure_with_its_registry_name() -> None:
    assert figures.call_2021_countries().get_label() == "call_2021_countries"


def test_show_a_figure_gives_image_caption_alt_text_and_its_json(shown) -> None:
    figures.show(figures.call_2021_countries())
    (image, image_meta), (caption, caption_meta) = shown
    payload = image[FIGURE_MIME]
    spec = figures.REGISTRY["call_2021_countries"]
    assert payload["alt"] == figures.alt_text("call_2021_countries")
    assert (payload["title"], payload["caption"]) == (spec.title, spec.caption)
    assert payload["width_cm"] == pytest.approx(8.0)
    assert "<desc>A grid of 55 squares" in payload["svg"]
    assert payload["report_lines"] == [45]  # the lines of 55, 27 and 28, not all key figures
    png = base64.b64decode(image["image/png"])
    assert png.startswith(b"\x89PNG")
    width_px = int.from_bytes(png[16:20], "big")
    assert width_px == pytest.approx(8 / 2.54 * 300, abs=2)
    assert image_meta["image/png"]["width"] == round(8 / 2.54 * 96)
    assert caption["text/markdown"].startswith(f"**Figure. {spec.title}.** {spec.caption}")
    assert payload["alt"] in caption["text/markdown"]
    assert caption_meta[CAPTION_KEY]["role"] == "caption"


def test_show_by_name_and_unknown_figures(shown) -> None:
    figures.show("activities")
    assert shown[0][0][FIGURE_MIME]["name"] == "activities"
    with pytest.raises(LookupError, match="Did you mean 'activities'"):
        figures.show("activity")
    with pytest.raises(ValueError, match=r"figure drawn by a function of ecove_data\.figures"):
        figures.show(Figure())


def test_show_a_table_formats_numbers_as_the_prose(shown) -> None:
    frame = ecove_data.load("pact_sectors")[["position", "sector", "in_networking_workshops"]]
    figures.show(frame, "Sectors")
    ((data, _meta),) = shown
    table = data[TABLE_MIME]
    assert table["columns"] == ["Position", "Sector", "Networking workshops relevant"]
    assert table["rows"][2] == ["3", "Microelectronics", "no"]
    assert table["numeric"] == [True, False, False]
    assert data["text/html"].startswith("<p><strong>Table. Sectors.</strong></p><table>")
    with pytest.raises(ValueError, match=r'needs title="\.\.\."'):
        figures.show(frame)


@pytest.fixture
def chapter_notebook(shown) -> nbformat.NotebookNode:
    """A notebook as a kernel leaves it: prose, a figure with its caption, a table, noise."""
    figures.show(figures.call_2021_countries())
    figures.show(ecove_data.load("key_figures")[["label", "value", "line"]].head(3), "Three")
    outputs = _outputs(shown)
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell("# What is asked?\n\nSome prose, line 44."),
        nbformat.v4.new_code_cell("figures.show(...)", outputs=outputs[:2]),
        nbformat.v4.new_code_cell(
            "x",
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="printed"),
                nbformat.v4.new_output("execute_result", data={"text/plain": "<Figure size>"}),
                outputs[2],
                nbformat.v4.new_output(
                    "display_data",
                    data={
                        "text/markdown": "## What it means for ECoVEM\n\nSee [a page](https://example.org/page)."
                    },
                ),
            ],
        ),
    ]
    return nb


def test_read_keeps_what_a_reader_sees_in_order(chapter_notebook) -> None:
    chapter = _notebooks.read("01_x", chapter_notebook)
    kinds = [type(block).__name__ for block in chapter.blocks]
    assert kinds == ["Prose", "Figure", "Table", "Prose"]
    assert chapter.title == "What is asked?"
    _notebooks.number([chapter])
    assert [chapter.blocks[1].number, chapter.blocks[2].number] == [1, 1]


def _document_from(nb, tmp_path: Path) -> tuple[_document.Document, dict[int, str]]:
    chapter = _notebooks.read("01_x", nb)
    _notebooks.number([chapter])
    figure = chapter.blocks[1]
    (tmp_path / "figure-1.png").write_bytes(figure.png)
    (tmp_path / "figure-1.svg").write_text(figure.svg, encoding="utf-8")
    return _document.make_document([chapter], {1: "figure-1.png"}), {1: "figure-1.svg"}


def test_sources_hold_the_report_lines_and_each_link_once(chapter_notebook, tmp_path) -> None:
    document, _ = _document_from(chapter_notebook, tmp_path)
    assert document.report_lines == [44, 45]  # the prose's line 44, the figure's 45
    # The prose's link, then the page that gives the project number on the cover.
    assert [s.url for s in document.sources] == [
        "https://example.org/page",
        "https://ecwt.eu/portfolio-item/ecovem/",
    ]
    assert document.sources[0].title == "a page"
    assert document.sources[1].title.startswith("ECoVEM")


def _styled_template(path: Path) -> Path:
    """The package's reference document at ``path``, its Normal style Courier New 13 pt."""
    import docx
    from docx.shared import Pt

    make_reference(path)
    ours = docx.Document(str(path))
    ours.styles["Normal"].font.name = "Courier New"
    ours.styles["Normal"].font.size = Pt(13)
    ours.save(str(path))
    return path


def test_docx_from_a_template_takes_its_styles(chapter_notebook, tmp_path) -> None:
    import docx
    from docx.shared import Pt

    template = _styled_template(tmp_path / "ours.docx")
    document, _ = _document_from(chapter_notebook, tmp_path)
    data = _writers.write_docx(document, tmp_path, template)
    result = docx.Document(io.BytesIO(data))
    assert result.styles["Normal"].font.name == "Courier New"
    assert result.styles["Normal"].font.size == Pt(13)
    default = docx.Document(io.BytesIO(_writers.write_docx(document, tmp_path)))
    assert default.styles["Normal"].font.name == "Arial"
    assert default.sections[0].page_width.cm == pytest.approx(21.0, abs=0.01)  # A4


def test_a_pdf_from_the_same_document(chapter_notebook, tmp_path) -> None:
    from pypdf import PdfReader

    document, svgs = _document_from(chapter_notebook, tmp_path)
    pdf = _writers.write_pdf(document, tmp_path, svgs)
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Figure 1. Countries of the 2021 call: EU and non-EU." in " ".join(text.split())
    assert "Table 1. Three." in text


# --- the command as a user meets it --------------------------------------------------------


def _report(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return ecove("report", *args, cwd=cwd)


def test_unknown_format_is_refused_with_the_choices(tmp_path: Path) -> None:
    done = _report("--format", "docx,odt", "--out", str(tmp_path))
    assert done.returncode == 2
    assert "unknown report format 'odt'. Valid report formats: docx, pdf, html" in done.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_missing_template_and_unusable_folder_are_named(tmp_path: Path) -> None:
    done = _report("--template", str(tmp_path / "ours.docx"), "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    missing = tmp_path / "ours.docx"
    assert (
        done.stderr
        == f"ecove-data: the Word template {missing} cannot be used: it does not exist\n"
    )
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = _report("--out", str(blocker / "report"))
    assert done.returncode == 73
    assert done.stderr == f"ecove-data: cannot write {blocker / 'report'}: Not a directory\n"
    assert blocker.read_text() == "not a folder"


@pytest.mark.slow
def test_a_failing_notebook_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata.kernelspec = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Does it fail?"),
        nbformat.v4.new_code_cell("1 / 0"),
    ]
    nbformat.write(nb, notebooks / "01_fails.ipynb")
    shutil.copy(ROOT / "notebooks" / "deliverable.toml", notebooks)
    out = tmp_path / "out"
    out.mkdir()
    (out / "ecove-data-report.docx").write_bytes(b"the previous build")
    done = _report("--notebooks", str(notebooks), "--out", str(out))
    assert done.returncode == 1
    assert "01_fails.ipynb: cell 1 failed, so no document was written" in done.stderr
    assert "ZeroDivisionError" in done.stderr
    assert "\x1b[" not in done.stderr, "no terminal colour codes in a message to a file"
    assert sorted(p.name for p in out.iterdir()) == ["ecove-data-report.docx"]
    assert (out / "ecove-data-report.docx").read_bytes() == b"the previous build"


def test_a_word_template_saved_as_dotx_styles_the_document(chapter_notebook, tmp_path) -> None:
    import docx

    from ecove_data.report._template import check_template

    styled = _styled_template(tmp_path / "styled.docx")
    template = tmp_path / "house.dotx"
    with zipfile.ZipFile(styled) as source, zipfile.ZipFile(template, "w") as dotx:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
                assert b"template.main+xml" in data
            dotx.writestr(info, data)
    assert check_template(template) == template
    document, _ = _document_from(chapter_notebook, tmp_path)
    data = _writers.write_docx(document, tmp_path, template)
    result = docx.Document(io.BytesIO(data))
    assert result.styles["Normal"].font.name == "Courier New"
    with zipfile.ZipFile(io.BytesIO(data)) as zipped:
        types = zipped.read("[Content_Types].xml")
    # The result is a document, not a template, so Word opens it to read.
    assert b"document.main+xml" in types and b"template.main+xml" not in types


@pytest.mark.slow
def test_bad_data_stops_the_report_before_any_notebook_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    table = data / "activities.csv"
    table.write_text(
        table.read_text(encoding="utf-8").replace("VET attractiveness,57", "VET attractiveness,58"),
        encoding="utf-8",
    )
    ecove_data._descriptor.refresh_hashes(data)
    out = tmp_path / "out"
    done = _report("--data-dir", str(data), "--out", str(out))
    assert done.returncode == 1
    assert done.stderr.startswith(f"ecove-data: 1 problem in 1 file of {data}\n\nactivities.csv:")
    assert "the quote starts on line 57 of the report, not line 58" in done.stderr
    assert "How to fix: set line to 57" in done.stderr
    assert "executed" not in done.stderr and "Traceback" not in done.stderr
    assert not out.exists()
