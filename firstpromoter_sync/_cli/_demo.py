"""Run a realistic affiliate program against an embedded fake FirstPromoter API, offline.

Seeds two campaigns, promoters, referrals and pending commissions in a fake API served
in-process on 127.0.0.1, then does what users do with the SDK: lists promoters, tracks
signups and sales through v2 and v1, lists the pending commissions, approves them as
concurrent batch processes with a progress bar, and prints what it took. No credentials,
no network.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import time
from dataclasses import dataclass

from firstpromoter_async import AsyncFirstPromoter, Promoter
from firstpromoter_async.testing import FakeFirstPromoter, FakeState
from firstpromoter_async.testing.domain.promoters import ensure_campaign

from ._bulk import BulkResult, approve_in_batches, pending_commission_ids
from ._output import Column, Progress, count, table

__all__ = ["COMMISSIONS", "PROMOTERS", "REFERRALS", "run"]

PROMOTERS = 50
REFERRALS = 2_000
COMMISSIONS = 5_000
CUSTOMERS_SHARE = 0.3
"""Share of the seeded referrals that are paying customers."""
TRACKED = 10
"""Signups, and sales of those signups, tracked through each API version."""
CAMPAIGNS = {1: "Partner program", 2: "Creator program"}
BATCH_STEPS = 20
"""Progress polls a batch process takes in the fake: enough for the bar to move."""
POLL_INTERVAL = 0.05


@dataclass
class Tally:
    """What the walkthrough did, for the summary."""

    promoters_listed: int = 0
    signups_v2: int = 0
    sales_v2: int = 0
    signups_v1: int = 0
    sales_v1: int = 0
    pending_listed: int = 0
    still_pending: int = 0
    approval: BulkResult | None = None


def run(args: argparse.Namespace) -> int:
    """``firstpromoter demo``: exit status 0 when every pending commission got approved."""
    return asyncio.run(_demo(args))


async def _demo(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # the fake enforces the API's rate limit unless told not to; so does the client
    state = FakeState(rate_limit_per_minute=None, batch_steps=BATCH_STEPS)
    async with FakeFirstPromoter(state=state) as fake:
        print(f"FirstPromoter SDK demo: a fake API on {fake.url}, in this process (offline).")
        print(
            "Rate limits are off for the demo: the real API allows 400 requests a minute and "
            "the client stays under it by default.\n"
        )
        _seed(fake, args)
        async with fake.client(requests_per_minute=None, batch_poll_interval=POLL_INTERVAL) as fp:
            tally = await _walkthrough(fp, args)
            print(_summary(fp, tally, time.perf_counter() - started))
    approval = tally.approval
    return 0 if approval is not None and approval.ok and tally.still_pending == 0 else 1


def _seed(fake: FakeFirstPromoter, args: argparse.Namespace) -> None:
    """Campaigns, promoters, referrals and pending commissions, straight into the fake."""
    for campaign_id, name in CAMPAIGNS.items():
        ensure_campaign(fake.state, campaign_id, name)
    in_first = args.promoters - args.promoters // 5
    fake.seed_promoters(in_first, campaign_id=1)
    fake.seed_promoters(args.promoters - in_first, campaign_id=2)
    fake.seed_referrals(args.referrals, customers=int(args.referrals * CUSTOMERS_SHARE))
    fake.seed_commissions(args.commissions, status="pending")
    _step(
        1,
        f"Seeded {len(CAMPAIGNS)} campaigns, {count(args.promoters)} promoters, "
        f"{count(args.referrals)} referrals and {count(args.commissions)} pending commissions.",
    )


async def _walkthrough(fp: AsyncFirstPromoter, args: argparse.Namespace) -> Tally:
    tally = Tally()
    promoters = [promoter async for promoter in fp.promoters.list()]
    tally.promoters_listed = len(promoters)
    _step(2, f"Listed {count(len(promoters))} promoters with their referral ids.")

    await _track(fp, _ref_ids(promoters), tally)
    _step(
        3,
        f"Tracked {tally.signups_v2} signups and {tally.sales_v2} sales through v2 "
        f"(fp.tracking) and {tally.signups_v1} + {tally.sales_v1} through v1 (fp.v1.tracking).",
    )

    ids = await pending_commission_ids(fp)
    tally.pending_listed = len(ids)
    _step(
        4, f"Listed {count(len(ids))} pending commissions, page by page{_origin(ids, args, tally)}."
    )

    batches = -(-len(ids) // args.batch_size)
    _step(
        5,
        f"Approving them as {batches} concurrent batch processes of up to "
        f"{count(args.batch_size)} ids...",
    )
    with Progress("      approving", len(ids), stream=sys.stdout) as bar:
        tally.approval = await approve_in_batches(
            fp, ids, batch_size=args.batch_size, concurrency=batches or 1, on_progress=bar.update
        )
    tally.still_pending = len(await pending_commission_ids(fp))
    print(
        f"      Approved {count(tally.approval.approved)} of {count(len(ids))}; "
        f"{count(tally.still_pending)} still pending.\n"
    )
    return tally


def _origin(ids: list[int], args: argparse.Namespace, tally: Tally) -> str:
    """Where the pending commissions came from, when not all were seeded in step 1."""
    tracked = len(ids) - args.commissions
    if tracked <= 0:
        return ""
    if tracked == tally.sales_v2:  # the fake approves a v1 sale's commission at once
        source = "the v2 sales tracked in step 3 (the fake approves v1 sales' commissions)"
    else:
        source = "the sales tracked in step 3"
    return f": {count(args.commissions)} seeded and {count(tracked)} from {source}"


def _ref_ids(promoters: list[Promoter]) -> list[str]:
    """Each promoter's referral id (``ref_token``) in their first campaign."""
    found = []
    for promoter in promoters:
        memberships = promoter.promoter_campaigns or []
        if memberships and memberships[0].ref_token:
            found.append(memberships[0].ref_token)
    return found


async def _track(fp: AsyncFirstPromoter, ref_ids: list[str], tally: Tally) -> None:
    """New customers sign up through promoters' links and pay: v2 and v1, concurrently."""
    referrers = itertools.cycle(ref_ids)

    async def through_v2(n: int, ref_id: str) -> None:
        email = f"buyer{n}@shop.example"
        await fp.tracking.signup(email=email, uid=f"cus_v2_{n}", ref_id=ref_id)
        tally.signups_v2 += 1
        await fp.tracking.sale(email=email, event_id=f"inv_v2_{n}", amount=4_900 + 100 * n)
        tally.sales_v2 += 1

    async def through_v1(n: int, ref_id: str) -> None:
        email = f"client{n}@shop.example"
        await fp.v1.tracking.signup(email=email, uid=f"cus_v1_{n}", ref_id=ref_id)
        tally.signups_v1 += 1
        await fp.v1.tracking.sale(email=email, event_id=f"inv_v1_{n}", amount=9_900)
        tally.sales_v1 += 1

    await asyncio.gather(
        *(through_v2(n, next(referrers)) for n in range(1, TRACKED + 1)),
        *(through_v1(n, next(referrers)) for n in range(1, TRACKED + 1)),
    )


def _summary(fp: AsyncFirstPromoter, tally: Tally, seconds: float) -> str:
    approval = tally.approval or BulkResult(requested=0)
    rows = [
        ("promoters listed", count(tally.promoters_listed)),
        ("signups tracked (v2 / v1)", f"{tally.signups_v2} / {tally.signups_v1}"),
        ("sales tracked (v2 / v1)", f"{tally.sales_v2} / {tally.sales_v1}"),
        ("pending commissions listed", count(tally.pending_listed)),
        ("commissions approved", count(approval.approved)),
        ("commissions refused", count(approval.failed)),
        ("batch processes", count(len(approval.processes))),
        ("still pending", count(tally.still_pending)),
        ("requests sent", count(fp.requests_sent)),
        ("retries", count(fp.retries)),
        ("progress polls", count(fp._batch_poller.polls)),
        ("time", f"{seconds:.1f} s"),
    ]
    return "Summary\n\n" + table([Column("WHAT"), Column("COUNT", right=True)], rows)


def _step(number: int, message: str) -> None:
    print(f"[{number}/5] {message}", flush=True)
