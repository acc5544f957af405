"""``--plot``: one horizontal bar chart per benchmark, as a PNG (needs matplotlib)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from benchmarks._machine import installed
from benchmarks._stats import Section

__all__ = ["plot"]


def plot(sections: Sequence[Section], path: Path) -> str:
    """Write the chart to ``path``; return what happened, for the console."""
    if not installed("matplotlib"):
        return "matplotlib is not installed: no chart written (pip install matplotlib)"
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    charted = [section for section in sections if section.chart]
    if not charted:
        return "nothing to chart"
    heights = [1.0 + 0.45 * len(section.chart) for section in charted]
    figure, axes = plt.subplots(
        len(charted),
        1,
        figsize=(10, sum(heights)),
        gridspec_kw={"height_ratios": heights},
        squeeze=False,
    )
    for axis, section in zip(axes[:, 0], charted, strict=True):
        names, values = list(section.chart), list(section.chart.values())
        axis.barh(names, values, color="#3b82f6")
        axis.invert_yaxis()
        axis.set_title(section.title, loc="left", fontsize=10)
        axis.set_xlabel(section.chart_unit, fontsize=9)
        axis.tick_params(labelsize=8)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)
    return f"chart written to {path}"
