"""A plain blocking script: approve every pending commission and print a summary.

    export FIRSTPROMOTER_API_KEY=...  FIRSTPROMOTER_ACCOUNT_ID=...
    python examples/legacy_script.py

No asyncio anywhere: ``firstpromoter_sync.FirstPromoter`` has the same methods as the async
client and blocks until each call is done. Credentials come from the environment.
"""

from __future__ import annotations

import sys

from firstpromoter_sync import BatchProgress, FirstPromoter, FirstPromoterError

BATCH_SIZE = 500  # ids per batch process


def main() -> int:
    """Approve all pending commissions; return the exit status (0 when all were approved)."""
    try:
        # FIRSTPROMOTER_API_KEY / FIRSTPROMOTER_ACCOUNT_ID (and FIRSTPROMOTER_BASE_URL) apply.
        with FirstPromoter() as fp:
            return approve_pending(fp)
    except FirstPromoterError as exc:  # any API, network or configuration error
        print(f"error: {exc}", file=sys.stderr)
        return 1


def approve_pending(fp: FirstPromoter) -> int:
    """List pending commissions, approve them batch by batch, print what happened."""
    # list() is a plain iterator: it fetches the next page only when you get there.
    pending = list(fp.commissions.list(filters={"status": "pending"}))
    if not pending:
        print("No pending commissions.")
        return 0
    # amounts are in cents; other units (points, credits, ...) are counted apart
    cash = sum(c.amount or 0 for c in pending if c.unit in (None, "cash"))
    print(f"{len(pending)} pending commissions, {cash / 100:,.2f} in cash rewards")

    approved = failed = 0
    ids = [commission.id for commission in pending]
    for start in range(0, len(ids), BATCH_SIZE):
        chunk = ids[start : start + BATCH_SIZE]
        # More than 5 ids run as a batch process on the server; approve() waits for it and
        # calls show_progress as it advances.
        process = fp.commissions.approve(ids=chunk, on_progress=show_progress)
        failed += process.failed_count or 0
        approved += (process.processed_count or 0) - (process.failed_count or 0)
        for error in process.processing_errors or []:
            print(f"  not approved: {error}")

    print(f"Approved {approved} of {len(ids)} commissions ({failed} refused).")
    return 0 if failed == 0 else 1


def show_progress(update: BatchProgress) -> None:
    """Called from the client's background thread while a batch runs."""
    print(f"  batch {update.id}: {update.progress:.0f}%", flush=True)


if __name__ == "__main__":
    sys.exit(main())
