"""Arguments every create/update/list shares: string fields hold strings, an update changes
something, and a query fits in a URL. Each refusal happens before anything is sent."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Any, Literal
from urllib.parse import urlencode

import pytest

from firstpromoter_async import AsyncFirstPromoter, InvalidRequestError
from firstpromoter_async._resource import APIResource
from firstpromoter_async._validation import MAX_URL_BYTES
from firstpromoter_async.testing import FakeFirstPromoter

from ..conftest import Caller

EMAIL = "ann@example.com"

METHOD = {"method": "custom", "promoter_id": 1, "details": {}}
CONTRACT = {"name": "T", "checkbox_label": "[t]", "content_hosted": True, "content": "c"}
# every method that sends a create/update body: (attribute path, positional args, a valid call)
BODIES: dict[str, tuple[str, tuple[Any, ...], dict[str, Any]]] = {
    "Commissions.create": (
        "commissions.create",
        (),
        {"commission_type": "custom", "promoter_campaign_id": 1, "amount": 5},
    ),
    "Commissions.update": ("commissions.update", (1,), {}),
    "Emails.create": (
        "emails.create",
        (),
        {
            "name": "n",
            "subject": "s",
            "content": "c",
            "allowed_campaign_ids": [1],
            "trigger": {"enabled": True, "trigger_on": "broadcast"},
        },
    ),
    "Emails.update": ("emails.update", (1,), {}),
    "PromoCodes.create": (
        "promo_codes.create",
        (),
        {"code": "ANN20", "reward_id": 1, "promoter_campaign_id": 1},
    ),
    "PromoCodes.update": ("promo_codes.update", (1,), {}),
    "PromoterCampaigns.update": ("promoter_campaigns.update", (1,), {}),
    "Promoters.create": ("promoters.create", (), {"email": EMAIL}),
    "Promoters.update": ("promoters.update", (1,), {}),
    "Referrals.create": ("referrals.create", (), {"promoter_campaign_id": 1, "email": EMAIL}),
    "Referrals.update": ("referrals.update", (1,), {}),
    "Tracking.signup": ("tracking.signup", (), {"email": EMAIL, "tid": "t1"}),
    "Tracking.sale": ("tracking.sale", (), {"event_id": "e1", "amount": 100, "email": EMAIL}),
    "Tracking.refund": ("tracking.refund", (), {"event_id": "e1", "amount": 100, "email": EMAIL}),
    "Tracking.cancellation": ("tracking.cancellation", (), {"email": EMAIL}),
    "Webhooks.create": (
        "webhooks.create",
        (),
        {"url": "https://example.com/hook", "event_types": ["referral.created"]},
    ),
    "Webhooks.update": ("webhooks.update", (1,), {}),
    "Webhooks.test": (
        "webhooks.test",
        (),
        {"url": "https://example.com/hook", "event_type": "referral.created"},
    ),
    "V1Leads.create": ("v1.leads.create", (), {"email": EMAIL, "promotion_id": 1}),
    "V1Leads.update": ("v1.leads.update", (), {"id": 1}),
    "V1Promoters.create": ("v1.promoters.create", (), {"email": EMAIL}),
    "V1Promoters.update": ("v1.promoters.update", (), {"id": 1}),
    "V1Rewards.create": (
        "v1.rewards.create",
        (),
        {"reward_type": "cash", "amount": 1, "lead_id": 1},
    ),
    "V1Tracking.signup": ("v1.tracking.signup", (), {"email": EMAIL}),
    "V1Tracking.sale": ("v1.tracking.sale", (), {"event_id": "e1", "amount": 1, "email": EMAIL}),
    "V1Tracking.refund": (
        "v1.tracking.refund",
        (),
        {"event_id": "e1", "amount": 1, "email": EMAIL},
    ),
    "V1Tracking.cancellation": ("v1.tracking.cancellation", (), {"email": EMAIL}),
    "Campaigns.create": (
        "campaigns.create",
        (),
        {"name": "P", "landing_url": "u", "ref_token_param": "?via", "visitor_cookie_life": 1},
    ),
    "Campaigns.update": ("campaigns.update", (1,), {}),
    "Products.create": ("products.create", (), {"name": "P", "prices": []}),
    "Products.update": ("products.update", (1,), {"prices": []}),
    "Rewards.create": (
        "rewards.create",
        (),
        {"name": "R", "is_promoter_reward": True, "schemas": []},
    ),
    "Rewards.update": ("rewards.update", (1,), {}),
    **{
        f"PayoutMethods.{action}": (f"payout_methods.{action}", args, METHOD)
        for action, args in (("create", ()), ("update", (1,)))
    },
    **{
        f"Contracts.{action}": (f"contracts.{action}", args, CONTRACT)
        for action, args in (("create", ()), ("update", (1,)))
    },
    "CustomReferralStatuses.update": (
        "custom_referral_statuses.update",
        (),
        {"custom_referral_statuses": []},
    ),
}
# fields that must come in pairs
PARTNERS = {
    "basic_auth_user": {"basic_auth_password": "secret"},
    "basic_auth_password": {"basic_auth_user": "ann"},
}


def _resource_classes() -> dict[str, type]:
    import firstpromoter_async.resources.v1  # noqa: F401  (every resource class defined)

    def subclasses(cls: type) -> list[type]:
        return [sub for c in cls.__subclasses__() for sub in (c, *subclasses(c))]

    return {cls.__name__: cls for cls in subclasses(APIResource)}


def _string_fields(qualname: str) -> list[str]:
    """The keyword arguments annotated ``str`` or ``Literal[...]`` of strings."""
    class_name, method = qualname.split(".")
    function = getattr(_resource_classes()[class_name], method)
    fields = []
    for name, hint in typing.get_type_hints(function).items():
        options = [a for a in typing.get_args(hint) or (hint,) if a is not type(None)]
        if options == [str] or (len(options) == 1 and typing.get_origin(options[0]) is Literal):
            fields.append(name)
    return fields


def _bound(fp: Any, attribute: str) -> Callable[..., Any]:
    target = fp
    for part in attribute.split("."):
        target = getattr(target, part)
    return typing.cast(Callable[..., Any], target)


STRING_CASES = [
    pytest.param(qualname, field, id=f"{qualname}.{field}")
    for qualname in sorted(BODIES)
    for field in _string_fields(qualname)
]


def test_the_table_covers_every_create_and_update() -> None:
    methods = {
        f"{name}.{method}"
        for name, cls in _resource_classes().items()
        for method in ("create", "update")
        if method in vars(cls)
    }
    assert methods <= set(BODIES)
    assert len(STRING_CASES) > 100


@pytest.mark.parametrize(("qualname", "field"), STRING_CASES)
async def test_a_string_field_given_a_non_string_is_refused(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter, qualname: str, field: str
) -> None:
    attribute, args, valid = BODIES[qualname]
    arguments = {**valid, **PARTNERS.get(field, {}), field: 123}
    with pytest.raises(InvalidRequestError) as info:
        await _bound(client, attribute)(*args, **arguments)
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
    "Commissions": lambda fp: fp.commissions.update(1),
    "Emails": lambda fp: fp.emails.update(1),
    "PromoCodes": lambda fp: fp.promo_codes.update(1),
    "PromoterCampaigns": lambda fp: fp.promoter_campaigns.update(1),
    "Promoters": lambda fp: fp.promoters.update(EMAIL, find_by="email"),
    "Referrals": lambda fp: fp.referrals.update(1),
    "Webhooks": lambda fp: fp.webhooks.update(1),
    "V1Leads": lambda fp: fp.v1.leads.update(email=EMAIL),
    "V1Promoters": lambda fp: fp.v1.promoters.update(ref_id="ann"),
    "Campaigns": lambda fp: fp.campaigns.update(1),
    "Rewards": lambda fp: fp.rewards.update(1),
}


# updates that replace: the API requires their fields, so leaving them out is a TypeError
REPLACES = {"Products", "PayoutMethods", "Contracts", "CustomReferralStatuses"}


def test_every_update_is_in_the_table() -> None:
    having = {name for name, cls in _resource_classes().items() if "update" in vars(cls)}
    assert having == set(UPDATES) | REPLACES


@pytest.mark.parametrize("name", sorted(UPDATES))
async def test_an_update_without_fields_is_refused(
    call: Caller, fake: FakeFirstPromoter, name: str
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await call(UPDATES[name])
    assert info.value.param == "fields"
    assert "update needs at least one field" in str(info.value)
    assert fake.state.journal == []


HUGE = range(1, 100_001)


@pytest.mark.parametrize(
    ("run", "param"),
    [
        (lambda fp: fp.commissions.list(ids=HUGE), "ids"),
        (lambda fp: fp.promoters.list(ids=HUGE), "ids"),
        (lambda fp: fp.referrals.list(ids=HUGE), "ids"),
        (lambda fp: fp.payouts.list(ids=HUGE), "ids"),
        (
            lambda fp: fp.commissions.list(ids=[1, 2], filters={"campaign_id": list(HUGE)}),
            "filters.campaign_id",
        ),
        (lambda fp: fp.payouts.stats(filters={"campaign_id": list(HUGE)}), "filters.campaign_id"),
        (lambda fp: fp.promoters.list(q="x" * 9_000), "q"),
    ],
)
async def test_an_over_long_url_is_refused_naming_the_largest_argument(
    call: Caller, fake: FakeFirstPromoter, run: Any, param: str
) -> None:
    with pytest.raises(InvalidRequestError) as info:
        await call(run)
    assert info.value.param == param
    assert f"{MAX_URL_BYTES:,}-byte limit" in str(info.value)
    assert fake.state.journal == []


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
