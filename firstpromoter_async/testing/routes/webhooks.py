"""Fake ``/company/webhooks``: subscriptions, their deliveries, and test deliveries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .._builders import collection
from .._http import body_of, json_response, page_of, state_of
from .._state import FakeState, Record, Refused, now_iso
from ..domain.webhooks import EVENT_TYPES, new_webhook, new_webhook_delivery, render_webhook
from ..domain.webhooks import public_fields as shown

__all__ = ["routes"]

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
    return new_webhook(
        state,
        url=body["url"],
        event_types=body["event_types"],
        **{k: v for k, v in given.items() if v is not None},
    )


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
@routes.get(BASE + "/event_types")
async def event_types(request: web.Request) -> web.Response:
    return json_response({"data": EVENT_TYPES})


@routes.post(BASE + "/test")
async def test_webhook(request: web.Request) -> web.Response:
    state, body = state_of(request), await body_of(request)
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
    return json_response({"success": True, "status": 200, "response_code": 200, "body": "ok"})


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


def _deliveries(method: str, suffix: str, act: Callable[..., web.Response]) -> None:
    async def handler(request: web.Request) -> web.Response:
        state, key = state_of(request), request.match_info.get("id")
        webhook = _found(state, "webhooks", request.match_info["webhook_id"])
        delivery = _found(state, "webhook_deliveries", key, webhook["id"]) if key else None
        return act(request, state, webhook, delivery)

    routes.route(method, BASE + "/{webhook_id}/webhook_deliveries" + suffix)(handler)


def _retry(request: web.Request, state: FakeState, webhook: Record, delivery: Record) -> Any:
    if delivery["_retries"] >= webhook["max_retries"]:
        raise Refused(422, "Max retries already reached", "max_retries_reached")
    delivery["_retries"] += 1
    delivery.update(status="pending", attempts=0, delivered_at=None)
    return json_response(shown(delivery))


def _list(request: web.Request, state: FakeState, webhook: Record, _: None) -> web.Response:
    deliveries = state.table("webhook_deliveries")
    found = [shown(d) for d in deliveries if d["_webhook_id"] == webhook["id"]]
    return page_of(request, found[::-1], envelope=False)  # most recent first


_deliveries("GET", "", _list)
_deliveries("GET", "/{id}", lambda request, state, webhook, d: json_response(shown(d)))
_deliveries("POST", "/{id}/retry_delivery", _retry)
