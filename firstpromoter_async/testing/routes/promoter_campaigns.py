"""Fake ``/company/promoter_campaigns``: promoters' campaign memberships.

Memberships are the records of the ``promoter_campaigns`` table (see
``promoters.join_campaign``); this module renders them in full and changes them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from aiohttp import web

from .._builders import collection, record_route, route
from .._state import FakeState, Record, Refused
from ..domain.promoter_campaigns import DEFAULT_REWARD, membership_events, render_promoter_campaign
from ..domain.reports import figures

routes = web.RouteTableDef()
BASE = "/api/v2/company/promoter_campaigns"
STATES = ("pending", "accepted", "rejected", "blocked", "inactive")
APPLY_ON = ("monthly", "yearly", "one_time", "all", "specific")
SEARCH_LIMIT = 5
COLUMN_OF = {
    "revenue": "revenue_amount",
    "clicks": "clicks_count",
    "referrals": "referrals_count",
    "customers": "customers_count",
    "cancellations": "cancelled_customers_count",
}


def _rewards(field: str, value: Any) -> list[Record]:
    """Reward configurations as stored (refused 422 when malformed)."""
    if not isinstance(value, list):
        raise Refused(422, f"{field}: must be an array")
    rewards = []
    for item in value:
        if not isinstance(item, dict) or item.get("apply_on") not in APPLY_ON:
            raise Refused(422, f"{field}: apply_on must be one of " + ", ".join(APPLY_ON))
        if not item.get("reward_id") or not isinstance(item.get("product_ids"), list):
            raise Refused(422, f"{field}: reward_id and product_ids are required")
        reward_id, product_ids = int(item["reward_id"]), [int(p) for p in item["product_ids"]]
        reward = {"apply_on": item["apply_on"], "product_ids": product_ids, "reward_id": reward_id}
        details = {**DEFAULT_REWARD["reward"], "name": f"Reward {reward_id}"}
        products = [{"id": p, "name": f"Product {p}"} for p in product_ids]
        rewards.append({**reward, "reward": details, "products": products})
    return rewards


@route(routes, "GET", BASE + "/search")
def search_promoter_campaigns(state: FakeState, query: dict[str, Any]) -> list[Record]:
    q = str(query.get("q") or "").strip().lower()
    if not q:
        raise Refused(422, "param is missing or the value is empty: q", "invalid_params")
    found = []
    for membership in state.table("promoter_campaigns"):
        shown = render_promoter_campaign(state, membership)
        person, campaign = shown["promoter"], shown["campaign"] or {}
        texts = (person.get("email"), person.get("name"), campaign.get("name"), shown["ref_token"])
        if q in " ".join(str(t or "") for t in (*texts, shown["coupon"])).lower():
            found.append(shown)
        if len(found) == SEARCH_LIMIT:
            break
    return found


def _update(state: FakeState, membership: Record, body: dict[str, Any]) -> None:
    if "state" in body and body["state"] not in STATES:
        raise Refused(422, f"State is not included in the list: {body['state']}")
    changes = {k: body[k] for k in body.keys() & {"state", "coupon", "display_coupon"}}
    if "ref_token" in body:
        token = str(body["ref_token"] or "")
        if not token:
            raise Refused(422, "Ref token can't be blank")
        other = state.table("promoter_campaigns").find(ref_token=token)
        if other is not None and other["id"] != membership["id"]:
            raise Refused(422, "Ref token has already been taken", "taken")
        changes.update(ref_token=token, ref_link=f"https://example.com/?fpr={token}")
    for field in body.keys() & {"rewards_for_promoters", "rewards_for_referrals"}:
        changes[field] = _rewards(field, body[field])
    flags = {"direct_url", "promoter_rewards_customized", "referral_rewards_customized"}
    membership.update(changes, **{k: body[k] for k in body.keys() & flags})


collection(
    routes,
    BASE,
    "promoter_campaigns",
    render=render_promoter_campaign,
    retrieve=False,
    update=_update,
)


@record_route(routes, "GET", BASE + "/{id}/referral_links", "promoter_campaigns")
def _referral_links(state: FakeState, membership: Record, query: dict[str, Any]) -> Any:
    link_id, campaign = membership["id"] * 100 + 1, membership.get("campaign")
    link = {"id": link_id, "name": "Default link", "url": membership.get("ref_link")}
    links = [{**link, "is_default": True, "source": "campaign", "sub_id": None}]
    if membership.get("direct_url"):
        link = {"id": link_id + 1, "name": "Direct link", "url": membership["direct_url"]}
        origin = {"is_default": False, "source": "promoter", "sub_id": membership.get("ref_token")}
        links.append({**link, **origin})
    return [{**link, "campaign": campaign} for link in links]


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return None


@record_route(routes, "GET", BASE + "/{id}/chart_data", "promoter_campaigns")
def _chart_data(state: FakeState, membership: Record, query: dict[str, Any]) -> Record:
    for key in ("period_from", "period_to", "selection"):
        if not query.get(key):
            raise Refused(422, f"param is missing or the value is empty: {key}")
    start, end = _day(query["period_from"]), _day(query["period_to"])
    if start is None or end is None or end < start or (end - start).days > 731:
        raise Refused(422, "period_from and period_to must be a valid range of dates")
    column = COLUMN_OF.get(query["selection"])
    if column is None:
        raise Refused(422, f"Invalid selection: {query['selection']}")
    events = [e for e in membership_events(state, membership) if start <= e.day <= end]
    days = [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]
    items = [
        {"date": day.isoformat(), "value": figures(e for e in events if e.day == day)[column]}
        for day in days
    ]
    answer: Record = {"period_from": start.isoformat(), "period_to": end.isoformat()}
    answer |= {"selection": query["selection"], "selection_items": items, "group_by": "day"}
    if query.get("with_totals") == "true":
        answer["totals"] = {column: figures(events)[column]}
    return answer
