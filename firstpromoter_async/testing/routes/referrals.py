"""Fake ``/company/referrals``: referrals, their lookups and bulk actions."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import Apply, Prepare, batch_actions, collection, in_date_range, record_route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.promoters import ensure_campaign
from ..domain.referrals import assign_referral, new_referral, render_referral

routes = web.RouteTableDef()
BASE = "/api/v2/company/referrals"


def _find(state: FakeState, key: str, find_by: str | None) -> Record | None:
    referrals = state.table("referrals")
    if find_by is None:
        return referrals.get(int(key)) if key.isdigit() else None
    if find_by in ("email", "uid", "username"):
        return referrals.find(**{find_by: key})
    return None


def _matches(state: FakeState, referral: Record, query: dict[str, Any]) -> bool:
    filters = query.get("filters") or {}
    kind = filters.get("type")
    if kind in ("customer", "lead") and (kind == "customer") != bool(referral["customer_since"]):
        return False
    return all(
        in_date_range(referral.get(field), filters.get(field))
        for field in ("created_at", "customer_since", "cancelled_at")
    )


def _membership(state: FakeState, id: Any) -> Record | None:
    try:
        return state.table("promoter_campaigns").get(int(id))
    except (TypeError, ValueError):
        return None


def _assign(state: FakeState, referral: Record, membership: Record) -> None:
    """Give ``referral`` to the promoter enrollment ``membership``."""
    promoters = state.table("promoters")
    old = promoters.get(referral["promoter_id"])
    new = promoters.get(membership["promoter_id"])
    if old is not None:
        old["stats"]["referrals_count"] = max(0, old["stats"]["referrals_count"] - 1)
    if new is not None:
        new["stats"]["referrals_count"] += 1
    assign_referral(referral, membership)


def _checked_splits(state: FakeState, body: dict[str, Any]) -> list[dict[str, Any]] | None:
    """The body's ``split_details`` as the API shows them (refused: unknown partners, over 100)."""
    splits = body.get("split_details")
    if splits is None:
        return None
    if not isinstance(splits, list):
        raise Refused(422, "split_details must be an array")
    shown = []
    for split in splits:
        split = split if isinstance(split, dict) else {}
        partner = _membership(state, split.get("promoter_campaign_id")) if split else None
        if partner is None:
            raise Refused(422, "split_details has an unknown promoter_campaign_id")
        ids = {"promoter_campaign_id": partner["id"], "promoter_id": partner["promoter_id"]}
        shown.append({**ids, "percentage": int(split.get("percentage") or 0)})
    if sum(s["percentage"] for s in shown) > 100:
        raise Refused(422, "split_details percentages add up to more than 100")
    return shown


def _create(state: FakeState, body: dict[str, Any]) -> Record:
    membership = _membership(state, body.get("promoter_campaign_id"))
    if membership is None:
        raise Refused(422, "Promoter campaign not found")
    email, uid = body.get("email"), body.get("uid")
    if not email and not uid:
        raise Refused(422, "Email or uid is required")
    referrals = state.table("referrals")
    if email and referrals.find(email=email) is not None:
        raise Refused(422, "Email has already been taken", "taken")
    if uid and referrals.find(uid=uid) is not None:
        raise Refused(422, "Uid has already been taken", "taken")
    splits = _checked_splits(state, body)
    promoter = state.table("promoters").get(membership["promoter_id"])
    assert promoter is not None
    return new_referral(
        state,
        promoter=promoter,
        email=email,
        uid=uid,
        campaign_id=membership["campaign_id"],
        entry_source="api",
        username=body.get("username"),
        split_details=splits,
        created_by_user_email="api@example.com",
    )


def _custom_status(state: FakeState, id: Any) -> Record | None:
    """The custom referral status ``id`` as a referral shows it (``None``: none)."""
    if id is None:
        return None
    status = state.table("custom_referral_statuses").get(id) if type(id) is int else None
    if status is None:
        raise Refused(422, "Custom referral status not found")
    return dict(status)


def _update(state: FakeState, referral: Record, body: dict[str, Any]) -> None:
    membership = None
    if "promoter_campaign_id" in body:
        membership = _membership(state, body["promoter_campaign_id"])
        if membership is None:
            raise Refused(422, "Promoter campaign not found")
    splits = _checked_splits(state, body)
    if "custom_status_id" in body:  # null clears the status
        referral["custom_status"] = _custom_status(state, body["custom_status_id"])
    if splits is not None:
        referral["split_details"] = splits or None
    if membership is not None and membership["id"] != referral["promoter_campaign_id"]:
        _assign(state, referral, membership)


collection(
    routes,
    BASE,
    "referrals",
    render=render_referral,
    search=("email", "uid", "username", "website"),
    filters={k: k for k in ("state", "promoter_id", "campaign_id", "entry_source", "fraud_check")},
    matches=_matches,
    sort_key=lambda r, field: str(r.get(field) or ""),
    find=_find,
    create=_create,
    created_status=200,
    updatable=("email", "uid", "username", "fraud_check"),
    update=_update,
)


def _delete(state: FakeState, referral: Record, body: dict[str, Any]) -> str | None:
    promoter = state.table("promoters").get(referral["promoter_id"])
    if promoter is not None:
        promoter["stats"]["referrals_count"] = max(0, promoter["stats"]["referrals_count"] - 1)
    state.table("referrals").delete(referral["id"])
    return None


def _approve(state: FakeState, referral: Record, body: dict[str, Any]) -> str | None:
    if referral["state"] not in ("pending", "denied"):
        return f"Referral {referral['id']} is not awaiting approval"
    referral["state"] = "active" if referral["customer_since"] else "signup"
    return None


def _disable(state: FakeState, referral: Record, body: dict[str, Any]) -> str | None:
    if referral["state"] == "denied":
        return f"Referral {referral['id']} is already disabled"
    referral["state_before_disable"] = referral["state"]
    referral["state"] = "denied"
    return None


def _enable(state: FakeState, referral: Record, body: dict[str, Any]) -> str | None:
    if referral["state"] != "denied":
        return f"Referral {referral['id']} is not disabled"
    fallback = "active" if referral["customer_since"] else "signup"
    referral["state"] = referral.pop("state_before_disable", None) or fallback
    return None


def _destination(state: FakeState, body: dict[str, Any]) -> dict[str, Any]:
    membership = _membership(state, body.get("promoter_campaign_id"))
    if membership is None:
        raise Refused(422, "Destination promoter campaign not found", "invalid_params")
    return {"membership": membership, "commissions": bool(body.get("move_associated_commissions"))}


def _move(state: FakeState, referral: Record, move: dict[str, Any]) -> str | None:
    membership = move["membership"]
    if referral["promoter_campaign_id"] == membership["id"]:
        return f"Referral {referral['id']} already belongs to this promoter"
    _assign(state, referral, membership)
    if move["commissions"]:
        _move_commissions(state, referral, membership)
    return None


def _move_commissions(state: FakeState, referral: Record, membership: Record) -> None:
    promoter = state.table("promoters").get(membership["promoter_id"])
    campaign = ensure_campaign(state, membership["campaign_id"])
    for commission in state.table("commissions"):
        if (commission.get("referral") or {}).get("id") != referral["id"]:
            continue
        pc = commission["promoter_campaign"]
        pc.update(
            id=membership["id"],
            campaign_id=membership["campaign_id"],
            promoter_id=membership["promoter_id"],
            promoter={k: promoter[k] for k in ("id", "email", "name")} if promoter else None,
            campaign={k: campaign[k] for k in ("id", "name", "color")},
        )


@record_route(routes, "POST", BASE + "/{id}/import_events", "referrals", find=_find, status=202)
def _import_events(state: FakeState, referral: Record, params: dict[str, Any]) -> Any:
    if not referral.get("uid"):
        raise Refused(422, "The referral has no Stripe customer id (uid)", "operation_failed")

    def apply(item_id: int) -> str | None:
        found = state.table("referrals").get(item_id)
        if found is None:
            return f"Referral {item_id} not found"
        found["metadata"] = {**(found.get("metadata") or {}), "events_imported_at": now_iso()}
        return None

    # the import always runs in the background: the API answers 202 with the process
    label = "referral/import_events"
    return state.start_batch(label, [referral["id"]], apply, background=True)[1]


ACTIONS: dict[str, Apply | tuple[Apply, Prepare]] = {
    "POST /approve": _approve,
    "POST /disable": _disable,
    "POST /enable": _enable,
    "DELETE / referral/delete": _delete,
    "POST /move_to_promoter": (_move, _destination),
}
batch_actions(routes, BASE, "referrals", ACTIONS)
