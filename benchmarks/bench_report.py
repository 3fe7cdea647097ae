"""Speed of the documents build, side by side with executing the notebooks alone.

Building every format (.docx, PDF, HTML) executes the notebooks once and shares the run, so
it costs at most 1.3 times executing them alone (budget 1.3). Cold processes, alternated.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPEATS = 3
BUDGET = 1.3


def _time(args: list[str]) -> float:
    # As Python normally runs, caching bytecode (see bench_load.py).
    drop = {"ECOVE_DATA_DIR", "MPLBACKEND", "PYTHONDONTWRITEBYTECODE"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    start = time.perf_counter()
    subprocess.run(
        args, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - start


def main() -> bool:
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "ecove_data.report", "--out", out]
        baseline = [sys.executable, str(HERE / "execute_notebooks.py")]
        times: dict[str, list[float]] = {"build": [], "baseline": []}
        _time(build)  # warm the file and bytecode caches, not counted
        for _ in range(REPEATS):
            times["build"].append(_time(build))
            times["baseline"].append(_time(baseline))
    ours = statistics.median(times["build"])
    base = statistics.median(times["baseline"])
    ratio = ours / base
    ok = ratio <= BUDGET
    print(
        f"every format (docx, pdf, html): {ours:.1f} s vs executing the notebooks alone: "
        f"{base:.1f} s (medians of {REPEATS}), ratio {ratio:.2f} (budget {BUDGET}) "
        f"{'ok' if ok else 'OVER BUDGET'}"
    )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
