"""Records of v1 payouts (table ``v1_payouts``): factories, no HTTP."""

from __future__ import annotations

from .._state import FakeState, Record, now_iso
from .v1_promoters import memberships_of

__all__ = ["new_v1_payout"]


def new_v1_payout(
    state: FakeState, promoter: Record, campaign_id: int | None = None, status: str = "pending"
) -> Record:
    """A payout of the promoter's unpaid approved cash rewards in ``campaign_id`` (default:
    their first campaign); those rewards become paid."""
    if campaign_id is None:
        memberships = memberships_of(state, promoter["id"])
        campaign_id = memberships[0]["campaign_id"] if memberships else 1
    unpaid = [
        c
        for c in state.table("commissions")
        if (c["promoter_campaign"]["promoter_id"], c["promoter_campaign"]["campaign_id"])
        == (promoter["id"], campaign_id)
        and (c["unit"], c["status"], c["is_paid"]) == ("cash", "approved", False)
    ]
    for commission in unpaid:
        commission["is_paid"] = True
    return state.table("v1_payouts").insert(
        {
            "status": status,
            "amount": sum(c["amount"] for c in unpaid),
            "date_paid": now_iso() if status == "completed" else None,
            "due_date": None,
            "unit": "cash",
            "created_at": now_iso(),
            "has_issues": False,
            "reward": None,
            "promoter_id": promoter["id"],
            "campaign_id": campaign_id,
        }
    )
