"""Arguments every create/update/list shares: string fields hold strings, an update changes
something, and a query fits in a URL. Each refusal happens before anything is sent."""

from __future__ import annotations

import functools
import inspect
import typing
from collections.abc import Callable
from typing import Any, Literal, get_args, get_origin
from urllib.parse import urlencode

import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError
from firstpromoter_async._validation import MAX_URL_BYTES
from firstpromoter_async.testing import FakeFirstPromoter

from ..conftest import Caller
from ..operations import Invalid, resource_classes

EMAIL = "ann@example.com"

METHOD = {"method": "custom", "promoter_id": 1, "details": {}}
CONTRACT = {"name": "T", "checkbox_label": "[t]", "content_hosted": True, "content": "c"}
# every method that sends a create/update body, with the keywords of a valid call (a v2
# update gets the id 1 first)
BODIES: dict[str, dict[str, Any]] = {
    "commissions.create": {"commission_type": "custom", "promoter_campaign_id": 1, "amount": 5},
    "emails.create": {"name": "n", "subject": "s", "content": "c", "allowed_campaign_ids": [1]}
    | {"trigger": {"enabled": True, "trigger_on": "broadcast"}},
    "promo_codes.create": {"code": "ANN20", "reward_id": 1, "promoter_campaign_id": 1},
    "referrals.create": {"promoter_campaign_id": 1, "email": EMAIL},
    **{f"{name}.update": {} for name in ("commissions", "emails", "promo_codes", "promoters")},
    **{f"{name}.update": {} for name in ("promoter_campaigns", "referrals", "webhooks")},
    "tracking.signup": {"email": EMAIL, "tid": "t1"},
    **{
        f"{prefix}tracking.{name}": {"event_id": "e1", "amount": amount, "email": EMAIL}
        for prefix, amount in (("", 100), ("v1.", 1))
        for name in ("sale", "refund")
    },
    **{name: {"email": EMAIL} for name in ("promoters.create", "v1.promoters.create")},
    **{name: {"email": EMAIL} for name in ("tracking.cancellation", "v1.tracking.cancellation")},
    "webhooks.create": {"url": "https://example.com/hook", "event_types": ["referral.created"]},
    "webhooks.test": {"url": "https://example.com/hook", "event_type": "referral.created"},
    "v1.leads.create": {"email": EMAIL, "promotion_id": 1},
    **{f"v1.{name}.update": {"id": 1} for name in ("leads", "promoters")},
    "v1.rewards.create": {"reward_type": "cash", "amount": 1, "lead_id": 1},
    "v1.tracking.signup": {"email": EMAIL},
    "v1.rewards.update": {"id": 1, "status": "denied"},
    "v1.payouts.create": {"promoter_id": 1},
    "v1.payouts.update": {"id": 1},
    "assets.create": {"name": "n", "asset_type": "link"},
    "assets.update": {},
    "assets.categories.update": {},
    "campaigns.create": {"name": "P", "landing_url": "u", "ref_token_param": "?via"}
    | {"visitor_cookie_life": 1},
    "campaigns.update": {},
    "products.create": {"name": "P", "prices": []},
    "products.update": {"prices": []},
    "rewards.create": {"name": "R", "is_promoter_reward": True, "schemas": []},
    "rewards.update": {},
    **{f"payout_methods.{action}": METHOD for action in ("create", "update")},
    **{f"contracts.{action}": CONTRACT for action in ("create", "update")},
    "custom_referral_statuses.update": {"custom_referral_statuses": []},
}


def _qualname(attribute: str) -> str:
    """``"v1.promo_codes.create"`` → ``"V1PromoCodes.create"``."""
    *owner, method = attribute.split(".")
    if owner == ["assets", "categories"]:  # a sub-resource named for what it holds
        return f"AssetCategories.{method}"
    return "".join(part.title().replace("_", "") for part in owner) + "." + method


# fields that must come in pairs
PARTNERS = {"basic_auth_user": {"basic_auth_password": "secret"}}
PARTNERS["basic_auth_password"] = {"basic_auth_user": "ann"}


def _string_fields(attribute: str) -> list[str]:
    """The keyword arguments annotated ``str`` or ``Literal[...]`` of strings."""
    class_name, method = _qualname(attribute).split(".")
    function = getattr(resource_classes()[class_name], method)
    hints = typing.get_type_hints(function).items()
    options = {name: [a for a in get_args(h) or (h,) if a is not type(None)] for name, h in hints}
    single = {name: kinds[0] for name, kinds in options.items() if len(kinds) == 1}
    return [name for name, kind in single.items() if kind is str or get_origin(kind) is Literal]


STRING_CASES = [
    pytest.param(attribute, field, id=f"{_qualname(attribute)}.{field}")
    for attribute in sorted(BODIES)
    for field in _string_fields(attribute)
]


def test_the_tables_cover_every_create_and_update() -> None:
    methods = {
        f"{name}.{method}"
        for name, cls in resource_classes().items()
        for method in ("create", "update")
        if method in vars(cls)
    }
    assert methods <= {_qualname(attribute) for attribute in BODIES}
    assert len(STRING_CASES) > 100
    updates = {name.split(".")[0] for name in methods if name.endswith(".update")}
    assert updates == set(UPDATES) | REPLACES


@pytest.mark.parametrize(("attribute", "field"), STRING_CASES)
async def test_a_string_field_given_a_non_string_is_refused(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter, attribute: str, field: str
) -> None:
    method = functools.reduce(getattr, attribute.split("."), client)
    id_parameter = inspect.signature(method).parameters.get("id")
    args = (1,) if id_parameter and id_parameter.kind != id_parameter.KEYWORD_ONLY else ()
    arguments = {**BODIES[attribute], **PARTNERS.get(field, {}), field: 123}
    with pytest.raises(InvalidRequestError) as info:
        await method(*args, **arguments)
    assert info.value.param == field
    assert fake.state.journal == []


async def test_a_note_that_is_not_a_string_is_not_stored(
    call: Caller, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(1)
    with pytest.raises(InvalidRequestError) as info:
        await call(lambda fp: fp.commissions.update(1, internal_note=123))
    assert info.value.param == "internal_note"
    assert "must be a string" in str(info.value)
    assert fake.state.journal == []
    (commission,) = await call(lambda fp: fp.commissions.list())
    assert commission.internal_note is None


UPDATES: dict[str, Callable[[Any], Any]] = {
    "AssetCategories": lambda fp: fp.assets.categories.update(),
    "Assets": lambda fp: fp.assets.update(1),
    "Commissions": lambda fp: fp.commissions.update(1),
    "Emails": lambda fp: fp.emails.update(1),
    "PromoCodes": lambda fp: fp.promo_codes.update(1),
    "PromoterCampaigns": lambda fp: fp.promoter_campaigns.update(1),
    "Promoters": lambda fp: fp.promoters.update(EMAIL, find_by="email"),
    "Referrals": lambda fp: fp.referrals.update(1),
    "Webhooks": lambda fp: fp.webhooks.update(1),
    "V1Leads": lambda fp: fp.v1.leads.update(email=EMAIL),
    "V1Promoters": lambda fp: fp.v1.promoters.update(ref_id="ann"),
    "V1Rewards": lambda fp: fp.v1.rewards.update(id=1),
    "V1Payouts": lambda fp: fp.v1.payouts.update(id=1),
    "Campaigns": lambda fp: fp.campaigns.update(1),
    "Rewards": lambda fp: fp.rewards.update(1),
}
# updates whose fields the vendor requires: leaving one out is Python's own TypeError
REPLACES = {"Products", "PayoutMethods", "Contracts", "CustomReferralStatuses"}


HUGE, TOO_LONG = range(1, 100_001), f"{MAX_URL_BYTES:,}-byte limit"
# an update of nothing, and an over-long URL (refused naming the largest argument)
INVALID = [
    *[Invalid(update, "fields", "update needs at least one field") for update in UPDATES.values()],
    *[
        Invalid(lambda fp, name=name: getattr(fp, name).list(ids=HUGE), "ids", TOO_LONG)
        for name in ("commissions", "promoters", "referrals", "payouts")
    ],
    Invalid(
        lambda fp: fp.commissions.list(ids=[1, 2], filters={"campaign_id": list(HUGE)}),
        "filters.campaign_id",
        TOO_LONG,
    ),
    Invalid(
        lambda fp: fp.payouts.stats(filters={"campaign_id": list(HUGE)}),
        "filters.campaign_id",
        TOO_LONG,
    ),
    Invalid(lambda fp: fp.promoters.list(q="x" * 9_000), "q", TOO_LONG),
]


async def test_the_advised_number_of_ids_fits(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await client.commissions.list(ids=range(1, 2_001))
    advised = int(str(info.value).split("at most about ")[1].split(" ")[0].replace(",", ""))
    assert 300 < advised < 2_000
    page = await client.commissions.list(ids=range(1, advised + 1))
    assert page.data == []
    (request,) = fake.state.journal
    assert request.query_dict()["ids[]"][-1] == str(advised)
    sent_url = f"{fake.url}{request.path}?{urlencode(request.query)}"
    assert len(sent_url) <= MAX_URL_BYTES
