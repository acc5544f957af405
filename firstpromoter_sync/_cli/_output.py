"""What the CLI prints: aligned tables for people, one JSON document for scripts, progress.

Results go to stdout; progress and errors go to stderr, so ``--json`` output stays parseable.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

import msgspec

__all__ = [
    "Column",
    "Progress",
    "count",
    "details",
    "emit_json",
    "money",
    "table",
    "text",
    "when",
]

BLANK = "-"


# -- values --------------------------------------------------------------------------------


def text(value: object) -> str:
    """A cell: ``-`` for ``None`` or empty, else the value as a string."""
    if value is None or value == "":
        return BLANK
    return str(value)


def count(value: int | None) -> str:
    """A count with thousands separators: ``5,000``."""
    return BLANK if value is None else f"{value:,}"


def money(cents: int | float | None) -> str:
    """An amount in cents as units with two decimals: ``123456`` → ``1,234.56``."""
    return BLANK if cents is None else f"{cents / 100:,.2f}"


def when(value: dt.datetime | None) -> str:
    """A timestamp to the minute, in the timezone the API gave."""
    return BLANK if value is None else value.strftime("%Y-%m-%d %H:%M")


# -- tables --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A table column: its header, and whether its cells align right (numbers)."""

    header: str
    right: bool = False


def table(columns: Sequence[Column], rows: Iterable[Sequence[str]]) -> str:
    """Rows under a header, each column as wide as its widest cell."""
    cells = [[column.header for column in columns], *([str(c) for c in row] for row in rows)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(columns))]

    def line(row: Sequence[str]) -> str:
        padded = (
            cell.rjust(width) if column.right else cell.ljust(width)
            for cell, width, column in zip(row, widths, columns, strict=True)
        )
        return "  ".join(padded).rstrip()

    rule = "  ".join("-" * width for width in widths)
    return "\n".join([line(cells[0]), rule, *(line(row) for row in cells[1:])])


def details(pairs: Sequence[tuple[str, str]]) -> str:
    """``name  value`` lines, the names aligned: one record shown whole."""
    width = max((len(name) for name, _ in pairs), default=0)
    return "\n".join(f"{name.ljust(width)}  {value}" for name, value in pairs)


# -- JSON ----------------------------------------------------------------------------------


def emit_json(value: Any, stream: TextIO | None = None) -> None:
    """Write ``value`` (models, lists, dicts) as one indented JSON document and a newline."""
    encoded = msgspec.json.encode(msgspec.to_builtins(value))
    out = stream if stream is not None else sys.stdout
    out.write(msgspec.json.format(encoded, indent=2).decode() + "\n")


# -- progress ------------------------------------------------------------------------------


class Progress:
    """A progress bar redrawn in place on a terminal.

    Elsewhere (a pipe, a log file, a test) it writes a plain line at each quarter when
    ``plain`` is true, and nothing otherwise. It writes to stderr unless given a stream.
    """

    WIDTH = 30
    MILESTONES = (25, 50, 75, 100)

    def __init__(
        self,
        label: str,
        total: int | None,
        *,
        plain: bool = True,
        stream: TextIO | None = None,
    ) -> None:
        """``total`` ``None``: the amount is not known, so a terminal shows a count only."""
        self.label = label
        self.total = None if total is None else max(total, 0)
        self.stream = stream if stream is not None else sys.stderr
        self.live = _is_terminal(self.stream)
        self.plain = plain and not self.live
        self.done = 0
        self._started = time.perf_counter()
        self._next_milestone = 0
        self._drawn = False
        self._shown_width = 0

    def update(self, done: int) -> None:
        """Show that ``done`` of ``total`` items are finished."""
        self.done = max(done, self.done)
        if self.total is not None:
            self.done = min(self.done, self.total)
        if self.live:
            self._draw()
        elif self.plain and self.total is not None:
            self._milestones(self.total)

    def close(self) -> None:
        """End the bar's line (on a terminal)."""
        if self.live and self._drawn:
            self.stream.write("\n")
            self.stream.flush()
            self._drawn = False

    def _percent(self, total: int) -> int:
        return 100 if total == 0 else self.done * 100 // total

    def _draw(self) -> None:
        elapsed = f"{time.perf_counter() - self._started:.1f}s"
        if self.total is None:
            line = f"\r{self.label}: {count(self.done)}  {elapsed}"
        else:
            percent = self._percent(self.total)
            filled = self.WIDTH * percent // 100
            bar = "#" * filled + "." * (self.WIDTH - filled)
            line = (
                f"\r{self.label} [{bar}] {percent:3d}%  "
                f"{count(self.done)}/{count(self.total)}  {elapsed}"
            )
        # pad over what a longer previous line left behind
        self.stream.write(line.ljust(self._shown_width))
        self._shown_width = len(line)
        self.stream.flush()
        self._drawn = True

    def _milestones(self, total: int) -> None:
        percent = self._percent(total)
        reached = [m for m in self.MILESTONES[self._next_milestone :] if percent >= m]
        if reached:
            self._next_milestone += len(reached)
            self.stream.write(f"{self.label}: {reached[-1]}% ({count(self.done)}/{count(total)})\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_terminal(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # a closed stream
        return False
