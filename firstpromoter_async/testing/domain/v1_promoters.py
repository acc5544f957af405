"""Records of v1 promoters: the v2 promoters shown the v1 way: factories and renderers, no HTTP."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .._state import FakeState, Record, Refused
from .promoters import ensure_campaign, membership_of, new_promoter

__all__ = ["V1_UNITS", "find_membership", "find_v1_promoter", "in_scope", "new_v1_promoter"]
__all__ += ["render_promotion", "render_v1_promoter", "v1_unit"]
V1_UNITS = {"mon_discount": "discount_mon"}
"""Commission units (v2 names) as v1 balances and rewards name them."""

_PROFILE_FIELDS = ("first_name", "last_name", "website", "country", "phone_number", "address")
_SOCIAL = ("linkedin", "twitter", "facebook", "instagram", "youtube")
_SETTINGS = ("temp_password", "landing_url", "url_tracking", "paypal_email", "customer_promo_code")
_MEMBERSHIP_STATES = {"accepted": "active", "rejected": "denied"}
_BY = {"cust_id": "cust_id", "auth_token": "auth_token", "promoter_email": "email"}
"""Parameters naming a v1 promoter (after ``id``) and the field each one matches."""
_REFERRAL_REWARD = {"id": 1, "amount": 20, "type": "per_referral", "unit": "cash"}
_REFERRAL_REWARD |= {
    "name": "20% recurring commission",
    "per_of_sale": 20,
    "default_promo_code": "",
}


def v1_unit(unit: str) -> str:
    """A commission unit as v1 names it."""
    return V1_UNITS.get(unit, unit)


def _settings(state: FakeState, promoter_id: int) -> Record:
    table = state.table("v1_promoter_settings")
    return table.get(promoter_id) or table.insert({"id": promoter_id})


def _settings_of(state: FakeState, promoter_id: int) -> Record:
    return state.table("v1_promoter_settings").get(promoter_id) or {}


def memberships_of(state: FakeState, promoter_id: int) -> list[Record]:
    return [m for m in state.table("promoter_campaigns") if m["promoter_id"] == promoter_id]


def find_membership(
    state: FakeState, promotion_id: Any = None, ref_id: Any = None
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
        found = find_membership(state, query.get("promotion_id"), query.get("ref_id"))
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
    for param, field in _BY.items():
        if params.get(param):
            return promoters.find(**{field: params[param]})
    if params.get("ref_id"):
        membership = find_membership(state, ref_id=params["ref_id"])
        return promoters.get(membership["promoter_id"]) if membership else None
    raise Refused(
        422,
        "You need to find the promoter either by id, cust_id, auth_token, ref_id or promoter_email",
    )


def _balances(state: FakeState, promoter_id: int) -> dict[str, dict[str, int] | None]:
    earned, paid = Counter[str](), Counter[str]()
    for c in state.table("commissions"):
        if c["promoter_campaign"]["promoter_id"] != promoter_id or c["status"] == "denied":
            continue
        earned[v1_unit(c["unit"])] += c["amount"]
        if c["is_paid"]:
            paid[v1_unit(c["unit"])] += c["amount"]
    current = {unit: amount - paid.get(unit, 0) for unit, amount in earned.items()}
    balances = {"earnings_balance": dict(earned), "current_balance": current, "paid_balance": paid}
    return {name: dict(balance) or None for name, balance in balances.items()}


def render_promotion(state: FakeState, membership: Record) -> Record:
    """A membership as a v1 promotion."""
    campaign = ensure_campaign(state, membership["campaign_id"])
    owner = (membership["promoter_id"], membership["campaign_id"])
    leads = [r["state"] for r in state.table("referrals") if owner_of(r) == owner]
    sales = [
        c.get("sale_amount") or 0
        for c in state.table("commissions")
        if owner_of(c["promoter_campaign"]) == owner and c["commission_type"] == "sale"
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
        "current_referral_reward": dict(_REFERRAL_REWARD),
        **dict.fromkeys(("current_promotion_reward", "current_target_reward")),
        "campaign_name": campaign["name"],
        "hidden": False,
        "visitors_count": 0,
        "leads_count": len(leads),
        "customers_count": leads.count("active") + leads.count("cancelled"),
        "refunds_count": sum(1 for sale in sales if sale < 0),
        "cancellations_count": leads.count("cancelled"),
        "sales_count": sum(1 for sale in sales if sale >= 0),
        "sales_total": sum(sale for sale in sales if sale >= 0),
        "refunds_total": -sum(sale for sale in sales if sale < 0),
        "active_customers_count": leads.count("active"),
    }


def owner_of(record: Record) -> tuple[Any, Any]:
    """The promoter and the campaign a referral or commission (its ``promoter_campaign``) is of."""
    return record.get("promoter_id"), record.get("campaign_id")


def render_v1_promoter(state: FakeState, promoter: Record, *, full: bool = True) -> Record:
    """A promoter the v1 way; ``full=False`` leaves out profile and promotions (as embedded
    in leads, rewards and tracking events)."""
    memberships = memberships_of(state, promoter["id"])
    default = memberships[0] if memberships else {}
    settings, parent = _settings_of(state, promoter["id"]), promoter.get("parent_promoter") or {}
    rendered: Record = {
        "id": promoter["id"],
        "status": _MEMBERSHIP_STATES.get(default["state"], default["state"])
        if default
        else "active",
        "cust_id": promoter["cust_id"],
        "email": promoter["email"],
        "created_at": promoter["joined_at"],
        "temp_password": settings.get("temp_password"),
        "default_promotion_id": default.get("id"),
        "pref": f"p{promoter['id']:06d}",
        "default_ref_id": default.get("ref_token"),
        "note": promoter.get("note"),
        **dict.fromkeys(("w8_form_url", "w9_form_url")),
        "parent_promoter_id": parent.get("id"),
        **_balances(state, promoter["id"]),
        "auth_token": promoter["auth_token"],
    }
    if not full:
        return rendered
    profile = promoter["profile"]
    social = {name: profile.get(f"{name}_url") for name in _SOCIAL}
    rendered["profile"] = {
        "id": promoter["id"],
        **{field: profile.get(field) for field in (*_PROFILE_FIELDS, "company_name", "vat_id")},
        "paypal_email": settings.get("paypal_email"),
        "avatar_url": profile.get("avatar"),
        "description": profile.get("description"),
        "social_accounts": {name: {"url": url} for name, url in social.items() if url},
    }
    rendered["promotions"] = [render_promotion(state, m) for m in memberships]
    rendered["custom_fields"] = promoter.get("custom_fields") or {}
    rendered["promo_codes"] = []
    return rendered


def apply_v1_fields(state: FakeState, promoter: Record, body: dict[str, Any]) -> None:
    """Copy the v1 fields of a create/update body onto the promoter and its settings."""
    profile = promoter["profile"]
    fields = (*_PROFILE_FIELDS, "company_name", "description", *(f"{n}_url" for n in _SOCIAL))
    profile.update({field: body[field] for field in fields if field in body})
    if "avatar_url" in body:
        profile["avatar"] = body["avatar_url"]
    if "first_name" in body or "last_name" in body:
        first, last = profile.get("first_name") or "", profile.get("last_name") or ""
        promoter["name"] = f"{first} {last}".strip()
    if "note" in body:
        promoter["note"] = body["note"]
    _settings(state, promoter["id"]).update({f: body[f] for f in _SETTINGS if f in body})
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
    campaign_id, cust_id = int(fields.get("campaign_id") or 1), fields.get("cust_id")
    approved = str(fields.get("always_approve", "true")).lower() != "false"
    profile = {k: fields[k] for k in ("first_name", "last_name") if fields.get(k)}
    joined: dict[str, Any] = {"campaign_id": campaign_id}
    joined["campaign_state"] = "accepted" if approved else "pending"
    promoter = new_promoter(state, email=email, cust_id=cust_id, profile=profile, **joined)
    apply_v1_fields(state, promoter, fields)
    membership = membership_of(state, promoter["id"], campaign_id)
    assert membership is not None  # new_promoter joined it
    if fields.get("ref_id"):
        set_ref_id(membership, fields["ref_id"])
    if fields.get("promo_code"):
        membership["coupon"] = fields["promo_code"]
    return promoter
