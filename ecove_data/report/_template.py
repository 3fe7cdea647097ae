"""The Word template (``--template``): checked before anything runs, so a bad one costs nothing.

pandoc takes the styles, page set-up, header and footer of a *reference document* and
nothing else. Any Word document (``.docx``) or template (``.dotx``) serves; pandoc writes
its own content types, so the result is a document whatever the template is. A
macro-enabled file (``.docm``, ``.dotm``) is refused rather than trusted: the report carries
no macros, and a file that holds them is better saved again without.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from .._errors import TemplateError

__all__ = ["check_template"]

_WORD_MAIN = (
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
)
_MACRO_MAIN = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_STYLES = "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"
_SAVE_AGAIN = "open it in Word and save it as a Word Document (.docx) or Word Template (.dotx)"
_OVERRIDE = re.compile(r'<Override\b[^>]*\bPartName="([^"]+)"[^>]*\bContentType="([^"]+)"')


def check_template(path: Path | str) -> Path:
    """Return ``path`` if it is a Word document or template pandoc can take styles from.

    Raises :class:`ecove_data.TemplateError` (bad usage) saying what is wrong with it and
    how to make a usable one.

    Examples
    --------
    >>> from ecove_data.report._writers import REFERENCE_DOCX
    >>> check_template(REFERENCE_DOCX) == REFERENCE_DOCX
    True
    >>> check_template("README.md")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ecove_data._errors.TemplateError: the Word template README.md cannot be used: it is not ...
    """
    path = Path(path)
    if not path.is_file():
        raise TemplateError(path, "it does not exist" if not path.exists() else "it is a folder")
    try:
        with zipfile.ZipFile(path) as zipped:
            damaged = zipped.testzip()
            names = set(zipped.namelist())
            types = (
                zipped.read("[Content_Types].xml").decode("utf-8", "replace")
                if "[Content_Types].xml" in names
                else ""
            )
    except zipfile.BadZipFile:
        raise TemplateError(
            path, f"it is not a Word file (a .docx is a zip archive; this is not); {_SAVE_AGAIN}"
        ) from None
    except (OSError, zipfile.LargeZipFile, RuntimeError, ValueError) as exc:
        reason = f"its zip archive cannot be read ({exc}); {_SAVE_AGAIN}"
        raise TemplateError(path, reason) from None
    if damaged is not None:
        raise TemplateError(path, f"it is damaged (part {damaged} is corrupt); {_SAVE_AGAIN}")
    parts = {name.lstrip("/"): kind for name, kind in _OVERRIDE.findall(types)}
    kinds = set(parts.values())
    if kinds & set(_MACRO_MAIN) or any(name.endswith("vbaProject.bin") for name in names):
        raise TemplateError(
            path,
            "it is macro-enabled (.docm or .dotm) and the report takes no macros; save it as a "
            "Word Document (.docx) or Word Template (.dotx), which keeps its styles and drops "
            "the macros",
        )
    if not kinds & set(_WORD_MAIN):
        raise TemplateError(path, f"it is a zip archive but not a Word document; {_SAVE_AGAIN}")
    styles = [name for name, kind in parts.items() if kind == _STYLES]
    if not styles or not all(name in names for name in styles):
        raise TemplateError(
            path,
            "it has no styles part (word/styles.xml), which is what the report takes from it; "
            + _SAVE_AGAIN,
        )
    return path
