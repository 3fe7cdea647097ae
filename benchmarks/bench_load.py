"""Cold-process cost of loading every table, side by side with importing pandas alone.

Budget: a process that imports ecove_data and loads every table (the descriptor parsed,
every file and rule checked) costs at most 1.05 times a process that only imports pandas.
Cost is the CPU time (user + system) of the process, which is what the process itself
spends; wall time is printed too, but on a shared machine it also counts the time spent
waiting for other processes. The two run in alternated pairs (see ``_timing``); the
result is the median of the pairs' ratios, with its interquartile range.

The processes run as Python normally does, caching bytecode: PYTHONDONTWRITEBYTECODE is
removed from their environment, since compiling pandas from source on every start would
measure the compiler, not the import. The first, uncounted run of each writes the caches.
"""

from __future__ import annotations

import sys

from _timing import compare

# 61 pairs: on this 2-core machine, shared with other jobs, the median of 61 pairs' ratios
# moves by about +-0.01 from one run of the benchmark to the next (31 pairs: +-0.02).
PAIRS = 61
BUDGET = 1.05
BASELINE = "import pandas"
OURS = "import ecove_data; ecove_data.load_all()"


def main() -> bool:
    """Print the medians and the ratio; return whether the budget is met."""
    return compare(
        f"python -c {OURS!r} vs python -c {BASELINE!r}",
        [sys.executable, "-c", OURS],
        [sys.executable, "-c", BASELINE],
        budget=BUDGET,
        count=PAIRS,
    )


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
