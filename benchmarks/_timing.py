"""Timing of whole commands in cold processes, side by side with a baseline."""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Python runs as it normally does, caching bytecode (compiling on every start would measure
# the compiler), on the package's own data, with matplotlib choosing its own backend.
DROP = {"ECOVE_DATA_DIR", "MPLBACKEND", "PYTHONDONTWRITEBYTECODE"}


def environment() -> dict[str, str]:
    """The environment the timed processes run in."""
    return {key: value for key, value in os.environ.items() if key not in DROP}


def seconds(args: list[str]) -> float:
    """Run ``args`` from the checkout with its output discarded; return the wall seconds."""
    start = time.perf_counter()
    subprocess.run(
        args,
        check=True,
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def compare(label: str, ours: list[str], baseline: list[str], budget: float, repeats: int) -> bool:
    """Time both commands ``repeats`` times, alternating; print the medians; within budget?"""
    # Alternate the two so that a busy moment of the machine hits both alike.
    seconds(ours), seconds(baseline)  # warm the file and bytecode caches, not counted
    times: dict[str, list[float]] = {"ours": [], "baseline": []}
    for _ in range(repeats):
        times["ours"].append(seconds(ours))
        times["baseline"].append(seconds(baseline))
    ours_median = statistics.median(times["ours"])
    base_median = statistics.median(times["baseline"])
    ratio = ours_median / base_median
    ok = ratio <= budget
    print(
        f"{label}: {ours_median:.3f} s vs {base_median:.3f} s (medians of {repeats}), "
        f"ratio {ratio:.2f} (budget {budget}) {'ok' if ok else 'OVER BUDGET'}"
    )
    return ok
