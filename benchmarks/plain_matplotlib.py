"""Baseline for bench_figures: a plain matplotlib script that saves 8 figures x 3 formats.

Similar simple charts at the same A4 sizes, PNG at 300 dpi, SVG and PDF, with no data
package, no validation, no style file and no bookkeeping.
Usage: python benchmarks/plain_matplotlib.py OUT_DIR [NUMBER_OF_FIGURES]
"""

from __future__ import annotations

import sys
from pathlib import Path

import matplotlib

matplotlib.use("agg")
from matplotlib.figure import Figure

CM = 1 / 2.54
LABELS = [
    "Initial and continuous training",
    "Governance and stakeholder involvement",
    "Innovation in teaching and learning",
    "Business-education partnership",
    "Innovation hubs, technology diffusion",
    "Professional development of teachers",
    "Knowledge creation and R&D",
    "VET attractiveness",
]


def tiles(rows: int, columns: int, height: float) -> Figure:
    fig = Figure(figsize=(16 * CM, height * CM), layout="constrained")
    for i, ax in enumerate(fig.subplots(rows, columns).flat):
        ax.set_axis_off()
        ax.text(0.5, 0.7, str(84 + i), ha="center", fontsize=16, fontweight="bold")
        ax.text(0.5, 0.3, "organisations\ntaking part", ha="center", fontsize=8)
    return fig


def dots(rows: int, height: float) -> Figure:
    fig = Figure(figsize=(16 * CM, height * CM), layout="constrained")
    ax = fig.subplots()
    ax.scatter([i % 2 for i in range(rows)], range(rows), s=60)
    ax.set_yticks(range(rows), LABELS[:rows])
    ax.set_xticks([0, 1], ["yes", "no"])
    ax.set_title("Membership")
    return fig


def bars(height: float, width: float = 16) -> Figure:
    fig = Figure(figsize=(width * CM, height * CM), layout="constrained")
    ax = fig.subplots()
    labels = LABELS if width > 8 else ["EU", "non-EU"]
    ax.barh(labels, range(len(labels), 0, -1))
    ax.set_title("Bars")
    return fig


def main(out: Path, count: int = 8) -> None:
    out.mkdir(parents=True, exist_ok=True)
    kinds = [
        lambda: tiles(1, 4, 4.6),
        lambda: bars(5.4, 8),
        lambda: dots(7, 7.4),
        lambda: tiles(1, 3, 7.6),
        lambda: dots(6, 8.4),
        lambda: bars(8),
        lambda: dots(5, 7.2),
        lambda: tiles(4, 4, 14.3),
    ]
    for i in range(count):
        fig = kinds[i % len(kinds)]()
        for fmt in ("png", "svg", "pdf"):
            fig.savefig(out / f"figure_{i}.{fmt}", dpi=300)


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 8)
