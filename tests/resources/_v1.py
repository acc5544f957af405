"""Helpers of the v1 tests: the fake's usual promoter and lead, and the compact v1 row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.commissions import new_commission
from firstpromoter_async.testing.domain.v1_leads import new_lead
from firstpromoter_async.testing.domain.v1_promoters import new_v1_promoter

from ..operations import Operation, row


def ann(fake: FakeFirstPromoter) -> None:
    """A v1 promoter: Ann, cust_id ``cus_ann``, ref_id ``ann`` (id 1, token ``tok_000001``)."""
    new_v1_promoter(
        fake.state, email="ann@example.com", cust_id="cus_ann", ref_id="ann", first_name="Ann"
    )


def ann_and_lead(fake: FakeFirstPromoter) -> None:
    """``ann`` and her lead ``lead@example.com`` (uid ``cus_lead``, id 1)."""
    ann(fake)
    new_lead(fake.state, email="lead@example.com", uid="cus_lead", promoter_id=1)


def ann_reward(fake: FakeFirstPromoter) -> None:
    """``ann_and_lead`` and a 500-cent approved cash reward (id 1, ``evt_1``) for the lead."""
    ann_and_lead(fake)
    state = fake.state
    promoter, lead = state.table("promoters").get(1), state.table("referrals").get(1)
    assert promoter is not None
    new_commission(
        state,
        promoter=promoter,
        amount=500,
        sale_amount=2500,
        status="approved",
        event_id="evt_1",
        referral=lead,
    )


def _form(value: Any) -> Any:
    """A value as a form field or query parameter shows it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _form(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_form(item) for item in value]
    return str(value)


def v1(
    name: str,
    request: str,
    result: Any = None,
    setup: Callable[[FakeFirstPromoter], Any] | None = None,
    /,
    **fields: Any,
) -> Operation:
    """The row of ``fp.v1.<name>(**fields)`` (``name`` may end in ``[case]``): those fields
    and nothing else are sent, as form fields (for a GET, as the query). ``request`` is
    ``"METHOD /path"``, or only the method when the path is ``/<resource>/<name>``."""
    resource, method = name.partition("[")[0].split(".")
    if " " not in request:
        request = f"{request} /{resource}/{method}"
    sent = {key: _form(value) for key, value in fields.items()}
    body: dict[str, Any] | None = sent
    if request.startswith("GET"):
        pairs = [(f"{k}[]" if isinstance(v, list) else k, v) for k, v in sent.items()]
        request, body = f"{request}?{urlencode(pairs, doseq=True)}", None
    return row(
        f"v1.{name}",
        lambda fp: getattr(getattr(fp.v1, resource), method)(**fields),
        request,
        result,
        setup=setup,
        api="v1",
        body=body,
    )
