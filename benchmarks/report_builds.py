"""One build of the documents in a given state, for bench_report (run as a separate process).

``first``: no cache and no previous output, as on a fresh clone. ``again CACHE OUT``: the
same build again, nothing changed. ``edited CACHE OUT NOTEBOOKS``: one sentence added to
the prose a code cell of one notebook writes, then the build (that notebook runs again).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EDITED = "02_event_themes.ipynb"


def _build(cache: str, out: str, notebooks: str = "notebooks") -> None:
    env = {**os.environ, "XDG_CACHE_HOME": cache}
    command = [sys.executable, "-m", "ecove_data.report", "--out", out, "--notebooks", notebooks]
    subprocess.run(command, check=True, cwd=ROOT, env=env, stderr=subprocess.DEVNULL)


def _add_sentence(notebooks: Path) -> None:
    # As JSON, as a text editor would: the runner itself imports nothing the build imports,
    # so that each timing is the build's alone.
    path = notebooks / EDITED
    nb = json.loads(path.read_text(encoding="utf-8"))
    cell = next(cell for cell in reversed(nb["cells"]) if cell["cell_type"] == "code")
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = source + f'\nprose.show("One more sentence, written {time.time_ns()}.")'
    path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def main(mode: str, *folders: str) -> None:
    if mode == "first":
        with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
            _build(cache, out)
    elif mode == "again":
        _build(*folders)
    elif mode == "edited":
        cache, out, notebooks = folders
        _add_sentence(Path(notebooks))
        _build(cache, out, notebooks)
    else:
        raise SystemExit(f"unknown mode {mode!r}: first, again or edited")


if __name__ == "__main__":
    main(*sys.argv[1:])
