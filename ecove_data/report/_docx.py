"""Writing a .docx the same way every time: fixed zip times, no creation or change dates."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Mapping

__all__ = ["ZIP_TIME", "rewrite_docx"]

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DATES = re.compile(r"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>")


def _keep(name: str, content: bytes) -> bytes:
    return content


def rewrite_docx(
    data: bytes,
    edit: Callable[[str, bytes], bytes] = _keep,
    add: Mapping[str, bytes] | None = None,
) -> bytes:
    """Return the .docx ``data`` with each member passed through ``edit(name, content)``.

    ``add`` holds members to put in after the others (name: content).

    Every member gets the same fixed time and permissions, and the properties lose their
    created and modified dates, so the same content gives the same bytes whoever builds it,
    whenever.

    Examples
    --------
    >>> raw = io.BytesIO()
    >>> core = "<cp:c><dcterms:created x='1'>2026</dcterms:created></cp:c>"
    >>> with zipfile.ZipFile(raw, "w") as z:
    ...     z.writestr("docProps/core.xml", core)
    >>> out = zipfile.ZipFile(io.BytesIO(rewrite_docx(raw.getvalue())))
    >>> out.read("docProps/core.xml"), out.infolist()[0].date_time
    (b'<cp:c></cp:c>', (1980, 1, 1, 0, 0, 0))
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _DATES.sub("", content.decode("utf-8")).encode("utf-8")
            content = edit(info.filename, content)
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
        for name, content in (add or {}).items():
            entry = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
