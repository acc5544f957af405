"""Serve the fake FirstPromoter API (v2 and v1) for other tools, until Ctrl-C.

Prints the settings to use as environment variables, then serves. v2 lives under
/api/v2, v1 under /api/v1, and /_fake/... controls the fake (reset, seed, faults).
"""

from __future__ import annotations

import argparse
import asyncio
import sys

from firstpromoter_async.testing import FakeFirstPromoter, FakeState

__all__ = ["run"]


def run(args: argparse.Namespace) -> int:
    """``firstpromoter mock-server``: 0 after Ctrl-C, 1 when the port cannot be bound."""
    try:
        asyncio.run(serve(args))
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
    except OSError as exc:
        print(
            f"error: cannot serve on {args.host}:{args.port}: {exc.strerror or exc}",
            file=sys.stderr,
        )
        return 1
    return 0


async def serve(args: argparse.Namespace) -> None:
    """Start the fake with the options' state and seed, print where it is, wait forever."""
    state = FakeState(
        api_key=args.api_key,
        account_id=args.account_id,
        batch_steps=args.batch_steps,
        rate_limit_per_minute=args.rate_limit or None,
    )
    async with FakeFirstPromoter(host=args.host, port=args.port, state=state) as fake:
        if args.seed_promoters:
            fake.seed_promoters(args.seed_promoters)
        if args.seed_commissions:
            fake.seed_commissions(args.seed_commissions)
        settings = {
            "FIRSTPROMOTER_API_KEY": state.api_key,
            "FIRSTPROMOTER_ACCOUNT_ID": state.account_id,
            "FIRSTPROMOTER_BASE_URL": fake.base_url,
            "FIRSTPROMOTER_V1_BASE_URL": fake.v1_base_url,
        }
        print(f"fake FirstPromoter API on {fake.url} (v2: /api/v2, v1: /api/v1)")
        for name, value in settings.items():
            print(f"export {name}={value}")
        print("Ctrl-C stops", flush=True)
        await asyncio.Event().wait()
