"""Timing of whole commands in cold processes, side by side with a baseline.

One way to time a command: :func:`run` starts it in a fresh process from the checkout and
returns the CPU seconds (user + system, of the process and of the processes it waited
for) and the wall seconds it took. :func:`compare` runs two commands in alternated pairs
and prints, for each, the median and the interquartile range (IQR, the middle half of the
runs), then the median and IQR of the ratio of each pair.

The ratio is taken pair by pair because the two commands of a pair run back to back: a
busy moment of this shared machine slows both alike and cancels out of their ratio, where
it would not cancel out of a ratio of two medians taken over the whole run. The order
within a pair alternates (ours first, then the baseline first), so neither command always
runs on caches the other has just warmed.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[1]
# Python runs as it normally does, caching bytecode (compiling on every start would measure
# the compiler), on the package's own data, with matplotlib choosing its own backend.
DROP = {"ECOVE_DATA_DIR", "MPLBACKEND", "PYTHONDONTWRITEBYTECODE"}

Cost = Literal["cpu", "wall"]


@dataclass(frozen=True)
class Sample:
    """What one run of a command cost, in seconds."""

    cpu: float
    wall: float


def environment() -> dict[str, str]:
    """The environment the timed processes run in."""
    return {key: value for key, value in os.environ.items() if key not in DROP}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(args: list[str]) -> Sample:
    """Run ``args`` from the checkout with its output discarded; return what it cost."""
    cpu, wall = _children_cpu(), time.perf_counter()
    subprocess.run(
        args,
        check=True,
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return Sample(cpu=_children_cpu() - cpu, wall=time.perf_counter() - wall)


def quartiles(values: list[float]) -> tuple[float, float, float]:
    """Return the first quartile, the median and the third quartile of ``values``.

    Examples
    --------
    >>> quartiles([1.0, 2.0, 3.0, 4.0, 5.0])
    (2.0, 3.0, 4.0)
    """
    first, median, third = statistics.quantiles(values, n=4, method="inclusive")
    return first, median, third


def pairs(ours: list[str], baseline: list[str], count: int) -> list[tuple[Sample, Sample]]:
    """Run both commands ``count`` times each, in alternated pairs; return (ours, baseline)."""
    run(ours), run(baseline)  # warm the file and bytecode caches, not counted
    found = []
    for at in range(count):
        if at % 2 == 0:
            mine = run(ours)
            base = run(baseline)
        else:
            base = run(baseline)
            mine = run(ours)
        found.append((mine, base))
    return found


def _ms(values: list[float]) -> str:
    first, median, third = quartiles(values)
    return f"{median * 1000:7.1f} ms (IQR {first * 1000:.1f} to {third * 1000:.1f})"


def compare(
    label: str,
    ours: list[str],
    baseline: list[str],
    *,
    budget: float,
    count: int,
    cost: Cost = "cpu",
) -> bool:
    """Time both commands in ``count`` alternated pairs; print medians and IQRs; within budget?

    ``cost`` is what the budget is about: ``cpu``, the time the process itself spends
    (other jobs on the machine change it least), or ``wall``, the time a person waits (for
    a command that runs processes in parallel). Both are printed.
    """
    found = pairs(ours, baseline, count)
    ratios = [getattr(mine, cost) / getattr(base, cost) for mine, base in found]
    first, ratio, third = quartiles(ratios)
    ok = ratio <= budget
    print(f"{label} ({count} alternated pairs, {cost} time)")
    for name, at in (("ours", 0), ("baseline", 1)):
        cpu = [pair[at].cpu for pair in found]
        wall = [pair[at].wall for pair in found]
        print(f"  {name:8} CPU {_ms(cpu)}, wall {_ms(wall)}")
    print(
        f"  ratio {ratio:.3f} (IQR {first:.3f} to {third:.3f}), median of the pairs' ratios; "
        f"budget {budget:.2f}: {'met' if ok else 'OVER BUDGET'}"
    )
    return ok
