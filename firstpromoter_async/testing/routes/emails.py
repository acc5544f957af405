"""Fake ``/company/emails``: emails to promoters and the company email theme."""

from __future__ import annotations

from typing import Any

from aiohttp import web

from .._builders import collection, record_route, route
from .._state import FakeState, Record, Refused, now_iso
from ..domain.emails import DEFAULT_TEMPLATE, new_email, render_email

routes = web.RouteTableDef()
BASE = "/api/v2/company/emails"
REQUIRED = ("name", "subject", "content", "allowed_campaign_ids", "trigger")


def _matches(state: FakeState, email: Record, query: dict[str, Any]) -> bool:
    filters: dict[str, Any] = query.get("filters") or {}
    sent: dict[str, Any] = filters.get("sent_count") or {}
    campaign: Any = filters.get("campaign_id")
    count: int = email["sent_count"]
    if not int(sent.get("from", count)) <= count <= int(sent.get("to", count)):
        return False
    wanted = campaign if isinstance(campaign, list) else [campaign]
    return campaign is None or bool({int(c) for c in wanted} & set(email["allowed_campaign_ids"]))


def _check(body: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    missing = [f for f in fields if body.get(f) in (None, "", [])]
    if missing:
        raise Refused(422, f"{', '.join(missing)} can't be blank")
    trigger = body.get("trigger")
    if trigger is not None and not isinstance(trigger, dict):
        raise Refused(422, "trigger must be an object")
    if fields and not {"enabled", "trigger_on"} <= set(trigger or {}):
        raise Refused(422, "trigger must have enabled, trigger_on and settings")
    if "allowed_campaign_ids" in body:
        body["allowed_campaign_ids"] = [int(i) for i in body["allowed_campaign_ids"]]
    return body


def _update(state: FakeState, email: Record, body: dict[str, Any]) -> None:
    _check(body, ())
    trigger = {**email["trigger"], **body.get("trigger", {})}
    email.update({k: body[k] for k in REQUIRED[:4] if k in body}, trigger=trigger)
    email["updated_at"] = now_iso()


# specific paths before /{id}
@route(routes, "GET", BASE + "/template")
def get_template(state: FakeState, query: dict[str, Any]) -> Record:
    record = state.table("email_templates").get(1)
    return {"html": record["html"] if record else DEFAULT_TEMPLATE}


@route(routes, "PATCH", BASE + "/custom_template")
def update_template(state: FakeState, body: dict[str, Any]) -> Record:
    html = body.get("html")
    if not isinstance(html, str) or not html:
        raise Refused(422, "html can't be blank")
    state.table("email_templates").insert({"id": 1, "html": html})
    return {"html": html}


SENT_TEST: Record = {"message": "Test email sent"}
route(routes, "POST", BASE + "/test_custom_template")(lambda *_: SENT_TEST)


def _delete(state: FakeState, email: Record) -> Record:
    state.table("emails").delete(email["id"])
    return {"message": "Email deleted"}


@record_route(routes, "POST", BASE + "/{id}/copy", "emails")
def _copy(state: FakeState, email: Record, body: dict[str, Any]) -> Record:
    fields = {k: email[k] for k in REQUIRED[1:4]}
    trigger = {**email["trigger"], "enabled": False}
    return render_email(new_email(state, name=f"{email['name']} (copy)", trigger=trigger, **fields))


@record_route(routes, "POST", BASE + "/{id}/send_now", "emails")
def _send(state: FakeState, email: Record, body: dict[str, Any]) -> Record:
    campaigns = set(email["allowed_campaign_ids"])
    recipients = {
        m["promoter_id"]
        for m in state.table("promoter_campaigns")
        if m["campaign_id"] in campaigns and m.get("state") == "accepted"
    }
    email["sent_count"] += len(recipients)
    email["last_sent_at"] = now_iso()
    return {"message": f"Email sent to {len(recipients)} promoters"}


collection(
    routes,
    BASE,
    "emails",
    render=lambda state, email: render_email(email),
    search=("name", "subject"),
    filters={
        "trigger_enabled": lambda email: "yes" if email["trigger"]["enabled"] else "no",
        "trigger_on": lambda email: email["trigger"]["trigger_on"],
    },
    matches=_matches,
    sort_rendered=True,
    create=lambda state, body: new_email(state, **_check(body, REQUIRED)),
    created_status=200,
    update=_update,
    delete=_delete,
)
record_route(routes, "POST", BASE + "/{id}/send_test", "emails")(lambda *_: SENT_TEST)
