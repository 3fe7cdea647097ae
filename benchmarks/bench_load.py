"""Cold-process cost of loading every table, side by side with importing pandas alone.

Budget: a process that imports ecove_data and loads every table (validation included)
costs at most 1.10 times a process that only imports pandas. Both are run N times,
alternating, so that a busy moment of the machine hits both alike, and their medians are
compared. Cost is the CPU time (user + system) of the process, which is what the process
itself spends; wall time is printed too, but on a shared machine it also counts the time
spent waiting for other processes.

The processes run as Python normally does, caching bytecode: PYTHONDONTWRITEBYTECODE is
removed from their environment, since compiling pandas from source on every start would
measure the compiler, not the import. The first, uncounted run of each writes the caches.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPEATS = 31
BUDGET = 1.10
BASELINE = "import pandas"
OURS = "import ecove_data; ecove_data.load_all()"


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _time(code: str) -> tuple[float, float]:
    """Run ``python -c code`` in a fresh process; return its (CPU, wall) seconds."""
    drop = {"ECOVE_DATA_DIR", "PYTHONDONTWRITEBYTECODE"}
    env = {key: value for key, value in os.environ.items() if key not in drop}
    cpu, wall = _cpu(), time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, env=env)
    return _cpu() - cpu, time.perf_counter() - wall


def main() -> bool:
    """Print the medians and their ratios; return whether the budget is met."""
    _time(BASELINE), _time(OURS)  # warm the file cache and the bytecode, not counted
    runs: dict[str, list[tuple[float, float]]] = {BASELINE: [], OURS: []}
    for _ in range(REPEATS):
        for code in runs:
            runs[code].append(_time(code))
    cpu = {code: statistics.median(t[0] for t in times) for code, times in runs.items()}
    wall = {code: statistics.median(t[1] for t in times) for code, times in runs.items()}
    for code in runs:
        print(
            f"python -c {code!r:45} CPU median {cpu[code] * 1000:7.1f} ms, "
            f"wall median {wall[code] * 1000:7.1f} ms (n={REPEATS})"
        )
    ratio = cpu[OURS] / cpu[BASELINE]
    met = ratio <= BUDGET
    print(f"wall-time ratio {wall[OURS] / wall[BASELINE]:.3f}")
    print(f"CPU-time ratio {ratio:.3f} (budget {BUDGET:.2f}): {'met' if met else 'OVER BUDGET'}")
    return met


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
