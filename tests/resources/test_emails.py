"""Emails: every operation on the wire, and stateful scenarios against the fake server."""

from __future__ import annotations

from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, InternalServerError, NotFoundError
from firstpromoter_async.models.email import Email, EmailTemplate, EmailTrigger
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.emails import DEFAULT_TEMPLATE, new_email

from ..operations import Invalid, bad, bad_from, row

BROADCAST = {"enabled": True, "trigger_on": "broadcast", "settings": {}}
WELCOME = {
    "name": "Welcome",
    "subject": "Welcome aboard",
    "content": "<p>Hi</p>",
    "allowed_campaign_ids": [1, 2],
    "trigger": {
        "enabled": True,
        "trigger_on": "promoter_accepted",
        "settings": {"delay_interval": "day", "delay_value": 1},
    },
}


def _seed(count: int = 1) -> Any:
    return lambda fake: [new_email(fake.state, name=f"Email {n}") for n in range(1, count + 1)]


ONE = _seed()

E = "/company/emails"
OPERATIONS = [
    row(
        "emails.list",
        f"GET {E}?q=Email&filters[trigger_enabled]=no&filters[sent_count][from]=0"
        "&filters[sent_count][to]=10&sorting[sent_count]=desc&page=1&per_page=20",
        Email,
        _seed(3),
        q="Email",
        filters={"trigger_enabled": "no", "sent_count": {"from": 0, "to": 10}},
        sorting={"sent_count": "desc"},
        per_page=20,
    ),
    row("emails.create", f"POST {E}", Email, None, **WELCOME),
    row(
        "emails.update",
        f"PUT {E}/1",
        Email,
        ONE,
        1,
        subject="New subject",
        trigger={"enabled": True},
    ),
    row("emails.retrieve", f"GET {E}/1", Email, ONE, 1),
    row("emails.delete", f"DELETE {E}/1", None, ONE, 1),
    row("emails.copy", f"POST {E}/1/copy", Email, ONE, 1),
    row("emails.send_now", f"POST {E}/1/send_now", None, ONE, 1),
    row("emails.send_test", f"POST {E}/1/send_test", None, ONE, 1),
    row("emails.template", f"GET {E}/template", EmailTemplate, ONE),
    row("emails.test_custom_template", f"POST {E}/test_custom_template", None, ONE),
    row(
        "emails.update_custom_template",
        f"PATCH {E}/custom_template",
        EmailTemplate,
        None,
        html="<html>{{content}}</html>",
    ),
]


async def test_create_list_copy_send_update_delete(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(3)
    created = await client.emails.create(
        name="Launch",
        subject="We launched",
        content="<p>News</p>",
        allowed_campaign_ids=[1],
        trigger=EmailTrigger(enabled=True, trigger_on="broadcast"),
    )
    assert created.name == "Launch"
    assert created.trigger is not None
    assert created.trigger.trigger_on == "broadcast"
    assert created.sent_count == 0
    sent = fake.requests("POST", "/company/emails")[0].json
    assert sent["trigger"] == {"enabled": True, "trigger_on": "broadcast", "settings": {}}

    listed = [e.id async for e in client.emails.list(q="launch")]
    assert listed == [created.id]

    copy = await client.emails.copy(created.id)
    assert copy.id != created.id
    assert copy.subject == "We launched"
    assert {e.id async for e in client.emails.list()} == {created.id, copy.id}

    assert await client.emails.send_now(created.id) is None
    after = await client.emails.retrieve(created.id)
    assert after.sent_count == 3
    assert after.last_sent_at is not None
    busy = [e.id async for e in client.emails.list(filters={"sent_count": {"from": 1}})]
    assert busy == [created.id]

    updated = await client.emails.update(copy.id, name="Launch again", trigger={"enabled": True})
    assert updated.name == "Launch again"
    assert updated.trigger is not None
    assert updated.trigger.enabled is True
    enabled = [e.id async for e in client.emails.list(filters={"trigger_enabled": "yes"})]
    assert sorted(enabled) == sorted([created.id, copy.id])

    assert await client.emails.delete(copy.id) is None
    with pytest.raises(NotFoundError):
        await client.emails.retrieve(copy.id)
    assert [e.id async for e in client.emails.list()] == [created.id]


async def test_custom_template_round_trip(client: AsyncFirstPromoter) -> None:
    assert (await client.emails.template()).html == DEFAULT_TEMPLATE
    updated = await client.emails.update_custom_template(html="<main>{{content}}</main>")
    assert updated is not None
    assert updated.html == "<main>{{content}}</main>"
    assert (await client.emails.template()).html == "<main>{{content}}</main>"
    assert await client.emails.test_custom_template() is None


async def test_template_served_as_html_is_accepted(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/emails/template", kind="html", status=200, body=b"<html>theme</html>")
    template = await client.emails.template()
    assert template.html == "<html>theme</html>"


async def test_custom_template_update_is_retried(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/emails/custom_template", status=503)
    result = await client.emails.update_custom_template(html="<p>x</p>")
    assert result is not None
    assert result.html == "<p>x</p>"
    assert len(fake.requests("PATCH", "/company/emails/custom_template")) == 2


async def test_send_now_is_not_retried(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    new_email(fake.state, name="Once")
    fake.inject("/company/emails/1/send_now", status=503)
    with pytest.raises(InternalServerError):
        await client.emails.send_now(1)
    assert len(fake.requests("POST", "/company/emails/1/send_now")) == 1


_create = bad_from(
    "emails.create", name="N", subject="S", content="C", allowed_campaign_ids=[1], trigger=BROADCAST
)


def _trigger(param: str, trigger_on: str, **settings: Any) -> Invalid:
    return _create(param, trigger={"enabled": True, "trigger_on": trigger_on, "settings": settings})


def _recurring(param: str, frequency: str = "weekly", **settings: Any) -> Invalid:
    every = {"frequency": frequency, "day": 1, "hour": 1, "minute": 1}
    return _trigger(param, "recurring", **{**every, **settings})


INVALID = [
    _create("name", name=""),
    _create("subject", subject=None),
    _create("content", content="  "),
    _create("allowed_campaign_ids", allowed_campaign_ids=[]),
    _create("allowed_campaign_ids", allowed_campaign_ids=[1, "2"]),
    _create("trigger", trigger=None),
    _create("trigger", trigger="broadcast"),
    _create("trigger.trigger_on", trigger={"enabled": True}),
    _create("trigger.enabled", trigger={"trigger_on": "broadcast"}),
    _create("trigger.enabled", trigger={"enabled": "yes", "trigger_on": "broadcast"}),
    _trigger("trigger.trigger_on", "whenever"),
    _trigger("trigger.settings.delay_interval", "promoter_accepted", delay_value=2),
    _trigger("trigger.settings.delay_interval", "promoter_accepted", delay_interval="week"),
    _trigger("trigger.settings.metric", "count_reached", count=5),
    _trigger("trigger.settings.count", "count_reached", count=0, metric="clicks"),
    _trigger("trigger.settings.metric", "inactivity", metric="sales", period_in_days=3),
    _trigger("trigger.settings.period_in_days", "inactivity", metric="clicks"),
    _recurring("trigger.settings.frequency", "daily"),
    _recurring("trigger.settings.day", day=7),
    _recurring("trigger.settings.day", "monthly", day=0),
    _recurring("trigger.settings.hour", hour=24),
    _recurring("trigger.settings.minute", minute=60),
    _trigger("trigger.settings.minute", "recurring", frequency="weekly", day=1, hour=1),
    bad("emails.retrieve", "id", 0),
    bad("emails.update", "id", "1", name="x"),
    bad("emails.update", "trigger.trigger_on", 1, trigger={"trigger_on": "nope"}),
    bad("emails.delete", "id", -1),
    bad("emails.copy", "id", True),
    bad("emails.send_now", "id", 0),
    bad("emails.send_test", "id", None),
    bad("emails.update_custom_template", "html", html=""),
    bad("emails.update_custom_template", "html", html=b"<p>"),
    bad("emails.list", "filters.trigger_enabled", filters={"trigger_enabled": "maybe"}),
    bad("emails.list", "filters.trigger_on", filters={"trigger_on": "sometime"}),
    bad("emails.list", "sorting", sorting={"subject": "up"}),
    bad("emails.list", "per_page", per_page=0),
]
