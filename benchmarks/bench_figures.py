"""Speed of ``ecove-data figures``, side by side with its baselines, in cold processes.

(a) a run with nothing to do vs ``python -c "import ecove_data"`` (budget 1.3x);
(b) a forced full run vs a plain matplotlib script saving as many files (budget 1.5x).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPEATS = 7
BUDGET_NOOP = 1.3
BUDGET_FULL = 1.5


def _command() -> list[str]:
    script = Path(sys.executable).with_name("ecove-data")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ecove_data"]


def _time(args: list[str]) -> float:
    # As Python normally runs, caching bytecode (see bench_load.py).
    drop = {"ECOVE_DATA_DIR", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def _compare(label: str, ours: list[str], baseline: list[str], budget: float) -> bool:
    # Alternate the two so that a busy moment of the machine hits both alike.
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    _time(ours), _time(baseline)  # warm the file cache, not counted
    for _ in range(REPEATS):
        times["ours"].append(_time(ours))
        times["baseline"].append(_time(baseline))
    ours_median = statistics.median(times["ours"])
    base_median = statistics.median(times["baseline"])
    ratio = ours_median / base_median
    ok = ratio <= budget
    print(
        f"{label}: {ours_median:.3f} s vs {base_median:.3f} s (medians of {REPEATS}), "
        f"ratio {ratio:.2f} (budget {budget}) {'ok' if ok else 'OVER BUDGET'}"
    )
    return ok


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
        ok_noop = _compare(
            "figures, nothing to do vs import ecove_data",
            [*cmd, "figures", "--out", str(current)],
            [sys.executable, "-c", "import ecove_data"],
            BUDGET_NOOP,
        )
        ok_full = _compare(
            f"figures --force ({count} figures x 3 formats) vs plain matplotlib (as many files)",
            [*cmd, "figures", "--force", "--out", str(Path(tmp) / "forced")],
            [
                sys.executable,
                str(HERE / "plain_matplotlib.py"),
                str(Path(tmp) / "plain"),
                str(count),
            ],
            BUDGET_FULL,
        )
    return ok_noop and ok_full


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
