"""Fake ``/company/emails``: emails to promoters and the company email theme."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._http import body_of, error, json_response, page_of, query_of, state_of
from .._state import Record, now_iso
from ..domain.emails import DEFAULT_TEMPLATE, new_email, render_email

__all__ = ["routes"]

routes = web.RouteTableDef()
BASE = "/api/v2/company/emails"
REQUIRED = ("name", "subject", "content", "allowed_campaign_ids", "trigger")


def _find(request: web.Request) -> Record | None:
    key = request.match_info["id"]
    return state_of(request).table("emails").get(int(key)) if key.isdigit() else None


def _matches(email: Record, query: dict[str, Any]) -> bool:
    q = query.get("q")
    if q and q.lower() not in f"{email['name']} {email['subject']}".lower():
        return False
    filters = query.get("filters") or {}
    trigger = email["trigger"]
    enabled = filters.get("trigger_enabled")
    if enabled is not None and (enabled == "yes") != bool(trigger.get("enabled")):
        return False
    trigger_on = filters.get("trigger_on")
    if trigger_on is not None and trigger.get("trigger_on") != trigger_on:
        return False
    sent = filters.get("sent_count") or {}
    if "from" in sent and email["sent_count"] < int(sent["from"]):
        return False
    if "to" in sent and email["sent_count"] > int(sent["to"]):
        return False
    campaign = filters.get("campaign_id")
    if campaign is not None:
        wanted = {int(c) for c in (campaign if isinstance(campaign, list) else [campaign])}
        if not wanted & set(email["allowed_campaign_ids"]):
            return False
    return True


def _invalid(body: dict[str, Any], fields: tuple[str, ...]) -> web.Response | None:
    missing = [f for f in fields if body.get(f) in (None, "", [])]
    if missing:
        return error(422, f"{', '.join(missing)} can't be blank", "invalid")
    trigger = body.get("trigger")
    if trigger is not None and not isinstance(trigger, dict):
        return error(422, "trigger must be an object", "invalid")
    if fields and not {"enabled", "trigger_on"} <= set(trigger or {}):
        return error(422, "trigger must have enabled, trigger_on and settings", "invalid")
    return None


@routes.get(BASE)
async def list_emails(request: web.Request) -> web.Response:
    state = state_of(request)
    query = query_of(request)
    found = [render_email(e) for e in state.table("emails") if _matches(e, query)]
    for field, direction in (query.get("sorting") or {}).items():
        found.sort(key=lambda e: e.get(field) or 0, reverse=direction == "desc")
    return page_of(request, found, envelope=False)


@routes.post(BASE)
async def create_email(request: web.Request) -> web.Response:
    state = state_of(request)
    body = await body_of(request)
    invalid = _invalid(body, REQUIRED)
    if invalid is not None:
        return invalid
    email = new_email(
        state,
        name=body["name"],
        subject=body["subject"],
        content=body["content"],
        allowed_campaign_ids=[int(i) for i in body["allowed_campaign_ids"]],
        trigger=body["trigger"],
    )
    return json_response(render_email(email))


# specific paths before /{id}
@routes.get(BASE + "/template")
async def get_template(request: web.Request) -> web.Response:
    record = state_of(request).table("email_templates").get(1)
    return json_response({"html": record["html"] if record else DEFAULT_TEMPLATE})


@routes.patch(BASE + "/custom_template")
async def update_template(request: web.Request) -> web.Response:
    body = await body_of(request)
    html = body.get("html")
    if not isinstance(html, str) or not html:
        return error(422, "html can't be blank", "invalid")
    state_of(request).table("email_templates").insert({"id": 1, "html": html})
    return json_response({"html": html})


@routes.post(BASE + "/test_custom_template")
async def test_template(request: web.Request) -> web.Response:
    return json_response({"message": "Test email sent"})


@routes.get(BASE + "/{id}")
async def get_email(request: web.Request) -> web.Response:
    email = _find(request)
    if email is None:
        return error(404, "Email not found", "not_found")
    return json_response(render_email(email))


@routes.put(BASE + "/{id}")
async def update_email(request: web.Request) -> web.Response:
    email = _find(request)
    if email is None:
        return error(404, "Email not found", "not_found")
    body = await body_of(request)
    invalid = _invalid(body, ())
    if invalid is not None:
        return invalid
    for field in ("name", "subject", "content"):
        if field in body:
            email[field] = body[field]
    if "allowed_campaign_ids" in body:
        email["allowed_campaign_ids"] = [int(i) for i in body["allowed_campaign_ids"]]
    if isinstance(body.get("trigger"), dict):
        email["trigger"] = {**email["trigger"], **body["trigger"]}
    email["updated_at"] = now_iso()
    return json_response(render_email(email))


@routes.delete(BASE + "/{id}")
async def delete_email(request: web.Request) -> web.Response:
    email = _find(request)
    if email is None:
        return error(404, "Email not found", "not_found")
    state_of(request).table("emails").delete(email["id"])
    return json_response({"message": "Email deleted"})


@routes.post(BASE + "/{id}/copy")
async def copy_email(request: web.Request) -> web.Response:
    email = _find(request)
    if email is None:
        return error(404, "Email not found", "not_found")
    copy = new_email(
        state_of(request),
        name=f"{email['name']} (copy)",
        subject=email["subject"],
        content=email["content"],
        allowed_campaign_ids=email["allowed_campaign_ids"],
        trigger={**email["trigger"], "enabled": False},
    )
    return json_response(render_email(copy))


@routes.post(BASE + "/{id}/send_now")
async def send_email(request: web.Request) -> web.Response:
    state = state_of(request)
    email = _find(request)
    if email is None:
        return error(404, "Email not found", "not_found")
    campaigns = set(email["allowed_campaign_ids"])
    recipients = {
        m["promoter_id"]
        for m in state.table("promoter_campaigns")
        if m["campaign_id"] in campaigns and m.get("state") == "accepted"
    }
    email["sent_count"] += len(recipients)
    email["last_sent_at"] = now_iso()
    return json_response({"message": f"Email sent to {len(recipients)} promoters"})


@routes.post(BASE + "/{id}/send_test")
async def send_test_email(request: web.Request) -> web.Response:
    if _find(request) is None:
        return error(404, "Email not found", "not_found")
    return json_response({"message": "Test email sent"})
