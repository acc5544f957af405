"""6. Import time: the SDK packages against importing their foundations alone.

Each sample is a fresh interpreter that times one ``import`` statement with ``perf_counter``
(interpreter start-up excluded). Bytecode is cached as for any installed package: the children
write it to a temporary ``PYTHONPYCACHEPREFIX`` (even where ``PYTHONDONTWRITEBYTECODE`` is set)
and one untimed run of each fills it. Without a cache, an editable install compiles the SDK's
modules from source on every import, which a wheel install never does.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile

from benchmarks._server import ROOT, child_env
from benchmarks._stats import DASH, Section, Target, describe, interleave, median, paired_ratio

__all__ = ["run"]

LIMIT = 0.30

BASELINE = "aiohttp + msgspec + anyio"
IMPORTS = {
    BASELINE: "aiohttp, msgspec, anyio",
    "aiohttp + msgspec": "aiohttp, msgspec",  # what firstpromoter_async itself builds on
    "firstpromoter_async": "firstpromoter_async",
    "firstpromoter_sync": "firstpromoter_sync",
}
SNIPPET = "import time; t = time.perf_counter(); import {}; print(time.perf_counter() - t)"


def cached_bytecode_env(cache: str) -> dict[str, str]:
    env = child_env()
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    return env


def time_import(modules: str, env: dict[str, str]) -> float:
    done = subprocess.run(
        [sys.executable, "-c", SNIPPET.format(modules)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
    )
    return float(done.stdout)


def run(quick: bool) -> Section:
    rounds = 7 if quick else 21
    with tempfile.TemporaryDirectory(prefix="fp-bench-pycache-") as cache:
        env = cached_bytecode_env(cache)
        for modules in IMPORTS.values():
            time_import(modules, env)
        results = interleave(list(IMPORTS), rounds, lambda name: time_import(IMPORTS[name], env))
    return report(results, rounds)


def report(results: dict[str, list[float]], rounds: int) -> Section:
    rows = []
    for name, values in results.items():
        overhead = paired_ratio(values, results[BASELINE]) - 1
        rows.append([f"`import {IMPORTS[name]}`", describe(values), f"{overhead * 100:+.0f} %"])
    return Section(
        title="6. Import time",
        description=(
            f"Time of the import statement in a fresh interpreter, median (min{DASH}max) of "
            f"{rounds} interleaved rounds; overhead: over {BASELINE} alone in the same round "
            "(median of per-round ratios)."
        ),
        headers=["import", "time", f"over {BASELINE}"],
        rows=rows,
        targets=targets(results),
        chart={name: median(values) for name, values in results.items()},
        chart_unit="seconds to import",
    )


def targets(results: dict[str, list[float]]) -> list[Target]:
    found = []
    for name in ("firstpromoter_async", "firstpromoter_sync"):
        overhead = paired_ratio(results[name], results[BASELINE]) - 1
        found.append(
            Target(
                f"import {name}: < {LIMIT * 100:.0f} % over {BASELINE} alone",
                f"{overhead * 100:+.0f} %",
                overhead < LIMIT,
            )
        )
    return found
