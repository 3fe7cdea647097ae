"""Speed of the documents build, side by side with executing the notebooks alone.

Building every format (.docx, PDF, HTML) executes the notebooks once and shares the run, so
it costs at most 1.3 times executing them alone (budget 1.3). Cold processes, alternated.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _timing import compare

HERE = Path(__file__).resolve().parent
REPEATS = 3
BUDGET = 1.3


def main() -> bool:
    with tempfile.TemporaryDirectory() as out:
        return compare(
            "every format (docx, pdf, html) vs executing the notebooks alone",
            [sys.executable, "-m", "ecove_data.report", "--out", out],
            [sys.executable, str(HERE / "execute_notebooks.py")],
            BUDGET,
            REPEATS,
        )


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
