"""Speed of ``ecove-data figures``, side by side with its baselines, in cold processes.

(a) a run with nothing to do vs ``python -c "import ecove_data"``: at most 1.10 times its
    CPU time (the run is one process, and CPU time is what other jobs on the machine
    change least);
(b) a forced full run vs a plain matplotlib script saving as many files: at most 1.5 times
    its wall time (the run draws in two processes at once; what counts is the wait).

Each is the median of the ratios of alternated pairs (see ``_timing``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, compare

HERE = Path(__file__).resolve().parent
# 61 pairs of the quick run: the median of their ratios moves by about +-0.01 from one run
# of the benchmark to the next on this shared 2-core machine (31 pairs: +-0.02). A forced
# run takes seconds, and its ratio is far from its budget: 7 pairs.
PAIRS_NOOP = 61
PAIRS_FULL = 7
BUDGET_NOOP = 1.10
BUDGET_FULL = 1.5


def _command() -> list[str]:
    script = Path(sys.executable).with_name("ecove-data")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ecove_data"]


def main() -> bool:
    cmd = _command()
    sys.path.insert(0, str(ROOT))
    from ecove_data.figures import REGISTRY

    count = len(REGISTRY)
    with tempfile.TemporaryDirectory() as tmp:
        current = Path(tmp) / "current"
        shutil.copytree(ROOT / "figures", current)
        subprocess.run(
            [*cmd, "figures", "--out", str(current)], check=True, stdout=subprocess.DEVNULL
        )
        ok_noop = compare(
            "figures, nothing to do vs import ecove_data",
            [*cmd, "figures", "--out", str(current)],
            [sys.executable, "-c", "import ecove_data"],
            budget=BUDGET_NOOP,
            count=PAIRS_NOOP,
        )
        ok_full = compare(
            f"figures --force ({count} figures x 3 formats) vs plain matplotlib (as many files)",
            [*cmd, "figures", "--force", "--out", str(Path(tmp) / "forced")],
            [
                sys.executable,
                str(HERE / "plain_matplotlib.py"),
                str(Path(tmp) / "plain"),
                str(count),
            ],
            budget=BUDGET_FULL,
            count=PAIRS_FULL,
            cost="wall",
        )
    return ok_noop and ok_full


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
