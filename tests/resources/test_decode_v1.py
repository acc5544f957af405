"""The v1 models decode every shape the v1 documentation shows: the older reference pages
(sparse objects, ``null`` balances) and the newer OpenAPI pages (statuses, timestamps,
promotions with counters, ``{}`` placeholders, ids as strings)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from firstpromoter_async import APIResponseValidationError
from firstpromoter_async.models._base import decode
from firstpromoter_async.models.v1_lead import V1Lead
from firstpromoter_async.models.v1_promoter import (
    V1AuthToken,
    V1Message,
    V1Promoter,
    V1Promotion,
)
from firstpromoter_async.models.v1_reward import V1Reward
from firstpromoter_async.models.v1_tracking import V1TrackingEvent

UTC = dt.timezone.utc


def _body(data: Any) -> bytes:
    return json.dumps(data).encode()


# the reference pages' promoter: no status, null balances, sparse profile
SPARSE_PROMOTER: dict[str, Any] = {
    "id": 4101,
    "cust_id": "cus_9f8e7d",
    "email": "maria@example.com",
    "temp_password": None,
    "default_promotion_id": 5202,
    "default_ref_id": "maria",
    "earnings_balance": None,
    "current_balance": None,
    "paid_balance": None,
    "auth_token": "Tok3nValue_abc",
    "profile": {
        "id": 6303,
        "first_name": "Maria",
        "last_name": "Lopez",
        "website": "https://maria.example.com",
        "paypal_email": None,
        "avatar_url": None,
        "description": None,
        "social_accounts": {},
    },
}

# the OpenAPI pages' promotion: counters, offers, ``{}`` placeholders
FULL_PROMOTION: dict[str, Any] = {
    "id": 5202,
    "status": "offer_running",
    "ref_id": "maria",
    "promo_code": "MARIA10",
    "customer_promo_code": "SAVE10",
    "target_reached_at": {},
    "promoter_id": 4101,
    "campaign_id": 77,
    "referral_link": "https://shop.example.com?fpr=maria",
    "current_offer": {
        "id": 9,
        "name": "2 free months",
        "amount": 2,
        "unit": "free_months",
        "default_promo_code": "",
    },
    "current_referral_reward": {
        "id": 10,
        "amount": 0,
        "type": "per_referral",
        "unit": "cash",
        "name": "25% recurring commission",
        "per_of_sale": 25.5,
        "default_promo_code": "",
    },
    "current_promotion_reward": {},
    "current_target_reward": None,
    "campaign_name": "Partners",
    "hidden": False,
    "visitors_count": 120,
    "leads_count": 14,
    "customers_count": 6,
    "refunds_count": 1,
    "cancellations_count": 2,
    "sales_count": 9,
    "sales_total": 45900.5,
    "refunds_total": 3000,
    "active_customers_count": 4,
}

FULL_PROMOTER: dict[str, Any] = {
    "id": 4101,
    "status": "approved",
    "cust_id": None,
    "email": "maria@example.com",
    "created_at": "2024-02-03T10:11:12.345Z",
    "temp_password": "Xy12_z",
    "default_promotion_id": 5202,
    "pref": "k2m9q1x",
    "default_ref_id": "maria",
    "note": "Top partner",
    "w8_form_url": None,
    "w9_form_url": "https://files.example.com/w9.pdf",
    "parent_promoter_id": "4000",
    "earnings_balance": {"cash": 9000, "credits": 120, "discount_per": 15},
    "current_balance": {"cash": 3000, "credits": -20},
    "paid_balance": {"cash": 6000, "free_months": 1.5},
    "auth_token": "Tok3nValue_abc",
    "profile": {
        "first_name": "Maria",
        "last_name": None,
        "website": None,
        "company_name": "Lopez Media",
        "phone_number": "+34 600 000 000",
        "address": "Calle Mayor 1",
        "vat_id": "ES123",
        "country": "ES",
        "paypal_email": "pay@maria.example.com",
        "avatar_url": "https://img.example.com/m.png",
        "description": "Blogger",
        "social_accounts": {
            "twitter": {"url": "https://twitter.com/maria"},
            "instagram": {"url": "https://instagram.com/maria"},
        },
    },
    "promotions": [FULL_PROMOTION],
    "custom_fields": {"tier": "gold"},
    "promo_codes": [{"id": 31, "code": "MARIA10", "reward": {"id": 10, "name": "10% off"}}],
}

# a lead embedded in tracking events and rewards (no promotion, no promoter)
EMBEDDED_LEAD: dict[str, Any] = {
    "id": 7404,
    "state": "active",
    "email": "buyer@example.com",
    "uid": None,
    "customer_since": "2024-05-06T07:08:09.010Z",
    "cancelled_at": None,
    "plan_name": None,
    "suspicion": "no_suspicion",
    "username": None,
    "website": None,
    "created_at": "2024-05-01T00:00:00.000Z",
    "split_promotion_id": None,
    "custom_fields": None,
    "split_percentage_value": None,
    "visitor_sub_id": None,
}

# the reference pages' lead with its promotion (sparse) and promoter (no profile)
SPARSE_LEAD: dict[str, Any] = {
    "id": 7404,
    "state": "signup",
    "email": "buyer@example.com",
    "uid": "cus_buyer",
    "customer_since": None,
    "plan_name": "",
    "suspicion": "no_suspicion",
    "promotion": {
        "id": 5202,
        "status": "offer_inactive",
        "ref_id": "maria",
        "promo_code": None,
        "target_reached_at": None,
        "promoter_id": 4101,
        "campaign_id": 77,
        "referral_link": "http://shop.example.com#_r_maria",
        "current_referral_reward": {
            "id": 10,
            "amount": 2500,
            "type": "per_referral",
            "unit": "cash",
            "name": "25% recurring commission",
            "default_promo_code": "",
        },
        "current_promotion_reward": None,
        "current_target_reward": None,
    },
    "promoter": {k: v for k, v in SPARSE_PROMOTER.items() if k != "profile"},
}

SPARSE_PROMOTER_WITH_ID_PARENT: dict[str, Any] = {
    "id": 4101,
    "status": "active",
    "parent_promoter_id": 4000,
    "earnings_balance": {},
    "current_balance": {},
    "paid_balance": {},
}


def test_sparse_promoter() -> None:
    promoter = decode(_body(SPARSE_PROMOTER), V1Promoter)
    assert promoter.id == 4101
    assert promoter.default_ref_id == "maria"
    assert promoter.earnings_balance is None
    assert promoter.status is None
    assert promoter.profile is not None
    assert promoter.profile.first_name == "Maria"
    assert promoter.profile.social_accounts is not None
    assert promoter.profile.social_accounts.twitter is None
    assert promoter.promotions is None


def test_full_promoter() -> None:
    promoter = decode(_body(FULL_PROMOTER), V1Promoter)
    assert promoter.created_at == dt.datetime(2024, 2, 3, 10, 11, 12, 345000, tzinfo=UTC)
    assert promoter.parent_promoter_id == "4000"
    assert promoter.earnings_balance == {"cash": 9000, "credits": 120, "discount_per": 15}
    assert promoter.current_balance == {"cash": 3000, "credits": -20}
    assert promoter.paid_balance == {"cash": 6000, "free_months": 1.5}
    assert promoter.profile is not None
    assert promoter.profile.social_accounts is not None
    assert promoter.profile.social_accounts.instagram is not None
    assert promoter.profile.social_accounts.instagram.url == "https://instagram.com/maria"
    assert promoter.custom_fields == {"tier": "gold"}
    assert promoter.promo_codes is not None
    assert promoter.promo_codes[0].reward is not None
    assert promoter.promo_codes[0].reward.name == "10% off"
    assert promoter.promotions is not None
    [promotion] = promoter.promotions
    assert promotion.target_reached_at == {}
    assert promotion.current_offer is not None
    assert promotion.current_offer.unit == "free_months"
    assert promotion.current_referral_reward is not None
    assert promotion.current_referral_reward.per_of_sale == 25.5
    assert promotion.current_promotion_reward is not None
    assert promotion.current_promotion_reward.id is None
    assert promotion.sales_total == 45900.5
    assert promotion.active_customers_count == 4


def test_promoter_with_integer_parent_and_empty_balances() -> None:
    promoter = decode(_body(SPARSE_PROMOTER_WITH_ID_PARENT), V1Promoter)
    assert promoter.parent_promoter_id == 4000
    assert promoter.earnings_balance == {}


def test_promotion_reached_target_is_a_timestamp() -> None:
    data = {**FULL_PROMOTION, "target_reached_at": "2024-07-01T12:00:00.000Z"}
    promotion = decode(_body(data), V1Promotion)
    assert promotion.target_reached_at == dt.datetime(2024, 7, 1, 12, tzinfo=UTC)


def test_sparse_lead_with_promotion_and_promoter() -> None:
    lead = decode(_body(SPARSE_LEAD), V1Lead)
    assert lead.state == "signup"
    assert lead.customer_since is None
    assert lead.promotion is not None
    assert lead.promotion.ref_id == "maria"
    assert lead.promotion.current_referral_reward is not None
    assert lead.promotion.current_referral_reward.amount == 2500
    assert lead.promoter is not None
    assert lead.promoter.auth_token == "Tok3nValue_abc"


def test_full_lead_from_a_list() -> None:
    data = {
        **EMBEDDED_LEAD,
        "cancelled_at": "2024-09-01T00:00:00.000Z",
        "custom_fields": {"plan": "pro"},
        "split_promotion_id": 5203,
        "split_percentage_value": 50.0,
        "promotion": FULL_PROMOTION,
        "promoter": {**FULL_PROMOTER, "profile": None, "promotions": None},
    }
    lead = decode(_body(data), V1Lead)
    assert lead.cancelled_at == dt.datetime(2024, 9, 1, tzinfo=UTC)
    assert lead.custom_fields == {"plan": "pro"}
    assert lead.split_percentage_value == 50.0
    assert lead.promotion is not None
    assert lead.promotion.campaign_name == "Partners"


def test_lead_with_status_instead_of_state() -> None:
    lead = decode(_body({"id": 1, "status": "active", "uid": "u1"}), V1Lead)
    assert lead.status == "active"
    assert lead.state is None


def test_reward_from_the_reference_page() -> None:
    data = {
        "id": 8505,
        "status": "approved",
        "amount": 10,
        "unit": "points",
        "promoter": {
            **{k: v for k, v in SPARSE_PROMOTER.items() if k != "profile"},
            "earnings_balance": {"points": 10},
            "current_balance": {"points": 10},
        },
        "promotion": SPARSE_LEAD["promotion"],
    }
    reward = decode(_body(data), V1Reward)
    assert (reward.amount, reward.unit, reward.lead) == (10, "points", None)
    assert reward.promoter is not None
    assert reward.promoter.earnings_balance == {"points": 10}
    assert reward.promotion is not None
    assert reward.promotion.id == 5202


def test_reward_from_the_openapi_page() -> None:
    data = {
        "id": 8506,
        "status": "pending",
        "amount": 250,
        "unit": "cash",
        "created_at": "2024-06-07T08:09:10.111Z",
        "lead": None,
        "event_id": "ch_123",
        "conversion_amount": 1000,
        "tier_level": 2,
        "promoter": {"id": 4101, "status": "active", "earnings_balance": {}},
        "promotion": FULL_PROMOTION,
    }
    reward = decode(_body(data), V1Reward)
    assert reward.created_at == dt.datetime(2024, 6, 7, 8, 9, 10, 111000, tzinfo=UTC)
    assert reward.tier_level == 2
    assert reward.conversion_amount == 1000


def test_signup_event_from_the_reference_page() -> None:
    data = {
        "id": 9606,
        "type": "signup",
        "amount_cents": None,
        "lead": {
            "id": 7404,
            "state": "signup",
            "email": "buyer@example.com",
            "uid": "cus_buyer",
            "customer_since": None,
            "plan_name": None,
            "suspicion": "no_suspicion",
        },
        "promoter": {
            "id": 4101,
            "cust_id": None,
            "email": "maria@example.com",
            "temp_password": "Ab1cD2",
            "default_promotion_id": 5202,
            "default_ref_id": "maria",
            "earnings_balance": None,
            "current_balance": None,
            "paid_balance": None,
        },
    }
    event = decode(_body(data), V1TrackingEvent)
    assert event.type == "signup"
    assert event.reward is None
    assert event.lead is not None
    assert event.lead.uid == "cus_buyer"
    assert event.promoter is not None
    assert event.promoter.temp_password == "Ab1cD2"


def test_sale_event_with_reward() -> None:
    data = {
        "id": 9607,
        "type": "sale",
        "amount_cents": 4000,
        "reward": {
            "id": 8507,
            "status": "approved",
            "amount": 800,
            "unit": "cash",
            "created_at": "2024-06-07T08:09:10.111Z",
            "lead": EMBEDDED_LEAD,
            "event_id": "ch_456",
            "conversion_amount": 4000,
            "tier_level": 1,
            "split_type": None,
        },
        "lead": {**EMBEDDED_LEAD, "first_name": "Bo", "last_name": ""},
        "promoter": {**FULL_PROMOTER, "profile": None, "promotions": None},
    }
    event = decode(_body(data), V1TrackingEvent)
    assert event.amount_cents == 4000
    assert event.reward is not None
    assert event.reward.event_id == "ch_456"
    assert event.reward.lead is not None
    assert event.reward.lead.id == 7404
    assert event.lead is not None
    assert event.lead.first_name == "Bo"
    assert event.promoter is not None
    assert event.promoter.pref == "k2m9q1x"


def test_refund_and_cancellation_events() -> None:
    refund = decode(
        _body({"id": 9608, "type": "refund", "amount_cents": -4000, "lead": EMBEDDED_LEAD}),
        V1TrackingEvent,
    )
    assert refund.amount_cents == -4000
    cancellation = decode(
        _body(
            {
                "id": 9609,
                "type": "cancellation",
                "amount_cents": None,
                "reward": None,
                "lead": {**EMBEDDED_LEAD, "state": "cancelled"},
            }
        ),
        V1TrackingEvent,
    )
    assert cancellation.lead is not None
    assert cancellation.lead.state == "cancelled"


def test_small_answers() -> None:
    assert decode(_body({"auth_token": "NewTok"}), V1AuthToken).auth_token == "NewTok"
    assert decode(_body({"message": "Lead removed."}), V1Message).message == "Lead removed."


@pytest.mark.parametrize(
    ("body", "model"),
    [
        ({"email": "no-id@example.com"}, V1Promoter),
        ({"id": "not-a-number"}, V1Lead),
        ({"id": 1, "earnings_balance": {"cash": "lots"}}, V1Promoter),
        ({"id": 1, "type": "sale", "amount_cents": "100"}, V1TrackingEvent),
        ({}, V1AuthToken),
    ],
)
def test_wrong_shapes_raise_response_validation_error(body: Any, model: Any) -> None:
    with pytest.raises(APIResponseValidationError) as info:
        decode(_body(body), model)
    assert info.value.body == _body(body)
