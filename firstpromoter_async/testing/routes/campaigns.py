"""Fake ``/company/campaigns``, ``/company/products`` and ``/company/rewards``."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import collection, record_route
from .._state import FakeState, Record
from ..domain.campaigns import CAMPAIGN, REWARD, links_of, new_record, render_campaign

routes = web.RouteTableDef()
BASE = "/api/v2/company"


def _new_campaign(state: FakeState, body: dict[str, Any]) -> Record:
    campaign = new_record(state, "campaigns", CAMPAIGN, body, "name", "landing_url")
    campaign["links"] = []
    links_of(state, campaign, body)
    return campaign


collection(
    routes,
    BASE + "/campaigns",
    "campaigns",
    render=render_campaign,
    create=_new_campaign,
    update=lambda state, campaign, body: links_of(state, campaign, body),
    updatable=[k for k in CAMPAIGN if k not in ("auto_approve_leads", "is_default", "links")],
    delete=lambda state, c: render_campaign(state, state.table("campaigns").delete(c["id"]) or c),
)
PRODUCT: Record = {"name": None, "ext_id": None, "prices": []}
collection(
    routes,
    BASE + "/products",
    "products",
    search=("name",),
    create=lambda state, body: new_record(state, "products", PRODUCT, body, "name", "prices"),
    updatable=PRODUCT,
    delete=True,
)


def _in_scope(state: FakeState, reward: Record, query: dict[str, Any]) -> bool:
    scope = query.get("scope")
    kind = "promoters" if reward.get("is_promoter_reward", True) else "referrals"
    return scope in (None, kind)


collection(
    routes,
    BASE + "/rewards",
    "rewards",
    matches=_in_scope,
    create=lambda state, body: new_record(state, "rewards", REWARD, body, "name", "schemas"),
    created_status=200,
    retrieve=False,
    updatable=REWARD,
)


@record_route(routes, "POST", BASE + "/rewards/{id}/hide", "rewards")
def _hide(state: FakeState, reward: Record, body: dict[str, Any]) -> None:
    reward["hide_reward"] = True
