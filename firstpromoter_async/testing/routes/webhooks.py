"""Fake ``/company/webhooks``: subscriptions, their deliveries, and test deliveries."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .._builders import Page, collection, found_route, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.webhooks import EVENT_TYPES, new_webhook, new_webhook_delivery, render_webhook
from ..domain.webhooks import public_fields as shown

routes = web.RouteTableDef()
BASE = "/api/v2/company/webhooks"
_PRIVATE_HOSTS = ("localhost", "127.", "10.", "192.168.", "169.254.", "0.")
_OPTIONAL = ("active", "timeout", "max_retries", "description", "campaign_ids", "headers")


def _check_url(url: Any, status: int) -> None:
    parts = urlsplit(url if isinstance(url, str) else "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(status, "url is not a valid URL", "invalid_url")
    if parts.hostname.startswith(_PRIVATE_HOSTS):
        raise Refused(status, "url points to a private network", "invalid_url")


def _check(body: dict[str, Any], *, creating: bool) -> None:
    if creating or "url" in body:
        _check_url(body.get("url"), 422)
    types = body.get("event_types")
    if (creating or types is not None) and (not isinstance(types, list) or not types):
        raise Refused(422, "event_types can't be blank")
    unknown = [t for t in types or () if t not in EVENT_TYPES]
    if unknown:
        raise Refused(422, f"Unknown event types: {', '.join(map(str, unknown))}")
    if not 1 <= int(body.get("timeout", 1)) <= 120:
        raise Refused(422, "timeout must be between 1 and 120")
    if not 0 <= int(body.get("max_retries", 0)) <= 10:
        raise Refused(422, "max_retries must be between 0 and 10")


def _create(state: FakeState, body: dict[str, Any]) -> Record:
    _check(body, creating=True)
    given = {k: body.get(k) for k in (*_OPTIONAL, "basic_auth_user", "basic_auth_password")}
    fields = {k: v for k, v in given.items() if v is not None}
    return new_webhook(state, url=body["url"], event_types=body["event_types"], **fields)


def _update(state: FakeState, webhook: Record, body: dict[str, Any]) -> None:
    _check(body, creating=False)
    if "basic_auth_password" in body:
        webhook["_basic_auth_password"] = body["basic_auth_password"]
    webhook["updated_at"] = now_iso()


def _delete(state: FakeState, webhook: Record) -> Record:
    state.table("webhooks").delete(webhook["id"])
    deliveries = state.table("webhook_deliveries")
    for delivery in [d for d in deliveries if d["_webhook_id"] == webhook["id"]]:
        deliveries.delete(delivery["id"])
    return {"message": "Subscription deleted successfully"}


# specific paths before /{id}
route(routes, "GET", BASE + "/event_types")(lambda *_: {"data": EVENT_TYPES})


@route(routes, "POST", BASE + "/test")
def test_webhook(state: FakeState, body: dict[str, Any]) -> Record:
    _check_url(body.get("url"), 400)
    event_type = body.get("event_type")
    if event_type not in EVENT_TYPES:
        raise Refused(400, f"Unknown event type: {event_type}", "invalid")
    # the test is recorded as a delivery of every subscription to that URL
    webhooks: list[Record | None] = [w for w in state.table("webhooks") if w["url"] == body["url"]]
    for webhook in webhooks or [None]:
        new_webhook_delivery(
            state, webhook=webhook, event_type=event_type, status="delivered", response_code=200
        )
    return {"success": True, "status": 200, "response_code": 200, "body": "ok"}


collection(
    routes,
    BASE,
    "webhooks",
    render=lambda state, webhook: render_webhook(webhook),
    render_created=lambda state, webhook: render_webhook(webhook, with_secret=True),
    newest_first=True,
    create=_create,
    updatable=("url", "event_types", *_OPTIONAL, "basic_auth_user"),
    update=_update,
    delete=_delete,
    missing="Not found",
)


def _found(state: FakeState, table: str, key: str, webhook_id: int | None = None) -> Record:
    record = state.table(table).get(int(key)) if key.isdigit() else None
    if record is None or record.get("_webhook_id", webhook_id) != webhook_id:
        raise Refused(404, "Not found", "not_found")
    return record


def _webhook(state: FakeState, params: dict[str, Any]) -> Record:
    return _found(state, "webhooks", params["webhook_id"])


def _delivery(state: FakeState, params: dict[str, Any]) -> Record:
    return _found(state, "webhook_deliveries", params["id"], _webhook(state, params)["id"])


DELIVERIES = BASE + "/{webhook_id}/webhook_deliveries"


@found_route(routes, "GET", DELIVERIES, _webhook, missing="Not found")
def _list(state: FakeState, webhook: Record, query: dict[str, Any]) -> Page:
    deliveries = state.table("webhook_deliveries")
    found = [shown(d) for d in deliveries if d["_webhook_id"] == webhook["id"]]
    return Page(found[::-1])  # most recent first


@found_route(routes, "POST", DELIVERIES + "/{id}/retry_delivery", _delivery, missing="Not found")
def _retry(state: FakeState, delivery: Record, body: dict[str, Any]) -> Record:
    if delivery["_retries"] >= _webhook(state, body)["max_retries"]:
        raise Refused(422, "Max retries already reached", "max_retries_reached")
    delivery["_retries"] += 1
    delivery.update(status="pending", attempts=0, delivered_at=None)
    return shown(delivery)


found_route(routes, "GET", DELIVERIES + "/{id}", _delivery, missing="Not found")(
    lambda state, delivery, _: shown(delivery)
)
