"""Fake ``/company/webhooks``: subscriptions, their deliveries, and test deliveries."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .._builders import collection
from .._http import body_of, error, json_response, page_of, state_of
from .._state import FakeState, Record, Refused, now_iso
from ..domain.webhooks import (
    EVENT_TYPES,
    new_webhook,
    new_webhook_delivery,
    public_fields,
    render_webhook,
)

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/webhooks"
_PRIVATE_HOSTS = ("localhost", "127.", "10.", "192.168.", "169.254.", "0.")


def _check_url(url: Any, status: int) -> None:
    if not isinstance(url, str) or not url:
        raise Refused(status, "url can't be blank")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(status, "url is not a valid URL", "invalid_url")
    if parts.hostname.startswith(_PRIVATE_HOSTS):
        raise Refused(status, "url points to a private network", "invalid_url")


def _check(body: dict[str, Any], *, creating: bool) -> None:
    if creating or "url" in body:
        _check_url(body.get("url"), 422)
    if creating or "event_types" in body:
        types = body.get("event_types")
        if not isinstance(types, list) or not types:
            raise Refused(422, "event_types can't be blank")
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            raise Refused(422, f"Unknown event types: {', '.join(map(str, unknown))}")
    if "timeout" in body and not 1 <= int(body["timeout"]) <= 120:
        raise Refused(422, "timeout must be between 1 and 120")
    if "max_retries" in body and not 0 <= int(body["max_retries"]) <= 10:
        raise Refused(422, "max_retries must be between 0 and 10")


_OPTIONAL = ("active", "timeout", "max_retries", "description", "campaign_ids", "headers")


def _create(state: FakeState, body: dict[str, Any]) -> Record:
    _check(body, creating=True)
    fields = (*_OPTIONAL, "basic_auth_user", "basic_auth_password")
    return new_webhook(
        state,
        url=body["url"],
        event_types=body["event_types"],
        **{k: body[k] for k in fields if body.get(k) is not None},
    )


def _update(state: FakeState, webhook: Record, body: dict[str, Any]) -> None:
    _check(body, creating=False)
    if "basic_auth_password" in body:
        webhook["_basic_auth_password"] = body["basic_auth_password"]
    webhook["updated_at"] = now_iso()


def _delete(state: FakeState, webhook: Record) -> Record:
    state.table("webhooks").delete(webhook["id"])
    deliveries = state.table("webhook_deliveries")
    for delivery in deliveries:
        if delivery["_webhook_id"] == webhook["id"]:
            deliveries.delete(delivery["id"])
    return {"message": "Subscription deleted successfully"}


# specific paths before /{id}
@routes.get(BASE + "/event_types")
async def event_types(request: web.Request) -> web.Response:
    return json_response({"data": EVENT_TYPES})


@routes.post(BASE + "/test")
async def test_webhook(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    _check_url(body.get("url"), 400)
    event_type = body.get("event_type")
    if event_type not in EVENT_TYPES:
        return error(400, f"Unknown event type: {event_type}", "invalid")
    # the test is recorded as a delivery of every subscription to that URL
    webhooks: list[Record | None] = [w for w in state.table("webhooks") if w["url"] == body["url"]]
    for webhook in webhooks or [None]:
        new_webhook_delivery(
            state,
            webhook=webhook,
            event_type=event_type,
            status="delivered",
            response_code=200,
            response_body="ok",
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


@routes.get(BASE + "/{webhook_id}/webhook_deliveries")
async def list_deliveries(request: web.Request) -> web.Response:
    state, key = state_of(request), request.match_info["webhook_id"]
    webhook = state.table("webhooks").get(int(key)) if key.isdigit() else None
    if webhook is None:
        return error(404, "Subscription not found", "not_found")
    deliveries = state.table("webhook_deliveries")
    found = [public_fields(d) for d in deliveries if d["_webhook_id"] == webhook["id"]]
    found.reverse()  # most recent first
    return page_of(request, found, envelope=False)


def _delivery(state: FakeState, webhook: Record, key: str) -> Record:
    delivery = state.table("webhook_deliveries").get(int(key)) if key.isdigit() else None
    if delivery is None or delivery["_webhook_id"] != webhook["id"]:
        raise Refused(404, "Not found", "not_found")
    return delivery


def _retry(state: FakeState, webhook: Record, delivery: Record) -> Record:
    if delivery["_retries"] >= webhook["max_retries"]:
        raise Refused(422, "Max retries already reached", "max_retries_reached")
    delivery["_retries"] += 1
    delivery.update(status="pending", attempts=0, delivered_at=None)
    return public_fields(delivery)


def _delivery_route(method: str, suffix: str, act: Any) -> None:
    path = BASE + "/{webhook_id}/webhook_deliveries/{id}" + suffix

    async def handler(request: web.Request) -> web.Response:
        state, key = state_of(request), request.match_info["webhook_id"]
        webhook = state.table("webhooks").get(int(key)) if key.isdigit() else None
        if webhook is None:
            return error(404, "Not found", "not_found")
        delivery = _delivery(state, webhook, request.match_info["id"])
        return json_response(act(state, webhook, delivery))

    routes.route(method, path)(handler)


_delivery_route("GET", "", lambda state, webhook, delivery: public_fields(delivery))
_delivery_route("POST", "/retry_delivery", _retry)
