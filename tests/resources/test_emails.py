"""Emails: every operation on the wire, and stateful scenarios against the fake server."""

from __future__ import annotations

from typing import Any

import pytest

from firstpromoter_async import AsyncFirstPromoter, InternalServerError, NotFoundError
from firstpromoter_async.models.email import Email, EmailTemplate, EmailTrigger
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.emails import DEFAULT_TEMPLATE, new_email

from ..operations import Invalid, row

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


def _create(**overrides: Any) -> Any:
    args = {"name": "N", "subject": "S", "content": "C", "allowed_campaign_ids": [1]}
    return lambda fp: fp.emails.create(**{**args, "trigger": BROADCAST, **overrides})


def _trigger(trigger_on: str, **settings: Any) -> Any:
    return _create(trigger={"enabled": True, "trigger_on": trigger_on, "settings": settings})


def _recurring(frequency: str = "weekly", **settings: Any) -> Any:
    return _trigger(
        "recurring", **{"frequency": frequency, "day": 1, "hour": 1, "minute": 1, **settings}
    )


INVALID = [
    Invalid(call, param)
    for call, param in [
        (_create(name=""), "name"),
        (_create(subject=None), "subject"),
        (_create(content="  "), "content"),
        (_create(allowed_campaign_ids=[]), "allowed_campaign_ids"),
        (_create(allowed_campaign_ids=[1, "2"]), "allowed_campaign_ids"),
        (_create(trigger=None), "trigger"),
        (_create(trigger="broadcast"), "trigger"),
        (_create(trigger={"enabled": True}), "trigger.trigger_on"),
        (_create(trigger={"trigger_on": "broadcast"}), "trigger.enabled"),
        (_create(trigger={"enabled": "yes", "trigger_on": "broadcast"}), "trigger.enabled"),
        (_trigger("whenever"), "trigger.trigger_on"),
        (_trigger("promoter_accepted", delay_value=2), "trigger.settings.delay_interval"),
        (_trigger("promoter_accepted", delay_interval="week"), "trigger.settings.delay_interval"),
        (_trigger("count_reached", count=5), "trigger.settings.metric"),
        (_trigger("count_reached", count=0, metric="clicks"), "trigger.settings.count"),
        (_trigger("inactivity", metric="sales", period_in_days=3), "trigger.settings.metric"),
        (_trigger("inactivity", metric="clicks"), "trigger.settings.period_in_days"),
        (_recurring("daily"), "trigger.settings.frequency"),
        (_recurring(day=7), "trigger.settings.day"),
        (_recurring("monthly", day=0), "trigger.settings.day"),
        (_recurring(hour=24), "trigger.settings.hour"),
        (_recurring(minute=60), "trigger.settings.minute"),
        (_trigger("recurring", frequency="weekly", day=1, hour=1), "trigger.settings.minute"),
        (lambda fp: fp.emails.retrieve(0), "id"),
        (lambda fp: fp.emails.update("1", name="x"), "id"),
        (lambda fp: fp.emails.update(1, trigger={"trigger_on": "nope"}), "trigger.trigger_on"),
        (lambda fp: fp.emails.delete(-1), "id"),
        (lambda fp: fp.emails.copy(True), "id"),
        (lambda fp: fp.emails.send_now(0), "id"),
        (lambda fp: fp.emails.send_test(None), "id"),
        (lambda fp: fp.emails.update_custom_template(html=""), "html"),
        (lambda fp: fp.emails.update_custom_template(html=b"<p>"), "html"),
        (
            lambda fp: fp.emails.list(filters={"trigger_enabled": "maybe"}),
            "filters.trigger_enabled",
        ),
        (lambda fp: fp.emails.list(filters={"trigger_on": "sometime"}), "filters.trigger_on"),
        (lambda fp: fp.emails.list(sorting={"subject": "up"}), "sorting"),
        (lambda fp: fp.emails.list(per_page=0), "per_page"),
    ]
]
