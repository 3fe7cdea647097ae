"""Baseline of bench_report: execute the discussion notebooks and nothing else.

The same notebooks (``notebooks/01_*`` onwards), the same ``python3`` kernel of this
environment and the same kernel set-up as the documents build, one after the other.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ecove_data.report._notebooks import discussion_notebooks, execute  # noqa: E402

if __name__ == "__main__":
    execute(discussion_notebooks(ROOT / "notebooks"))
