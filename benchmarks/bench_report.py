"""Speed of the documents build, side by side with executing the notebooks one after another.

Three builds, each timed in cold processes alternating with the others and with the
baseline (executing the discussion notebooks one after the other, as a build without the
cache and the cores would):

- the first build (no cache, no previous files): at most 0.7 times the baseline, since the
  notebooks run in parallel on the cores;
- a build with nothing changed: at most 0.2 times the first build (no notebook runs, no
  format is written);
- a build after one sentence is added to the prose of one notebook: at most 0.6 times the
  first build (that notebook runs again, the others are reused).
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _timing import ROOT, run

HERE = Path(__file__).resolve().parent
REPEATS = 3
BUDGETS = {"first": 0.7, "again": 0.2, "edited": 0.6}


def main() -> bool:
    import matplotlib

    # Each build gets a cache folder of its own (XDG_CACHE_HOME) for its executed notebooks,
    # which would move matplotlib's font cache too: every first build's kernels would list
    # the fonts again while the baseline's find them listed. Every command here keeps
    # matplotlib's cache where it is.
    os.environ["MPLCONFIGDIR"] = matplotlib.get_cachedir()
    runner = [sys.executable, str(HERE / "report_builds.py")]
    with tempfile.TemporaryDirectory() as tmp:
        cache, out, notebooks = (str(Path(tmp) / name) for name in ("cache", "out", "nb"))
        shutil.copytree(ROOT / "notebooks", notebooks)
        # The state the second and third builds start from: a first build done.
        subprocess.run([*runner, "again", cache, out, notebooks], check=True)
        commands = {
            "baseline": [sys.executable, str(HERE / "execute_notebooks.py")],
            "first": [*runner, "first"],
            "again": [*runner, "again", cache, out, notebooks],
            "edited": [*runner, "edited", cache, out, notebooks],
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(REPEATS):
            for name, command in commands.items():
                # Wall time: the build runs notebooks in parallel, and what counts is the wait.
                times[name].append(run(command).wall)
    median = {name: statistics.median(values) for name, values in times.items()}
    against = {"first": "baseline", "again": "first", "edited": "first"}
    ok = True
    for name, base in against.items():
        ratio = median[name] / median[base]
        within = ratio <= BUDGETS[name]
        ok &= within
        spread = max(times[name]) - min(times[name])
        print(
            f"report {name:6} {median[name]:6.2f} s vs {base} {median[base]:6.2f} s "
            f"(medians of {REPEATS}, spread {spread:.2f} s): ratio {ratio:.2f} "
            f"(budget {BUDGETS[name]}) {'met' if within else 'OVER BUDGET'}"
        )
    return ok


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
