"""Records of campaigns, products, rewards and contracts: defaults and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, Refused, now_iso

__all__ = ["CAMPAIGN", "REWARD", "links_of", "new_record", "render_campaign"]

CAMPAIGN: Record = {
    **dict.fromkeys(("name", "landing_url", "upgrade_details")),
    **dict.fromkeys(("auto_approve_promoters", "is_private", "is_default"), False),
    **{key: [] for key in ("links", "rewards_for_promoters", "rewards_for_referrals")},
    "color": "#3b82f6",
    "visitor_cookie_life": 60,
    "ref_token_param": "?fpr",
    "auto_approve_leads": True,
    "track_ad_traffic": "allow",
}
REWARD: Record = {
    **dict.fromkeys(("name", "promoter_reward_type", "coupon", "provider_coupon_id", "duration")),
    **dict.fromkeys(("duration_in_months", "max_redemptions", "tier_reward_mode", "tier_level")),
    **dict.fromkeys(("hide_reward", "new_customers_only"), False),
    "is_promoter_reward": True,
    "editable": True,
    "provider": "stripe",
    "schemas": [],
}


def new_record(
    state: FakeState, table: str, defaults: Record, body: dict[str, Any], *required: str
) -> Record:
    """A record of ``table``: ``defaults`` overridden by the body's known fields (422 when a
    ``required`` one is missing)."""
    for name in required:
        if body.get(name) in (None, ""):
            raise Refused(422, f"{name} is required")
    fields = {k: body[k] for k in body if k in defaults}
    now = now_iso()
    return state.table(table).insert({**defaults, **fields, "created_at": now, "updated_at": now})


def links_of(state: FakeState, record: Record, body: dict[str, Any]) -> None:
    """Apply ``links`` of a campaign body to ``record``: new ones get ids, ``_destroy``
    removes."""
    if "links" not in body:
        return
    kept = {link["id"]: link for link in record.get("links") or []}
    for link in body["links"]:
        if link.get("_destroy"):
            kept.pop(link.get("id"), None)
        else:
            link_id = link.get("id") or state.table("campaign_links").next_id()
            kept[link_id] = {"id": link_id, "name": link.get("name"), "url": link.get("url")}
    record["links"] = list(kept.values())


def render_campaign(state: FakeState, campaign: Record) -> Record:
    """A campaign with its defaults, sign-up URL and counts of the fake's records."""
    members = [m for m in state.table("promoter_campaigns") if m["campaign_id"] == campaign["id"]]
    referrals = [r for r in state.table("referrals") if r.get("campaign_id") == campaign["id"]]
    stats = {"promoters_count": len(members), "referrals_count": len(referrals)}
    signup = f"https://example.firstpromoter.com/signup/{campaign['id']}"
    return {**CAMPAIGN, **campaign, "signup_url": signup, "stats": stats}
