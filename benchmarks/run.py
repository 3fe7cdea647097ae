"""Run every benchmark in this folder (``bench_*.py``) and print their medians and ratios."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    """Run each ``bench_*.py``'s ``main()``; exit non-zero if any budget is exceeded."""
    failures = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.stem}")
        namespace = runpy.run_path(str(script))
        failures += 0 if namespace["main"]() else 1
    print("all budgets met" if not failures else f"{failures} benchmark(s) over budget")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
