"""Speed of ``ecove-data figures``, side by side with its baselines, in cold processes.

(a) a run with nothing to do vs ``python -c "import ecove_data"`` (budget 1.3x);
(b) a forced full run vs a plain matplotlib script saving as many files (budget 1.5x).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, compare

HERE = Path(__file__).resolve().parent
REPEATS = 7
BUDGET_NOOP = 1.3
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
            BUDGET_NOOP,
            REPEATS,
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
            BUDGET_FULL,
            REPEATS,
        )
    return ok_noop and ok_full


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
