"""Seed data for the fake server: realistic records made in bulk."""

from __future__ import annotations

from typing import Any

from ._state import FakeState, Record
from .domain.commissions import new_commission
from .domain.promoters import ensure_campaign, new_promoter

__all__ = ["seed_commissions", "seed_promoters"]

_FIRST = ["Ann", "Ben", "Cleo", "Dev", "Eva", "Finn", "Gia", "Hugo", "Ines", "Jon"]
_LAST = ["Smith", "Ng", "Garcia", "Okafor", "Muller", "Rossi", "Kim", "Silva", "Novak", "Berg"]


def seed_promoters(state: FakeState, count: int, *, campaign_id: int = 1) -> list[Record]:
    """Create ``count`` promoters in one campaign, with varied names and stats."""
    c = ensure_campaign(state, campaign_id)["id"]
    start = len(state.table("promoters"))
    created = []
    for n in range(start, start + count):
        first, last = _FIRST[n % len(_FIRST)], _LAST[(n // len(_FIRST)) % len(_LAST)]
        email, cust_id = f"{first.lower()}.{last.lower()}{n}@example.com", f"cus_{n:06d}"
        profile = {"first_name": first, "last_name": last, "country": "US"}
        made = new_promoter(state, email=email, cust_id=cust_id, profile=profile, campaign_id=c)
        made["stats"].update(clicks_count=(n * 37) % 1000, revenue_amount=(n * 1234) % 100000)
        created.append(made)
    return created


def seed_commissions(
    state: FakeState, count: int, *, status: str = "pending", unit: str = "cash"
) -> list[Record]:
    """Create ``count`` commissions spread over the existing promoters (made if none)."""
    promoters = list(state.table("promoters")) or seed_promoters(state, 10)
    created = []
    for n in range(count):
        sale = 1000 + (n * 731) % 50000
        fields: dict[str, Any] = {"amount": sale // 5, "sale_amount": sale, "status": status}
        fields |= {"unit": unit, "event_id": f"evt_seed_{len(state.table('commissions')) + 1}"}
        created.append(new_commission(state, promoter=promoters[n % len(promoters)], **fields))
    return created
