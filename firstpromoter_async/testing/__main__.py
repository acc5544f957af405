"""Serve the fake FirstPromoter API for tools in any language.

``python -m firstpromoter_async.testing --port 8765 --seed-promoters 50`` serves v2 under
``/api/v2``, v1 under ``/api/v1``, and ``/_fake/...`` to control the fake (see ``_control``).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib

from ._seed import seed_commissions, seed_promoters
from ._server import FakeFirstPromoter
from ._state import FakeState


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m firstpromoter_async.testing", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--api-key", default="test_api_key")
    parser.add_argument("--account-id", default="acc_test")
    parser.add_argument("--seed-promoters", type=int, default=0, metavar="N")
    parser.add_argument("--seed-commissions", type=int, default=0, metavar="N")
    parser.add_argument("--batch-steps", type=int, default=3, help="steps per batch process")
    step = "a batch step per progress poll, or per --batch-step-seconds"
    parser.add_argument("--batch-progression", choices=("poll", "time"), default="poll", help=step)
    parser.add_argument("--batch-step-seconds", type=float, default=0.05)
    limit = "requests per minute per account (0: none)"
    parser.add_argument("--rate-limit", type=int, default=400, help=limit)
    return parser


async def serve(args: argparse.Namespace) -> None:
    names = ("api_key", "account_id", "batch_steps", "batch_progression", "batch_step_seconds")
    state = FakeState(
        **{n: getattr(args, n) for n in names}, rate_limit_per_minute=args.rate_limit or None
    )
    seed_promoters(state, args.seed_promoters)
    if args.seed_commissions:
        seed_commissions(state, args.seed_commissions)
    async with FakeFirstPromoter(host=args.host, port=args.port, state=state) as fake:
        print(f"fake FirstPromoter API on {fake.base_url} (v1: {fake.v1_base_url})")
        print(
            f"api key {state.api_key!r}, account id {state.account_id!r}; Ctrl-C stops", flush=True
        )
        await asyncio.Event().wait()


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
