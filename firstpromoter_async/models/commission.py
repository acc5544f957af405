"""Commissions: what promoters earn on sales, or custom rewards."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model
from .common import CampaignRef, PromoterRef, ReferralRef, RewardRef


class CommissionPromoterCampaign(Model):
    id: int
    campaign_id: int | None = None
    promoter_id: int | None = None
    created_at: dt.datetime | None = None
    promoter: PromoterRef | None = None
    campaign: CampaignRef | None = None


class Commission(Model):
    """A commission.

    ``status`` is ``pending``, ``approved`` or ``denied``; ``unit`` is ``cash``, ``credits``,
    ``points``, ``free_months``, ``mon_discount`` or ``discount_per``; amounts are in cents.
    """

    id: int
    status: str | None = None
    metadata: dict[str, Any] | None = None
    is_self_referral: bool | None = None
    commission_type: str | None = None
    created_by_user_email: str | None = None
    created_by_user_at: dt.datetime | None = None
    sale_amount: int | None = None
    original_sale_amount: int | None = None
    original_sale_currency: str | None = None
    event_id: str | None = None
    plan_id: str | int | None = None
    tier: int | None = None
    internal_note: str | None = None
    external_note: str | None = None
    unit: str | None = None
    fraud_check: str | None = None
    amount: int | None = None
    is_paid: bool | None = None
    is_split: bool | None = None
    is_fulfilled: bool | None = None
    created_at: dt.datetime | None = None
    status_updated_at: dt.datetime | None = None
    promoter_campaign: CommissionPromoterCampaign | None = None
    referral: ReferralRef | None = None
    reward: RewardRef | None = None
    split_details: dict[str, Any] | None = None
