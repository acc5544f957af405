"""Records of promo codes: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["COMPANY_ID", "new_promo_code", "render_promo_code"]


COMPANY_ID = 1


_INTERNAL = ("promoter_id",)


def new_promo_code(
    state: FakeState,
    *,
    code: str,
    promoter_campaign_id: int,
    reward_id: int = 1,
    description: str | None = None,
    metadata: dict[str, Any] | None = None,
    details: dict[str, Any] | None = None,
    ext_id: str | None = None,
) -> Record:
    """Create a promo code record for the membership ``promoter_campaign_id`` (which must
    exist in the ``promoter_campaigns`` table)."""
    membership = state.table("promoter_campaigns").get(promoter_campaign_id)
    if membership is None:
        raise KeyError(f"no promoter campaign {promoter_campaign_id}")
    codes = state.table("promo_codes")
    record = codes.insert(
        {
            "code": code,
            "reward": {"id": reward_id, "name": f"Reward {reward_id}"},
            "ext_id": ext_id,
            "description": description,
            "company_id": COMPANY_ID,
            "promoter_campaign_id": promoter_campaign_id,
            "metadata": dict(metadata or {}),
            "details": dict(details or {}),
            "archived_at": None,
            "created_at": now_iso(),
            "promoter_id": membership["promoter_id"],
        }
    )
    if record["ext_id"] is None:
        record["ext_id"] = f"promo_{record['id']:08d}"
    return record


def render_promo_code(record: Record) -> Record:
    """A promo code as the API shows it."""
    return {k: v for k, v in record.items() if k not in _INTERNAL}
