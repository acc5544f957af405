"""Records of v1 promoters: the v2 promoters shown the v1 way: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, Refused
from .promoters import ensure_campaign, new_promoter

__all__ = [
    "V1_UNITS",
    "find_membership",
    "find_v1_promoter",
    "in_scope",
    "new_v1_promoter",
    "render_promotion",
    "render_v1_promoter",
    "v1_unit",
]
V1_UNITS = {"mon_discount": "discount_mon"}
"""Commission units (v2 names) as v1 balances and rewards name them."""

_PROFILE_FIELDS = ("first_name", "last_name", "website", "country", "phone_number", "address")
_SOCIAL = ("linkedin", "twitter", "facebook", "instagram", "youtube")
_SETTINGS = ("temp_password", "landing_url", "url_tracking", "paypal_email", "customer_promo_code")
_MEMBERSHIP_STATES = {"accepted": "active", "rejected": "denied"}


def v1_unit(unit: str) -> str:
    """A commission unit as v1 names it."""
    return V1_UNITS.get(unit, unit)


def _settings(state: FakeState, promoter_id: int) -> Record:
    table = state.table("v1_promoter_settings")
    settings = table.get(promoter_id)
    if settings is None:
        settings = table.insert({"id": promoter_id})
    return settings


def _settings_of(state: FakeState, promoter_id: int) -> Record:
    return state.table("v1_promoter_settings").get(promoter_id) or {}


def memberships_of(state: FakeState, promoter_id: int) -> list[Record]:
    return [m for m in state.table("promoter_campaigns") if m["promoter_id"] == promoter_id]


def find_membership(
    state: FakeState, *, promotion_id: Any = None, ref_id: Any = None
) -> Record | None:
    """The membership (v1: promotion) with this id or referral id."""
    memberships = state.table("promoter_campaigns")
    if promotion_id is not None:
        return memberships.get(int(promotion_id)) if str(promotion_id).isdigit() else None
    if ref_id is not None:
        return memberships.find(ref_token=ref_id)
    return None


def in_scope(state: FakeState, query: dict[str, Any], promoter_id: Any, campaign_id: Any) -> bool:
    """Whether a record of this promoter and campaign is listed for v1 list parameters
    (``promotion_id`` or ``ref_id``: that promotion's; ``promoter_id``; ``campaign_id``)."""
    if query.get("promotion_id") or query.get("ref_id"):
        found = find_membership(
            state, promotion_id=query.get("promotion_id"), ref_id=query.get("ref_id")
        )
        if found is None:
            raise Refused(422, "Promotion not found.")
        query = {"promoter_id": found["promoter_id"], "campaign_id": found["campaign_id"]}
    wanted = {"promoter_id": promoter_id, "campaign_id": campaign_id}
    return all(str(query[key]) == str(value) for key, value in wanted.items() if query.get(key))


def find_v1_promoter(state: FakeState, params: dict[str, Any]) -> Record | None:
    """The promoter named by ``id``, ``cust_id``, ``ref_id``, ``auth_token`` or
    ``promoter_email``; refused (422) when none is given."""
    promoters = state.table("promoters")
    if params.get("id"):
        return promoters.get(int(params["id"])) if str(params["id"]).isdigit() else None
    if params.get("cust_id"):
        return promoters.find(cust_id=params["cust_id"])
    if params.get("auth_token"):
        return promoters.find(auth_token=params["auth_token"])
    if params.get("promoter_email"):
        return promoters.find(email=params["promoter_email"])
    if params.get("ref_id"):
        membership = find_membership(state, ref_id=params["ref_id"])
        return promoters.get(membership["promoter_id"]) if membership else None
    raise Refused(
        422,
        "You need to find the promoter either by id, cust_id, auth_token, ref_id or promoter_email",
    )


def _balances(state: FakeState, promoter_id: int) -> dict[str, dict[str, int] | None]:
    earned: dict[str, int] = {}
    paid: dict[str, int] = {}
    for commission in state.table("commissions"):
        if commission["promoter_campaign"]["promoter_id"] != promoter_id:
            continue
        if commission["status"] == "denied":
            continue
        unit = v1_unit(commission["unit"])
        earned[unit] = earned.get(unit, 0) + commission["amount"]
        if commission["is_paid"]:
            paid[unit] = paid.get(unit, 0) + commission["amount"]
    current = {unit: amount - paid.get(unit, 0) for unit, amount in earned.items()}
    return {
        "earnings_balance": earned or None,
        "current_balance": current or None,
        "paid_balance": paid or None,
    }


def render_promotion(state: FakeState, membership: Record) -> Record:
    """A membership as a v1 promotion."""
    campaign = ensure_campaign(state, membership["campaign_id"])
    referrals = [r for r in state.table("referrals") if r.get("promoter_id") is not None]
    leads = [
        r
        for r in referrals
        if r["promoter_id"] == membership["promoter_id"]
        and r.get("campaign_id") == membership["campaign_id"]
    ]
    sales = [
        {**c, "sale_amount": c.get("sale_amount") or 0}
        for c in state.table("commissions")
        if c["promoter_campaign"]["promoter_id"] == membership["promoter_id"]
        and c["promoter_campaign"]["campaign_id"] == membership["campaign_id"]
        and c["commission_type"] == "sale"
    ]
    settings = _settings_of(state, membership["promoter_id"])
    return {
        "id": membership["id"],
        "status": "offer_running" if membership["state"] == "accepted" else "offer_inactive",
        "ref_id": membership["ref_token"],
        "promo_code": membership.get("coupon"),
        "customer_promo_code": settings.get("customer_promo_code"),
        "target_reached_at": None,
        "promoter_id": membership["promoter_id"],
        "campaign_id": membership["campaign_id"],
        "referral_link": membership["ref_link"],
        "current_offer": None,
        "current_referral_reward": {
            "id": 1,
            "amount": 20,
            "type": "per_referral",
            "unit": "cash",
            "name": "20% recurring commission",
            "per_of_sale": 20,
            "default_promo_code": "",
        },
        "current_promotion_reward": None,
        "current_target_reward": None,
        "campaign_name": campaign["name"],
        "hidden": False,
        "visitors_count": 0,
        "leads_count": len(leads),
        "customers_count": sum(1 for r in leads if r["state"] in ("active", "cancelled")),
        "refunds_count": sum(1 for c in sales if c["sale_amount"] < 0),
        "cancellations_count": sum(1 for r in leads if r["state"] == "cancelled"),
        "sales_count": sum(1 for c in sales if c["sale_amount"] >= 0),
        "sales_total": sum(c["sale_amount"] for c in sales if c["sale_amount"] >= 0),
        "refunds_total": -sum(c["sale_amount"] for c in sales if c["sale_amount"] < 0),
        "active_customers_count": sum(1 for r in leads if r["state"] == "active"),
    }


def render_v1_promoter(state: FakeState, promoter: Record, *, full: bool = True) -> Record:
    """A promoter the v1 way; ``full=False`` leaves out profile and promotions (as embedded
    in leads, rewards and tracking events)."""
    memberships = memberships_of(state, promoter["id"])
    default = memberships[0] if memberships else None
    settings = _settings_of(state, promoter["id"])
    parent = promoter.get("parent_promoter")
    rendered: Record = {
        "id": promoter["id"],
        "status": _MEMBERSHIP_STATES.get(default["state"], default["state"])
        if default
        else "active",
        "cust_id": promoter["cust_id"],
        "email": promoter["email"],
        "created_at": promoter["joined_at"],
        "temp_password": settings.get("temp_password"),
        "default_promotion_id": default["id"] if default else None,
        "pref": f"p{promoter['id']:06d}",
        "default_ref_id": default["ref_token"] if default else None,
        "note": promoter.get("note"),
        "w8_form_url": None,
        "w9_form_url": None,
        "parent_promoter_id": parent["id"] if parent else None,
        **_balances(state, promoter["id"]),
        "auth_token": promoter["auth_token"],
    }
    if not full:
        return rendered
    profile = promoter["profile"]
    rendered["profile"] = {
        "id": promoter["id"],
        **{field: profile.get(field) for field in _PROFILE_FIELDS},
        "company_name": profile.get("company_name"),
        "vat_id": profile.get("vat_id"),
        "paypal_email": settings.get("paypal_email"),
        "avatar_url": profile.get("avatar"),
        "description": profile.get("description"),
        "social_accounts": {
            name: {"url": profile[f"{name}_url"]} for name in _SOCIAL if profile.get(f"{name}_url")
        },
    }
    rendered["promotions"] = [render_promotion(state, m) for m in memberships]
    rendered["custom_fields"] = promoter.get("custom_fields") or {}
    rendered["promo_codes"] = []
    return rendered


def apply_v1_fields(state: FakeState, promoter: Record, body: dict[str, Any]) -> None:
    """Copy the v1 fields of a create/update body onto the promoter and its settings."""
    profile = promoter["profile"]
    for field in (*_PROFILE_FIELDS, "company_name", "description"):
        if field in body:
            profile[field] = body[field]
    for name in _SOCIAL:
        if f"{name}_url" in body:
            profile[f"{name}_url"] = body[f"{name}_url"]
    if "avatar_url" in body:
        profile["avatar"] = body["avatar_url"]
    if "first_name" in body or "last_name" in body:
        first, last = profile.get("first_name") or "", profile.get("last_name") or ""
        promoter["name"] = f"{first} {last}".strip()
    if "note" in body:
        promoter["note"] = body["note"]
    settings = _settings(state, promoter["id"])
    for field in _SETTINGS:
        if field in body:
            settings[field] = body[field]
    parent = None
    if body.get("parent_promoter_id") and str(body["parent_promoter_id"]).isdigit():
        parent = state.table("promoters").get(int(body["parent_promoter_id"]))
    elif body.get("parent_promoter_email"):
        parent = state.table("promoters").find(email=body["parent_promoter_email"])
    if parent is not None and parent["id"] != promoter["id"]:
        promoter["parent_promoter"] = {k: parent[k] for k in ("id", "email", "name")}


def set_ref_id(membership: Record, ref_id: str) -> None:
    membership["ref_token"] = ref_id
    membership["ref_link"] = f"https://example.com/?fpr={ref_id}"


def new_v1_promoter(state: FakeState, *, email: str, **fields: Any) -> Record:
    """Create a promoter as ``POST /promoters/create`` does (for tests and seeds).

    ``fields`` are the v1 create parameters (``cust_id``, ``ref_id``, ``first_name``,
    ``campaign_id``, ``promo_code``, ``temp_password`` ...).
    """
    campaign_id = int(fields.get("campaign_id") or 1)
    promoter = new_promoter(
        state,
        email=email,
        cust_id=fields.get("cust_id"),
        profile={k: fields[k] for k in ("first_name", "last_name") if fields.get(k)},
        campaign_id=campaign_id,
        campaign_state="accepted"
        if str(fields.get("always_approve", "true")).lower() != "false"
        else "pending",
    )
    apply_v1_fields(state, promoter, fields)
    membership = state.table("promoter_campaigns").find(
        promoter_id=promoter["id"], campaign_id=campaign_id
    )
    assert membership is not None  # new_promoter joined it
    if fields.get("ref_id"):
        set_ref_id(membership, fields["ref_id"])
    if fields.get("promo_code"):
        membership["coupon"] = fields["promo_code"]
    return promoter
