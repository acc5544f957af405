"""Decoding the documented payloads of referrals and payouts into their models.

The payloads follow the v2 admin OpenAPI schemas (Referral, Lead, BatchProcess,
BatchOperationResponse, PayoutResponse, BatchActionResult, Payout, PayoutStats, PayoutDueStats,
PayoutsGroupedByPromoters, PaymentsBatch), written out as Python literals; where the two
published specs disagree on a field, both shapes are fed.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import msgspec
import pytest

from firstpromoter_async import APIResponseValidationError, AsyncFirstPromoter, BatchProcess
from firstpromoter_async.models._base import decode
from firstpromoter_async.models.payout import (
    PaymentsBatchResult,
    Payout,
    PayoutDueStats,
    PayoutsGroupedByPromoters,
    PayoutStats,
)
from firstpromoter_async.models.referral import DateRange, Referral, ReferralFilters
from firstpromoter_async.testing import FakeFirstPromoter

UTC = dt.timezone.utc
STAMP = "2025-03-26T15:15:34.908Z"
STAMP_DT = dt.datetime(2025, 3, 26, 15, 15, 34, 908000, tzinfo=UTC)


def _bytes(payload: Any) -> bytes:
    return json.dumps(payload).encode()


# -- referrals ---------------------------------------------------------------------------------

REFERRAL_FULL: dict[str, Any] = {
    "id": 101,
    "email": "referral@example.com",
    "uid": "cus_0001",
    "state": "subscribed",
    "metadata": {"plan": "pro"},
    "entry_source": "cookie",
    "created_at": STAMP,
    "customer_since": "2025-03-27T08:00:00.000Z",
    "promoter_campaign": {
        "id": 7,
        "campaign_id": 3,
        "promoter_id": 5,
        "created_at": STAMP,
        "promoter": {"id": 5, "email": "promoter@example.com", "name": "Pat Promoter"},
        "campaign": {"id": 3, "name": "Partners", "color": "#ff9800"},
        "state": "accepted",
        "stats": {
            "clicks_count": 12,
            "referrals_count": 3,
            "sales_count": 1,
            "customers_count": 1,
            "revenue_amount": 49.5,
        },
        "coupon": "PAT10",
        "display_coupon": "PAT10",
        "ref_token": "pat",
        "ref_link": "https://example.com/?fpr=pat",
        "is_customized": False,
        "direct_url": "https://example.com",
        "referral_rewards_customized": False,
        "promoter_rewards_customized": False,
        "rewards_for_promoters": [
            {"apply_on": "all", "product_ids": [], "reward_id": 1, "reward": {"name": "20%"}}
        ],
        "rewards_for_referrals": [],
        "promo_codes": ["PAT10"],
    },
    "fraud_check": "same_ip_suspicion",
    "created_by_user_email": "admin@example.com",
    "username": "ref_user",
    "split_details": [
        {"promoter_campaign_id": 8, "promoter_id": 6, "percentage": 25},
        {"promoter_campaign_id": 9, "promoter_id": 10, "percentage": 30},
    ],
    "first_name": "Rae",
    "last_name": "Ferral",
    "website": "https://rae.example.com",
    "comment": "Came from the webinar",
    "is_expired": False,
    "custom_status": {"id": 2, "name": "Qualified", "color": None},
}

# the vendor's shape: no custom_status, a slim promoter_campaign, nullable fields null
REFERRAL_SPARSE: dict[str, Any] = {
    "id": 102,
    "email": "lead@example.com",
    "uid": None,
    "state": "signup",
    "metadata": {},
    "entry_source": "api",
    "created_at": STAMP,
    "customer_since": None,
    "promoter_campaign": {
        "id": 7,
        "campaign_id": 3,
        "promoter_id": 5,
        "created_at": STAMP,
        "promoter": {"id": 5, "email": "promoter@example.com", "name": "Pat Promoter"},
        "campaign": {"id": 3, "name": "Partners", "color": None},
    },
    "fraud_check": "no_suspicion",
    "created_by_user_email": None,
    "username": None,
    "split_details": None,
    "first_name": None,
    "last_name": None,
    "website": None,
    "comment": None,
    "is_expired": True,
}

# the seed's ``Lead`` example (the same referral as the tracking endpoints show it)
LEAD_EXAMPLE: dict[str, Any] = {
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


def test_referral_full_payload() -> None:
    referral = decode(_bytes(REFERRAL_FULL), Referral)
    assert referral.id == 101
    assert referral.created_at == STAMP_DT
    assert referral.customer_since == dt.datetime(2025, 3, 27, 8, tzinfo=UTC)
    assert referral.metadata == {"plan": "pro"}
    pc = referral.promoter_campaign
    assert pc is not None
    assert (pc.id, pc.campaign_id, pc.promoter_id, pc.state) == (7, 3, 5, "accepted")
    assert pc.created_at == STAMP_DT
    assert pc.promoter is not None
    assert pc.promoter.email == "promoter@example.com"
    assert pc.campaign is not None
    assert pc.campaign.color == "#ff9800"
    assert pc.stats is not None
    assert pc.stats["revenue_amount"] == 49.5
    assert pc.rewards_for_promoters is not None
    assert pc.rewards_for_promoters[0]["reward_id"] == 1
    assert pc.promo_codes == ["PAT10"]
    assert referral.split_details is not None
    assert [
        (s.promoter_campaign_id, s.promoter_id, s.percentage) for s in referral.split_details
    ] == [
        (8, 6, 25),
        (9, 10, 30),
    ]
    assert referral.custom_status is not None
    assert (referral.custom_status.id, referral.custom_status.name) == (2, "Qualified")
    assert referral.custom_status.color is None
    assert referral.is_expired is False
    assert referral.fraud_check == "same_ip_suspicion"


def test_referral_sparse_payload() -> None:
    referral = decode(_bytes(REFERRAL_SPARSE), Referral)
    assert referral.customer_since is None
    assert referral.split_details is None
    assert referral.custom_status is None
    assert referral.is_expired is True
    assert referral.promoter_campaign is not None
    assert referral.promoter_campaign.state is None
    assert referral.promoter_campaign.campaign is not None
    assert referral.promoter_campaign.campaign.color is None
    # fields left at None are dropped from to_dict()
    assert "uid" not in referral.to_dict()


def test_referral_decodes_the_lead_shape() -> None:
    referral = decode(_bytes(LEAD_EXAMPLE), Referral)
    assert referral.id == 20738339
    assert referral.state == "cancelled"
    assert referral.customer_since == dt.datetime(2024, 9, 11, 14, 22, 12, 160000, tzinfo=UTC)
    assert referral.cancelled_at == dt.datetime(2024, 9, 11, 15, 7, 46, 174000, tzinfo=UTC)
    assert referral.created_at == dt.datetime(2024, 9, 9, 16, 22, 44, 168000, tzinfo=UTC)
    assert referral.suspicion == "no_suspicion"


def test_referral_list_payload() -> None:
    referrals = decode(_bytes([REFERRAL_FULL, REFERRAL_SPARSE]), list[Referral])
    assert [r.id for r in referrals] == [101, 102]


def test_referral_without_id_is_rejected() -> None:
    with pytest.raises(APIResponseValidationError):
        decode(_bytes({"email": "x@example.com"}), Referral)


def test_referral_filters_struct_to_builtins() -> None:
    filters = ReferralFilters(
        type="lead",
        created_at=DateRange(from_=dt.date(2025, 1, 1), to="2025-01-31"),
        campaign_id=[1, 2],
    )
    assert msgspec.to_builtins(filters) == {
        "type": "lead",
        "campaign_id": [1, 2],
        "created_at": {"from": "2025-01-01", "to": "2025-01-31"},
    }


# -- batch processes: the referral actions, PayoutResponse and BatchActionResult ---------------

# the seed's ``BatchProcess`` example (its decoding: examples/batch_processes.json)
BATCH_PROCESS_EXAMPLE: dict[str, Any] = {
    "id": 8,
    "status": "stopped",
    "total": 5,
    "selected_total": 5,
    "processed_count": 0,
    "failed_count": 0,
    "action_label": "referral/delete",
    "created_at": STAMP,
    "updated_at": STAMP,
    "meta": None,
    "progress": 0,
    "processing_errors": [],
}

# ``BatchActionResult``: the process wrapped with payout totals; errors are objects
BATCH_ACTION_RESULT: dict[str, Any] = {
    "data": {
        "id": 12,
        "status": "completed",
        "total": 3,
        "selected_total": 3,
        "processed_count": 3,
        "failed_count": 1,
        "action_label": "mark_as_paid",
        "created_at": STAMP,
        "updated_at": STAMP,
        "meta": {},
        "progress": 100,
        "processing_errors": [{"id": 3, "message": "Payout 3 is cancelled"}],
    },
    "meta": {
        "total": 7500.0,
        "promoters_count": 2,
        "total_incl_tax": 7500.0,
        "all_promoters_count": 9,
    },
}


async def test_batch_action_result_envelope_through_the_client(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/payouts/mark_as_paid", status=200, body=_bytes(BATCH_ACTION_RESULT))
    process = await client.payouts.mark_as_paid(ids=[1, 2, 3])
    assert isinstance(process, BatchProcess)
    assert process.id == 12
    assert process.succeeded is False
    assert process.failed_count == 1
    assert process.progress == 100
    assert process.processing_errors == [{"id": 3, "message": "Payout 3 is cancelled"}]


async def test_referral_batch_answer_through_the_client(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    done = {**BATCH_PROCESS_EXAMPLE, "status": "completed", "progress": 100, "meta": {}}
    fake.inject("/company/referrals", method="DELETE", status=200, body=_bytes(done))
    process = await client.referrals.delete(ids=[1, 2])
    assert process.succeeded
    assert process.action_label == "referral/delete"


# -- payouts -----------------------------------------------------------------------------------

PAYOUT_METHOD: dict[str, Any] = {
    "id": 4,
    "method": "paypal",
    "date_added": "2025-01-02T03:04:05.000Z",
    "is_disabled": False,
    "meta": {"verified": True},
    "is_selected": True,
    "details": {"email": "payee@example.com"},
    "managed_payouts": False,
}

PAYOUT_FULL: dict[str, Any] = {
    "id": 55,
    "status": "completed",
    "amount": 125.5,
    "payments_batch_id": 6,
    "tax_rate": 20.0,
    "unit": "cash",
    "period_start": "2025-02-01T00:00:00.000Z",
    "period_end": "2025-02-28T23:59:59.999Z",
    "paid_at": "2025-03-30T12:00:00.000Z",
    "processing_started_at": "2025-03-30T11:59:00.000Z",
    "failed_at": None,
    "error": None,
    "total_incl_tax": 150.6,
    "created_at": STAMP,
    "payout_method": PAYOUT_METHOD,
    "promoter": {"id": 5, "email": "promoter@example.com", "name": "Pat Promoter"},
    "campaign": {"id": 3, "name": "Partners", "color": "#ff9800"},
}

# what the fake and most answers carry: integer cents, no batch, no method
PAYOUT_SPARSE: dict[str, Any] = {
    "id": 56,
    "status": "failed",
    "amount": 3000,
    "payments_batch_id": None,
    "tax_rate": 0,
    "unit": "cash",
    "period_start": None,
    "period_end": None,
    "paid_at": None,
    "processing_started_at": None,
    "failed_at": STAMP,
    "error": "Payee account closed",
    "total_incl_tax": 3000,
    "created_at": STAMP,
    "payout_method": None,
    "promoter": {"id": 6, "email": "other@example.com", "name": "Other"},
    "campaign": {"id": 3, "name": "Partners", "color": None},
}

PAYOUT_TERMS: dict[str, Any] = {
    "net_payout_days": 15,
    "payout_cycle": "monthly",
    "min_payment": 5000,
    "min_paying_customers": 1,
    "terms_description": "Net 15, minimum $50",
    "selected_payout_methods": ["paypal", "wise"],
    "payout_method_options": {"paypal": {"fees": "sender"}},
    "managed_payouts": True,
}

PAYOUT_STATS: dict[str, Any] = {
    "meta": PAYOUT_TERMS,
    "data": {
        "by_paid_period": [
            {
                "period_start": "2025-02-01T00:00:00.000Z",
                "period_end": "2025-02-28T23:59:59.999Z",
                "promoters_count": 4,
                "amounts": {"cash": 1250.75, "points": 30},
                "total_incl_tax": 1400.5,
            }
        ],
        "by_status": {
            "pending": {"amounts": {"cash": 99.5}, "total_incl_tax": 99.5, "promoters_count": 2},
            "completed": {
                "amounts": {"cash": 1250.75},
                "total_incl_tax": 1400.5,
                "promoters_count": 4,
            },
        },
        "by_payout_method": {
            "paypal": {"amounts": {"cash": 1000}, "total_incl_tax": 1100, "promoters_count": 3},
        },
    },
}

PAYOUT_DUE_STATS: dict[str, Any] = {
    "meta": PAYOUT_TERMS,
    "data": {
        "next": {
            "promoters_count": 3,
            "amounts": {"cash": 420.0},
            "total_incl_tax": 504.0,
            "due_date": "2025-04-15",
            "period_end": "2025-03-31",
        },
        "overdue": {
            "promoters_count": 1,
            "amounts": {"cash": 80},
            "total_incl_tax": 80,
            "due_date": "2025-03-15",
            "period_end": "2025-02-28",
        },
        "custom": {"promoters_count": 0, "amounts": {}, "total_incl_tax": 0},
    },
}

PAYOUTS_GROUPED: dict[str, Any] = {
    "data": [
        {
            "promoter": {
                "id": 5,
                "email": "promoter@example.com",
                "name": "Pat Promoter",
                "invoice_details_status": "approved",
                "fraud_suspicions": ["same_ip_suspicion"],
                "profile": {"invoice_details_validation_errors": {"vat_id": ["is invalid"]}},
            },
            "payout_method": PAYOUT_METHOD,
            "payouts": [PAYOUT_FULL],
            "is_amount_payable": True,
            "payout_ids": [55],
            "amount": 125.5,
            "total_incl_tax": 150.6,
        }
    ],
    "meta": {
        "total": 125.5,
        "promoters_count": 1,
        "total_incl_tax": 150.6,
        "due_date": "2025-04-15",
        "period_end": "2025-03-31",
    },
}

PAYMENTS_BATCH: dict[str, Any] = {
    "data": {
        "id": 6,
        "status": "awaiting_confirmation",
        "ext_reference": "PP-BATCH-6",
        "ext_id": "ext_6",
        "scheduled_at": "2025-04-01T09:00:00.000Z",
        "processing_started_at": None,
        "completed_at": None,
        "is_payable": True,
        "is_retriable": False,
        "is_payment_otp_required": True,
        "total": 125.5,
        "promoters_count": 1,
        "error": None,
    },
    "meta": {"failed": [{"promoter_id": 6, "error": "No PayPal email"}]},
}


def test_payout_full_payload() -> None:
    payout = decode(_bytes(PAYOUT_FULL), Payout)
    assert payout.amount == 125.5
    assert payout.tax_rate == 20.0
    assert payout.total_incl_tax == 150.6
    assert payout.period_start == dt.datetime(2025, 2, 1, tzinfo=UTC)
    assert payout.period_end == dt.datetime(2025, 2, 28, 23, 59, 59, 999000, tzinfo=UTC)
    assert payout.paid_at == dt.datetime(2025, 3, 30, 12, tzinfo=UTC)
    assert payout.created_at == STAMP_DT
    method = payout.payout_method
    assert method is not None
    assert method.method == "paypal"
    assert method.date_added == dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert method.details == {"email": "payee@example.com"}
    assert method.is_selected is True
    assert payout.promoter is not None
    assert payout.promoter.name == "Pat Promoter"
    assert payout.campaign is not None
    assert payout.campaign.id == 3


def test_payout_sparse_payload_with_integer_amounts() -> None:
    payout = decode(_bytes(PAYOUT_SPARSE), Payout)
    assert payout.amount == 3000
    assert isinstance(payout.amount, int)
    assert payout.payout_method is None
    assert payout.period_start is None
    assert payout.failed_at == STAMP_DT
    assert payout.error == "Payee account closed"


async def test_payout_list_through_the_client(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/payouts", status=200, body=_bytes([PAYOUT_FULL, PAYOUT_SPARSE]))
    payouts = [p async for p in client.payouts.list(per_page=10)]
    assert [p.id for p in payouts] == [55, 56]
    assert payouts[0].payments_batch_id == 6


def test_payout_stats_payload() -> None:
    stats = decode(_bytes(PAYOUT_STATS), PayoutStats)
    assert stats.meta is not None
    assert stats.meta.net_payout_days == 15
    assert stats.meta.selected_payout_methods == ["paypal", "wise"]
    assert stats.meta.managed_payouts is True
    assert stats.data is not None
    assert stats.data.by_paid_period is not None
    period = stats.data.by_paid_period[0]
    assert period.period_start == dt.datetime(2025, 2, 1, tzinfo=UTC)
    assert period.amounts == {"cash": 1250.75, "points": 30}
    assert stats.data.by_status is not None
    assert stats.data.by_status["completed"].promoters_count == 4
    assert stats.data.by_payout_method is not None
    assert stats.data.by_payout_method["paypal"].total_incl_tax == 1100


def test_payout_due_stats_payload() -> None:
    due = decode(_bytes(PAYOUT_DUE_STATS), PayoutDueStats)
    assert due.data is not None
    assert due.data.next is not None
    assert due.data.next.due_date == dt.date(2025, 4, 15)
    assert due.data.next.period_end == dt.date(2025, 3, 31)
    assert due.data.overdue is not None
    assert due.data.overdue.amounts == {"cash": 80}
    assert due.data.custom is not None
    assert due.data.custom.due_date is None
    assert due.meta is not None
    assert due.meta.min_payment == 5000


def test_payouts_grouped_by_promoters_payload() -> None:
    grouped = decode(_bytes(PAYOUTS_GROUPED), PayoutsGroupedByPromoters)
    (group,) = grouped.data
    assert group.promoter is not None
    assert group.promoter.fraud_suspicions == ["same_ip_suspicion"]
    assert group.promoter.profile is not None
    assert group.promoter.profile.invoice_details_validation_errors == {"vat_id": ["is invalid"]}
    assert group.payout_method is not None
    assert group.payout_method.id == 4
    assert group.payouts is not None
    assert isinstance(group.payouts[0], Payout)
    assert group.payouts[0].paid_at == dt.datetime(2025, 3, 30, 12, tzinfo=UTC)
    assert group.payout_ids == [55]
    assert grouped.meta is not None
    assert grouped.meta.due_date == dt.date(2025, 4, 15)
    assert grouped.meta.total == 125.5


def test_payments_batch_payload() -> None:
    result = decode(_bytes(PAYMENTS_BATCH), PaymentsBatchResult)
    batch = result.data
    assert batch.status == "awaiting_confirmation"
    assert batch.scheduled_at == dt.datetime(2025, 4, 1, 9, tzinfo=UTC)
    assert batch.completed_at is None
    assert batch.is_payment_otp_required is True
    assert batch.total == 125.5
    assert result.meta is not None
    assert result.meta.failed == [{"promoter_id": 6, "error": "No PayPal email"}]


async def test_payments_batch_through_the_client(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.inject("/company/payouts/create_payments_batch", status=201, body=_bytes(PAYMENTS_BATCH))
    result = await client.payouts.create_payments_batch(method="paypal")
    assert result.data.id == 6
    assert result.data.ext_reference == "PP-BATCH-6"
