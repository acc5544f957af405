"""Operator commands against the real API: promoters, commissions, batch processes.

The client reads its credentials from the environment (``FIRSTPROMOTER_API_KEY``,
``FIRSTPROMOTER_ACCOUNT_ID``, optional ``FIRSTPROMOTER_BASE_URL``), checked by
``_environment.open_client``; missing or malformed ones raise ``InvalidRequestError``, which
``main`` turns into exit status 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any, TypeVar

from firstpromoter_async import (
    AsyncPaginator,
    BatchProcess,
    Commission,
    Promoter,
)

from ._bulk import BulkResult, approve_in_batches, pending_commission_ids
from ._environment import open_client
from ._output import Column, Progress, count, details, emit_json, money, table, text, when

__all__ = ["batch_status", "commissions_approve", "commissions_list", "promoters_list"]

T = TypeVar("T")

MAX_PER_PAGE = 100


# -- promoters list ------------------------------------------------------------------------


def promoters_list(args: argparse.Namespace) -> int:
    """``firstpromoter promoters list [--limit N] [--json]``."""

    async def fetch() -> list[Promoter]:
        async with open_client() as fp:
            return await _take(fp.promoters.list(per_page=_per_page(args.limit)), args.limit)

    promoters = asyncio.run(fetch())
    if args.json:
        emit_json(promoters)
    else:
        _print_listing(promoters_table(promoters), len(promoters), "promoter")
    return 0


def promoters_table(promoters: list[Promoter]) -> str:
    """Promoters as a table: who they are and what they brought."""
    columns = [
        Column("ID", right=True),
        Column("EMAIL"),
        Column("NAME"),
        Column("REFERRALS", right=True),
        Column("CUSTOMERS", right=True),
        Column("REVENUE", right=True),
        Column("JOINED"),
    ]
    rows = []
    for promoter in promoters:
        stats = promoter.stats
        rows.append(
            [
                str(promoter.id),
                text(promoter.email),
                text(promoter.name),
                count(stats.referrals_count if stats else None),
                count(stats.customers_count if stats else None),
                money(stats.revenue_amount if stats else None),
                when(promoter.joined_at),
            ]
        )
    return table(columns, rows)


# -- commissions list ----------------------------------------------------------------------


def commissions_list(args: argparse.Namespace) -> int:
    """``firstpromoter commissions list [--status S] [--limit N] [--json]``."""
    filters = {"status": args.status} if args.status else None

    async def fetch() -> list[Commission]:
        async with open_client() as fp:
            listing = fp.commissions.list(filters=filters, per_page=_per_page(args.limit))
            return await _take(listing, args.limit)

    commissions = asyncio.run(fetch())
    if args.json:
        emit_json(commissions)
    else:
        _print_listing(commissions_table(commissions), len(commissions), "commission")
    return 0


def commissions_table(commissions: list[Commission]) -> str:
    """Commissions as a table: status, who earned it, how much, on what sale."""
    columns = [
        Column("ID", right=True),
        Column("STATUS"),
        Column("PROMOTER"),
        Column("AMOUNT", right=True),
        Column("UNIT"),
        Column("SALE", right=True),
        Column("PAID"),
        Column("CREATED"),
    ]
    rows = []
    for commission in commissions:
        membership = commission.promoter_campaign
        promoter = membership.promoter if membership else None
        cash = commission.unit in (None, "cash")
        rows.append(
            [
                str(commission.id),
                text(commission.status),
                text(promoter.email if promoter else None),
                money(commission.amount) if cash else text(commission.amount),
                text(commission.unit),
                money(commission.sale_amount),
                "yes" if commission.is_paid else "no",
                when(commission.created_at),
            ]
        )
    return table(columns, rows)


# -- commissions approve -------------------------------------------------------------------


def commissions_approve(args: argparse.Namespace) -> int:
    """``firstpromoter commissions approve (--ids ID... | --all-pending)``.

    Exit status 1 when a batch failed or the server refused some ids; the summary is
    printed (or emitted as JSON) either way.
    """
    result = asyncio.run(_approve(args))
    if args.json:
        emit_json(approval_summary(result))
    else:
        print(approval_report(result))
    problems = result.problems()
    if result.ok:
        return 0
    not_done = result.requested - result.approved
    first = f": {problems[0]}" if problems else ""
    print(
        f"error: {count(not_done)} of {count(result.requested)} commissions were not "
        f"approved{first}",
        file=sys.stderr,
    )
    return 1


async def _approve(args: argparse.Namespace) -> BulkResult:
    async with open_client(batch_poll_interval=args.poll_interval) as fp:
        if args.all_pending:
            with Progress("listing pending commissions", None, plain=False) as listing:
                ids = await pending_commission_ids(fp, on_page=listing.update)
        else:
            ids = list(dict.fromkeys(args.ids))  # once each, in the order given
        if not ids:
            return BulkResult(requested=0)
        with Progress("approving", len(ids), plain=False) as bar:
            return await approve_in_batches(
                fp, ids, batch_size=args.batch_size, on_progress=bar.update
            )


def approval_summary(result: BulkResult) -> dict[str, Any]:
    """The JSON document of ``commissions approve``."""
    return {
        "requested": result.requested,
        "approved": result.approved,
        "failed": result.failed,
        "batches": [process.to_dict() for process in result.processes],
        "errors": result.problems(),
    }


def approval_report(result: BulkResult) -> str:
    """The human summary of ``commissions approve``: one line, then the batches."""
    if result.requested == 0:
        return "No pending commissions: nothing to approve."
    headline = (
        f"Approved {count(result.approved)} of {count(result.requested)} commissions in "
        f"{len(result.processes)} batch process(es)"
        f"{f'; {count(result.failed)} refused' if result.failed else ''}"
        f"{f'; {len(result.errors)} batch(es) failed' if result.errors else ''}."
    )
    columns = [
        Column("BATCH", right=True),
        Column("STATUS"),
        Column("PROCESSED", right=True),
        Column("FAILED", right=True),
    ]
    rows = [
        [str(p.id), p.status, count(p.processed_count), count(p.failed_count)]
        for p in result.processes
    ]
    return f"{headline}\n\n{table(columns, rows)}" if rows else headline


# -- batch status --------------------------------------------------------------------------


def batch_status(args: argparse.Namespace) -> int:
    """``firstpromoter batch status ID [--json]``."""

    async def fetch() -> BatchProcess:
        async with open_client() as fp:
            return await fp.batch_processes.retrieve(args.id)

    process = asyncio.run(fetch())
    if args.json:
        emit_json(process)
    else:
        print(batch_details(process))
    return 0


def batch_details(process: BatchProcess) -> str:
    """One batch process, field by field."""
    progress = process.progress if not process.is_done else 100
    errors = process.processing_errors or []
    pairs = [
        ("id", str(process.id)),
        ("status", process.status),
        ("action", text(process.action_label)),
        ("progress", f"{progress:g}%" if progress is not None else text(None)),
        ("processed", f"{count(process.processed_count)} of {count(process.total)}"),
        ("failed", count(process.failed_count)),
        ("created", when(process.created_at)),
        ("updated", when(process.updated_at)),
    ]
    pairs.extend(("error", str(error)) for error in errors[:10])
    if len(errors) > 10:
        pairs.append(("", f"... and {count(len(errors) - 10)} more"))
    return details(pairs)


# -- helpers -------------------------------------------------------------------------------


def _per_page(limit: int | None) -> int:
    """Ask for no more than needed: a page of ``limit`` when it is small."""
    return min(limit, MAX_PER_PAGE) if limit else MAX_PER_PAGE


async def _take(items: AsyncPaginator[T], limit: int | None) -> list[T]:
    """The paginator's items, stopping after ``limit`` (all when ``None``)."""
    found: list[T] = []
    async for item in items:
        found.append(item)
        if limit is not None and len(found) >= limit:
            break
    return found


def _print_listing(rendered: str, number: int, noun: str) -> None:
    if number == 0:
        print(f"No {noun}s.")
        return
    print(rendered)
    print(f"\n{count(number)} {noun}{'' if number == 1 else 's'}")
