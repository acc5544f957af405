"""The documented example payloads of tracking decode into typed models.

The payloads below are the examples of the v2 admin API description, written out as Python
literals; where two descriptions of the API disagree, both shapes are decoded.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from firstpromoter_async import APIResponseValidationError
from firstpromoter_async.models._base import decode
from firstpromoter_async.models.commission import Commission
from firstpromoter_async.models.tracking import (
    TrackingEvent,
    TrackingLead,
    TrackingPromoter,
)

UTC = dt.timezone.utc


def _decode(payload: Any, model: Any) -> Any:
    return decode(json.dumps(payload).encode(), model)


# -- tracking ------------------------------------------------------------------------------

SIGNUP_RESPONSE = {
    "id": 45831611,
    "etype": "signup",
    "sale_amount": None,
    "original_sale_amount": None,
    "original_sale_currency": None,
    "event_id": None,
    "plan_id": None,
    "billing_period": None,
    "created_at": "2025-04-25T09:29:51.973Z",
    "referral": {"id": 29203686, "email": "testme@test1.com", "uid": None},
    "commissions": [],
}

SALE_COMMISSION = {
    "id": 13533003,
    "status": "approved",
    "metadata": {},
    "is_self_referral": False,
    "commission_type": "sale",
    "created_by_user_email": None,
    "created_by_user_at": None,
    "sale_amount": 2000,
    "original_sale_amount": 2000,
    "original_sale_currency": None,
    "event_id": None,
    "plan_id": None,
    "tier": 1,
    "internal_note": None,
    "external_note": None,
    "unit": "cash",
    "fraud_check": "no_suspicion",
    "amount": 400,
    "is_paid": False,
    "is_split": False,
    "created_at": "2025-04-25T09:39:42Z",
    "status_updated_at": None,
    "promoter_campaign": {
        "id": 14850130,
        "campaign_id": 28004,
        "promoter_id": 8262622,
        "created_at": "2025-01-16T18:16:41Z",
        "promoter": {"id": 8262622, "email": "test@promoter.com", "name": "Test Promoter"},
        "campaign": {"id": 28004, "name": "Quinn Ramirez", "color": "#EC4899"},
    },
    "referral": {"id": 29203686, "email": "testme@test1.com", "uid": None},
    "reward": {"id": 157427, "name": "20% recurring commission"},
}

SALE_RESPONSE = {
    "id": 45831949,
    "etype": "sale",
    "sale_amount": 2000,
    "original_sale_amount": 2000,
    "original_sale_currency": None,
    "event_id": None,
    "plan_id": None,
    "billing_period": None,
    "created_at": "2025-04-25T09:39:42.289Z",
    "referral": {"id": 29203686, "email": "testme@test1.com", "uid": None},
    "commissions": [SALE_COMMISSION],
}

LEAD = {
    "id": 20738339,
    "state": "cancelled",
    "email": "hello@testmintli.com",
    "uid": None,
    "customer_since": "2024-09-11T14:22:12.160Z",
    "cancelled_at": "2024-09-11T15:07:46.174Z",
    "plan_name": None,
    "suspicion": "no_suspicion",
    "username": None,
    "website": None,
    "created_at": "2024-09-09T16:22:44.168Z",
    "split_promotion_id": None,
    "custom_fields": None,
    "split_percentage_value": None,
    "visitor_sub_id": None,
}

# the admin description's short promoter
SHORT_PROMOTER = {"id": 8262622, "email": "test@promoter.com", "name": "Test Promoter"}
# the tracking description's long promoter (balances as objects of amounts per unit)
LONG_PROMOTER = {
    "id": 555,
    "status": "active",
    "cust_id": "",
    "email": "long@example.com",
    "created_at": "2022-04-26T15:28:24.800Z",
    "temp_password": None,
    "default_promotion_id": 777,
    "pref": "abc123",
    "default_ref_id": "long-ref",
    "note": None,
    "w8_form_url": None,
    "w9_form_url": None,
    "parent_promoter_id": 12,
    "earnings_balance": {"cash": 50744},
    "current_balance": {"cash": 20044, "points": 1.5},
    "paid_balance": {"cash": 30700},
    "auth_token": "tok",
}

REFUND_RESPONSE = {
    "id": 33847726,
    "type": "refund",
    "amount_cents": -1000,
    "reward": {
        "id": 10940148,
        "status": "approved",
        "amount": -200,
        "unit": "cash",
        "created_at": "2024-09-11T14:36:01.016Z",
        "lead": LEAD,
        "event_id": "test_sale_12340987_refund",
        "conversion_amount": -1000,
        "tier_level": 1,
        "split_type": None,
    },
    "lead": LEAD,
    "promoter": SHORT_PROMOTER,
}

CANCELLATION_RESPONSE = {
    "id": 33848911,
    "type": "cancellation",
    "amount_cents": None,
    "reward": None,
    "lead": LEAD,
    "promoter": LONG_PROMOTER,
}


def test_signup_response() -> None:
    event = _decode(SIGNUP_RESPONSE, TrackingEvent)
    assert isinstance(event, TrackingEvent)
    assert event.id == 45831611
    assert event.kind == "signup"
    assert event.sale_amount is None
    assert event.created_at == dt.datetime(2025, 4, 25, 9, 29, 51, 973000, tzinfo=UTC)
    assert event.referral is not None
    assert event.referral.id == 29203686
    assert event.referral.email == "testme@test1.com"
    assert event.referral.uid is None
    assert event.commissions == []
    assert event.lead is None


def test_sale_response() -> None:
    event = _decode(SALE_RESPONSE, TrackingEvent)
    assert event.kind == "sale"
    assert event.sale_amount == 2000
    assert event.original_sale_amount == 2000
    assert event.commissions is not None
    commission = event.commissions[0]
    assert isinstance(commission, Commission)
    assert commission.id == 13533003
    assert commission.amount == 400
    assert commission.status == "approved"
    assert commission.created_at == dt.datetime(2025, 4, 25, 9, 39, 42, tzinfo=UTC)
    assert commission.promoter_campaign is not None
    assert commission.promoter_campaign.promoter is not None
    assert commission.promoter_campaign.promoter.email == "test@promoter.com"
    assert commission.reward is not None
    assert commission.reward.name == "20% recurring commission"


def test_refund_response_with_short_promoter() -> None:
    event = _decode(REFUND_RESPONSE, TrackingEvent)
    assert event.kind == "refund"
    assert event.etype is None
    assert event.amount_cents == -1000
    assert event.reward is not None
    assert event.reward.amount == -200
    assert event.reward.conversion_amount == -1000
    assert event.reward.event_id == "test_sale_12340987_refund"
    assert isinstance(event.reward.lead, TrackingLead)
    assert event.lead is not None
    assert event.lead.state == "cancelled"
    assert event.lead.customer_since == dt.datetime(2024, 9, 11, 14, 22, 12, 160000, tzinfo=UTC)
    assert event.lead.uid is None
    assert event.promoter is not None
    assert event.promoter.name == "Test Promoter"
    assert event.promoter.default_ref_id is None


def test_cancellation_response_with_long_promoter() -> None:
    event = _decode(CANCELLATION_RESPONSE, TrackingEvent)
    assert event.kind == "cancellation"
    assert event.reward is None
    assert event.amount_cents is None
    promoter = event.promoter
    assert isinstance(promoter, TrackingPromoter)
    assert promoter.default_ref_id == "long-ref"
    assert promoter.parent_promoter_id == 12
    assert promoter.earnings_balance == {"cash": 50744}
    assert promoter.current_balance == {"cash": 20044, "points": 1.5}
    assert promoter.created_at == dt.datetime(2022, 4, 26, 15, 28, 24, 800000, tzinfo=UTC)


def test_lead_tolerates_numbers_and_objects_where_strings_are_documented() -> None:
    lead = _decode(
        {
            **LEAD,
            "split_promotion_id": 42,
            "split_percentage_value": 12.5,
            "custom_fields": {"plan": "pro"},
        },
        TrackingLead,
    )
    assert lead.split_promotion_id == 42
    assert lead.split_percentage_value == 12.5
    assert lead.custom_fields == {"plan": "pro"}


def test_tracking_event_without_id_is_rejected() -> None:
    with pytest.raises(APIResponseValidationError):
        _decode({"etype": "sale"}, TrackingEvent)


@pytest.mark.parametrize(
    ("payload", "model"),
    [
        ({"id": 1, "lead": {"state": "x"}}, TrackingEvent),
    ],
)
def test_mismatches_raise_validation_error_with_body(payload: Any, model: Any) -> None:
    body = json.dumps(payload).encode()
    with pytest.raises(APIResponseValidationError) as info:
        decode(body, model)
    assert info.value.body == body
