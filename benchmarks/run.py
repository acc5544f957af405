"""Run the benchmarks and print one markdown report.

    python -m benchmarks                 # everything; rewrites benchmarks/RESULTS.md
    python benchmarks/run.py --quick     # smaller, for CI (under 2 minutes; exits 0 on MISS)
    python -m benchmarks --only decode,sync_path --plot

Targets are reported PASS or MISS and never change the exit status.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

if not __package__:  # run as a script: make the ``benchmarks`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import (
    bulk_approve,
    decode,
    import_time,
    page_fetch,
    prefetch,
    streaming,
    sync_path,
)
from benchmarks._machine import describe_machine, load_average
from benchmarks._plot import plot
from benchmarks._stats import Section, markdown_table

__all__ = ["main"]

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"
CHART = HERE / "results.png"
START, END = "<!-- generated:start -->", "<!-- generated:end -->"

BENCHMARKS: dict[str, Callable[[bool], Section]] = {
    "page_fetch": page_fetch.run,
    "sync_path": sync_path.run,
    "decode": decode.run,
    "bulk_approve": bulk_approve.run,
    "streaming": streaming.run,
    "import_time": import_time.run,
    "prefetch": prefetch.run,
}


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--quick", action="store_true", help="fewer fetches, decodes and rounds")
    parser.add_argument("--only", help="comma-separated benchmarks: " + ", ".join(BENCHMARKS))
    parser.add_argument(
        "--plot",
        nargs="?",
        const=CHART,
        type=Path,
        metavar="PNG",
        help=f"write a chart (default {CHART.name})",
    )
    parser.add_argument(
        "--results",
        type=Path,
        metavar="MD",
        help="file whose generated block to rewrite (default: RESULTS.md for a full run of all)",
    )
    args = parser.parse_args(argv)
    args.names = args.only.split(",") if args.only else list(BENCHMARKS)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark(s): {', '.join(unknown)}")
    if args.results is None and not args.quick and not args.only:
        args.results = RESULTS
    return args


def run_all(names: Sequence[str], quick: bool) -> list[Section]:
    sections = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr, flush=True)
        started = time.perf_counter()
        sections.append(BENCHMARKS[name](quick))
        print(f"  {name} took {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    return sections


def render(
    sections: Sequence[Section], *, quick: bool, elapsed: float, loads: tuple[str, str]
) -> str:
    machine = markdown_table(["machine", ""], describe_machine())
    targets = markdown_table(
        ["target", "measured", "verdict"],
        [[t.goal, t.measured, f"**{t.verdict}**"] for s in sections for t in s.targets],
    )
    run = "`python -m benchmarks --quick`" if quick else "`python -m benchmarks`"
    return "\n\n".join(
        [
            f"## Results ({dt.date.today().isoformat()}, {run}, {elapsed:.0f} s)",
            f"Load average (1, 5, 15 min) before the run: {loads[0]}; after: {loads[1]}.",
            machine,
            "### Targets",
            targets,
            *(section.markdown() for section in sections),
        ]
    )


def write_results(path: Path, report: str) -> None:
    """Replace the generated block of ``path`` (made if missing), keeping what is around it."""
    block = f"{START}\n{report}\n{END}"
    text = path.read_text() if path.exists() else f"# Benchmark results\n\n{START}\n{END}\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    before, started = load_average(), time.perf_counter()
    sections = run_all(args.names, args.quick)
    elapsed = time.perf_counter() - started
    report = render(sections, quick=args.quick, elapsed=elapsed, loads=(before, load_average()))
    print(report)
    if args.results is not None:
        write_results(args.results, report)
        print(f"\nresults written to {args.results}", file=sys.stderr)
    if args.plot is not None:
        print(plot(sections, args.plot), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
