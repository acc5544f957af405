"""Records of referrals: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, now_iso
from .promoters import ensure_campaign, join_campaign, membership_of, new_promoter

__all__ = ["assign_referral", "referral_record", "new_referral", "render_referral"]
__all__ += ["seed_referrals"]


# fields kept on the record for the fake's own use, never shown
_INTERNAL = ("promoter_id", "campaign_id", "promoter_campaign_id", "state_before_disable")
_MEMBERSHIP = ("created_at", "state", "ref_token", "ref_link", "coupon")
"""The membership's fields a referral shows in its ``promoter_campaign``."""


def referral_record(**fields: Any) -> Record:
    """A referral's fields as the API shows them (v2 referral, v1 lead): blank unless given."""
    blank = ("customer_since", "cancelled_at", "created_by_user_email", "username")
    more = ("split_details", "first_name", "last_name", "website", "comment")
    return {
        "email": None,
        "uid": None,
        "state": "signup",
        "metadata": {},
        "entry_source": "api",
        "created_at": now_iso(),
        "fraud_check": "no_suspicion",
        "is_expired": False,
        **dict.fromkeys(blank + more),
        **fields,
    }


def new_referral(
    state: FakeState,
    *,
    promoter: Record,
    email: str | None = None,
    uid: str | None = None,
    campaign_id: int = 1,
    referral_state: str = "signup",
    entry_source: str = "api",
    customer_since: str | None = None,
    **extra: Any,
) -> Record:
    """Create a referral of ``promoter`` in campaign ``campaign_id`` (enrolled if needed).

    The record keeps ``promoter_id``, ``campaign_id`` and ``promoter_campaign_id``;
    ``render_referral`` builds the nested ``promoter_campaign`` the API shows.
    """
    membership = membership_of(state, promoter["id"], campaign_id) or join_campaign(
        state, promoter, campaign_id, "accepted"
    )
    referral = state.table("referrals").insert(
        referral_record(
            email=email,
            uid=uid,
            state=referral_state,
            entry_source=entry_source,
            customer_since=customer_since,
            promoter_id=promoter["id"],
            campaign_id=campaign_id,
            promoter_campaign_id=membership["id"],
            **{"custom_status": None, **extra},
        )
    )
    promoter["stats"]["referrals_count"] += 1
    return referral


def seed_referrals(state: FakeState, count: int, *, customers: int = 0) -> list[Record]:
    """Create ``count`` referrals spread over the existing promoters (two made if none);
    the first ``customers`` of them are paying customers."""
    promoters = list(state.table("promoters"))
    if not promoters:
        ensure_campaign(state, 1)
        promoters = [
            new_promoter(state, email=f"promoter{n}@example.com", campaign_id=1) for n in (1, 2)
        ]
    created = []
    for n in range(count):
        number = len(state.table("referrals")) + 1
        is_customer = n < customers
        created.append(
            new_referral(
                state,
                promoter=promoters[n % len(promoters)],
                email=f"lead{number}@example.org",
                uid=f"cus_lead{number:04d}",
                referral_state="active" if is_customer else "signup",
                customer_since=now_iso() if is_customer else None,
            )
        )
    return created


def render_referral(state: FakeState, referral: Record) -> Record:
    """A referral as the API shows it, with its promoter enrollment nested."""
    shown = {k: v for k, v in referral.items() if k not in _INTERNAL}
    membership = state.table("promoter_campaigns").get(referral["promoter_campaign_id"])
    promoter = state.table("promoters").get(referral["promoter_id"])
    campaign = ensure_campaign(state, referral["campaign_id"])
    owner = {"id": referral["promoter_campaign_id"], "campaign_id": referral["campaign_id"]}
    owner["promoter_id"] = referral["promoter_id"]
    owner |= {k: (membership or {}).get(k) for k in _MEMBERSHIP}
    owner["promoter"] = {k: promoter[k] for k in ("id", "email", "name")} if promoter else None
    owner["campaign"] = {k: campaign[k] for k in ("id", "name", "color")}
    shown["promoter_campaign"] = owner
    return shown


def assign_referral(referral: Record, membership: Record) -> None:
    """Make the promoter of ``membership`` the referral's (v1: lead's) referrer."""
    referral["promoter_id"] = membership["promoter_id"]
    referral["campaign_id"] = membership["campaign_id"]
    referral["promoter_campaign_id"] = membership["id"]
