"""Records of promo codes: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, now_iso

__all__ = ["new_promo_code", "render_promo_code"]


def new_promo_code(
    state: FakeState, *, code: str, promoter_campaign_id: int, reward_id: int = 1, **fields: Any
) -> Record:
    """Create a promo code record for the membership ``promoter_campaign_id`` (which must
    exist in the ``promoter_campaigns`` table); ``fields``: description, metadata, details,
    ext_id."""
    membership = state.table("promoter_campaigns").get(promoter_campaign_id)
    if membership is None:
        raise KeyError(f"no promoter campaign {promoter_campaign_id}")
    record = state.table("promo_codes").insert(
        {
            "ext_id": None,
            "description": None,
            **{k: v for k, v in fields.items() if v is not None},
            "code": code,
            "reward": {"id": reward_id, "name": f"Reward {reward_id}"},
            "company_id": 1,
            "promoter_campaign_id": promoter_campaign_id,
            "metadata": dict(fields.get("metadata") or {}),
            "details": dict(fields.get("details") or {}),
            "archived_at": None,
            "created_at": now_iso(),
            "promoter_id": membership["promoter_id"],
        }
    )
    record["ext_id"] = record["ext_id"] or f"promo_{record['id']:08d}"
    return record


def render_promo_code(record: Record) -> Record:
    """A promo code as the API shows it."""
    return {k: v for k, v in record.items() if k != "promoter_id"}
