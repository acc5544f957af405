"""3. Decode only: one 100-promoter page (a JSON array, as the fake renders it) decoded N times.

The SDK decodes with ``firstpromoter_async.models._base.decode`` (a cached
``msgspec.json.Decoder(list[Promoter])``), exactly as its resources do. Peers: ``json.loads`` to
builtins, and pydantic v2 models of the same fields validated straight from JSON
(``TypeAdapter.validate_json``, pydantic's fastest path).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import msgspec

from benchmarks._machine import installed
from benchmarks._stats import (
    DASH,
    TIMES,
    Section,
    Target,
    describe,
    interleave,
    median,
    paired_ratio,
)
from firstpromoter_async.models import Promoter
from firstpromoter_async.models._base import decode as sdk_decode
from firstpromoter_async.testing import FakeState
from firstpromoter_async.testing._seed import seed_promoters
from firstpromoter_async.testing.domain.promoters import render_promoter

__all__ = ["page_body", "run"]

PAGE_SIZE = 100

SDK = "SDK models (msgspec, list[Promoter])"
JSON = "json.loads (builtins)"
MSGSPEC_ANY = "msgspec.json.decode (builtins)"
PYDANTIC = "pydantic v2 (TypeAdapter.validate_json)"

Decode = Callable[[bytes], Any]


def page_body(count: int = PAGE_SIZE) -> bytes:
    """A page of ``count`` promoters as the fake server renders them."""
    state = FakeState()
    seed_promoters(state, count)
    return json.dumps([render_promoter(state, p) for p in state.table("promoters")]).encode()


def decoders() -> dict[str, Decode]:
    found: dict[str, Decode] = {
        SDK: lambda body: sdk_decode(body, list[Promoter]),
        JSON: json.loads,
        MSGSPEC_ANY: msgspec.json.decode,
    }
    if installed("pydantic"):
        from benchmarks._peer_pydantic import PromoterList

        found[PYDANTIC] = PromoterList.validate_json
    return found


def check_same_fields() -> None:
    """The peers' models declare the SDK's fields (so nobody decodes less)."""
    from benchmarks import _peer_msgspec

    sdk_fields = {f.name for f in msgspec.structs.fields(Promoter)}
    assert sdk_fields == {f.name for f in msgspec.structs.fields(_peer_msgspec.Promoter)}
    if installed("pydantic"):
        from benchmarks import _peer_pydantic

        assert sdk_fields == set(_peer_pydantic.Promoter.model_fields)


def time_decodes(decode: Decode, body: bytes, times: int) -> float:
    decode(body)  # warm: decoders built, caches filled
    started = time.perf_counter()
    for _ in range(times):
        decode(body)
    return time.perf_counter() - started


def run(quick: bool) -> Section:
    times, rounds = (1000, 3) if quick else (10_000, 3)
    check_same_fields()
    body = page_body()
    found = decoders()
    assert len(found[SDK](body)) == PAGE_SIZE
    results = interleave(list(found), rounds, lambda name: time_decodes(found[name], body, times))
    return report(results, times, rounds, len(body))


def report(results: dict[str, list[float]], times: int, rounds: int, size: int) -> Section:
    rows = [
        [
            name,
            describe(values),
            f"{median(values) / times * 1e6:.0f} µs",
            f"{paired_ratio(values, results[SDK]):.2f} {TIMES}",
        ]
        for name, values in results.items()
    ]
    return Section(
        title=f"3. Decode only: a {PAGE_SIZE}-promoter page decoded {times:,} times",
        description=(
            f"The page is {size / 1024:.0f} KiB of JSON. Wall time for {times:,} decodes, median "
            f"(min{DASH}max) of {rounds} interleaved rounds; last column: time relative to the SDK."
        ),
        headers=["decoder", "wall time", "per page", f"time {TIMES} SDK"],
        rows=rows,
        targets=targets(results),
        chart={name: median(values) / times * 1e6 for name, values in results.items()},
        chart_unit="µs per page",
    )


def targets(results: dict[str, list[float]]) -> list[Target]:
    ratio = paired_ratio(results[SDK], results[JSON])
    found = [
        Target(
            f"decode: SDK models ≤ 0.5 {TIMES} json.loads time",
            f"{ratio:.2f} {TIMES}",
            ratio <= 0.5,
        )
    ]
    if PYDANTIC in results:
        speedup = paired_ratio(results[PYDANTIC], results[SDK])
        found.append(
            Target(
                f"decode: SDK ≥ 5 {TIMES} faster than pydantic",
                f"{speedup:.2f} {TIMES} faster",
                speedup >= 5,
            )
        )
    return found
