"""Fake ``/company/webhooks``: subscriptions, their deliveries, and test deliveries."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from .._http import body_of, error, json_response, page_of, state_of
from .._state import Record, now_iso
from ..domain.webhooks import (
    EVENT_TYPES,
    _public,
    new_webhook,
    new_webhook_delivery,
    render_webhook,
)

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/webhooks"
_PRIVATE_HOSTS = ("localhost", "127.", "10.", "192.168.", "169.254.", "0.")


def _url_problem(url: Any, status: int) -> web.Response | None:
    if not isinstance(url, str) or not url:
        return error(status, "url can't be blank", "invalid")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return error(status, "url is not a valid URL", "invalid_url")
    if parts.hostname.startswith(_PRIVATE_HOSTS):
        return error(status, "url points to a private network", "invalid_url")
    return None


def _subscription_problem(body: dict[str, Any], *, creating: bool) -> web.Response | None:
    if creating or "url" in body:
        problem = _url_problem(body.get("url"), 422)
        if problem is not None:
            return problem
    if creating or "event_types" in body:
        types = body.get("event_types")
        if not isinstance(types, list) or not types:
            return error(422, "event_types can't be blank", "invalid")
        unknown = [t for t in types if t not in EVENT_TYPES]
        if unknown:
            return error(422, f"Unknown event types: {', '.join(map(str, unknown))}", "invalid")
    if "timeout" in body and not 1 <= int(body["timeout"]) <= 120:
        return error(422, "timeout must be between 1 and 120", "invalid")
    if "max_retries" in body and not 0 <= int(body["max_retries"]) <= 10:
        return error(422, "max_retries must be between 0 and 10", "invalid")
    return None


def _webhook(request: web.Request, key: str = "id") -> Record | None:
    value = request.match_info[key]
    return state_of(request).table("webhooks").get(int(value)) if value.isdigit() else None


def _delivery(request: web.Request, webhook: Record) -> Record | None:
    value = request.match_info["id"]
    delivery = (
        state_of(request).table("webhook_deliveries").get(int(value)) if value.isdigit() else None
    )
    if delivery is None or delivery["_webhook_id"] != webhook["id"]:
        return None
    return delivery


@routes.get(BASE)
async def list_webhooks(request: web.Request) -> web.Response:
    found = [render_webhook(w) for w in state_of(request).table("webhooks")]
    found.reverse()  # newest first
    return page_of(request, found, envelope=False)


@routes.post(BASE)
async def create_webhook(request: web.Request) -> web.Response:
    body = await body_of(request)
    problem = _subscription_problem(body, creating=True)
    if problem is not None:
        return problem
    fields = (
        "active",
        "timeout",
        "max_retries",
        "description",
        "campaign_ids",
        "headers",
        "basic_auth_user",
        "basic_auth_password",
    )
    webhook = new_webhook(
        state_of(request),
        url=body["url"],
        event_types=body["event_types"],
        **{k: body[k] for k in fields if body.get(k) is not None},
    )
    return json_response(render_webhook(webhook, with_secret=True), status=201)


# specific paths before /{id}
@routes.get(BASE + "/event_types")
async def event_types(request: web.Request) -> web.Response:
    return json_response({"data": EVENT_TYPES})


@routes.post(BASE + "/test")
async def test_webhook(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    problem = _url_problem(body.get("url"), 400)
    if problem is not None:
        return problem
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


@routes.get(BASE + "/{id}")
async def get_webhook(request: web.Request) -> web.Response:
    webhook = _webhook(request)
    if webhook is None:
        return error(404, "Not found", "not_found")
    return json_response(render_webhook(webhook))


@routes.put(BASE + "/{id}")
async def update_webhook(request: web.Request) -> web.Response:
    webhook = _webhook(request)
    if webhook is None:
        return error(404, "Not found", "not_found")
    body = await body_of(request)
    problem = _subscription_problem(body, creating=False)
    if problem is not None:
        return problem
    for field in (
        "url",
        "event_types",
        "active",
        "timeout",
        "max_retries",
        "description",
        "campaign_ids",
        "headers",
        "basic_auth_user",
    ):
        if field in body:
            webhook[field] = body[field]
    if "basic_auth_password" in body:
        webhook["_basic_auth_password"] = body["basic_auth_password"]
    webhook["updated_at"] = now_iso()
    return json_response(render_webhook(webhook))


@routes.delete(BASE + "/{id}")
async def delete_webhook(request: web.Request) -> web.Response:
    state = state_of(request)
    webhook = _webhook(request)
    if webhook is None:
        return error(404, "Not found", "not_found")
    state.table("webhooks").delete(webhook["id"])
    deliveries = state.table("webhook_deliveries")
    for delivery in deliveries:
        if delivery["_webhook_id"] == webhook["id"]:
            deliveries.delete(delivery["id"])
    return json_response({"message": "Subscription deleted successfully"})


@routes.get(BASE + "/{webhook_id}/webhook_deliveries")
async def list_deliveries(request: web.Request) -> web.Response:
    webhook = _webhook(request, "webhook_id")
    if webhook is None:
        return error(404, "Subscription not found", "not_found")
    found = [
        _public(d)
        for d in state_of(request).table("webhook_deliveries")
        if d["_webhook_id"] == webhook["id"]
    ]
    found.reverse()  # most recent first
    return page_of(request, found, envelope=False)


@routes.get(BASE + "/{webhook_id}/webhook_deliveries/{id}")
async def get_delivery(request: web.Request) -> web.Response:
    webhook = _webhook(request, "webhook_id")
    delivery = _delivery(request, webhook) if webhook is not None else None
    if delivery is None:
        return error(404, "Not found", "not_found")
    return json_response(_public(delivery))


@routes.post(BASE + "/{webhook_id}/webhook_deliveries/{id}/retry_delivery")
async def retry_delivery(request: web.Request) -> web.Response:
    webhook = _webhook(request, "webhook_id")
    delivery = _delivery(request, webhook) if webhook is not None else None
    if webhook is None or delivery is None:
        return error(404, "Not found", "not_found")
    if delivery["_retries"] >= webhook["max_retries"]:
        return error(422, "Max retries already reached", "max_retries_reached")
    delivery["_retries"] += 1
    delivery.update(status="pending", attempts=0, delivered_at=None)
    return json_response(_public(delivery))
