"""Rounds, medians, targets and the markdown every benchmark reports in."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

__all__ = [
    "DASH",
    "TIMES",
    "Section",
    "Target",
    "describe",
    "interleave",
    "markdown_table",
    "median",
    "paired_ratio",
    "seconds",
]

T = TypeVar("T")

# escapes: ruff flags these two as look-alikes of x and -
TIMES = "\u00d7"
DASH = "\u2013"


@dataclass
class Target:
    """One goal of the issue, checked against this run's numbers."""

    goal: str
    measured: str
    passed: bool

    @property
    def verdict(self) -> str:
        return "PASS" if self.passed else "MISS"


@dataclass
class Section:
    """What one benchmark reports: a table, its targets, and what a chart would show."""

    title: str
    description: str
    headers: list[str]
    rows: list[list[str]]
    targets: list[Target] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    chart: dict[str, float] = field(default_factory=dict)
    chart_unit: str = ""

    def markdown(self) -> str:
        parts = [
            f"### {self.title}",
            "",
            self.description,
            "",
            markdown_table(self.headers, self.rows),
        ]
        parts.extend(f"\n{note}" for note in self.notes)
        return "\n".join(parts)


def interleave(
    names: Sequence[str], rounds: int, measure: Callable[[str], T]
) -> dict[str, list[T]]:
    """``measure(name)`` for every name, ``rounds`` times, the order rotated each round.

    Contenders of one round run back to back, so a slow spell on a shared machine hits them
    alike; the i-th sample of every name comes from round i (see ``paired_ratio``).
    """
    results: dict[str, list[T]] = {name: [] for name in names}
    for number in range(rounds):
        shift = number % len(names)
        for name in [*names[shift:], *names[:shift]]:
            results[name].append(measure(name))
    return results


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def paired_ratio(numerators: Sequence[float], denominators: Sequence[float]) -> float:
    """The median over rounds of ``numerator / denominator`` measured in the same round."""
    return statistics.median(a / b for a, b in zip(numerators, denominators, strict=True))


def seconds(value: float) -> str:
    """A duration with a unit that keeps three significant digits readable."""
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 1e-3:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.1f} µs"


def describe(values: Sequence[float], fmt: Callable[[float], str] = seconds) -> str:
    """``median (min-max)`` of the samples."""
    return f"{fmt(median(values))} ({fmt(min(values))}{DASH}{fmt(max(values))})"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines)
