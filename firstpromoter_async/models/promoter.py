"""Promoters (affiliates) and what is embedded in them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model
from .common import CampaignRef, PromoterRef


class PromoterProfile(Model):
    """A promoter's personal and invoicing details."""

    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    website: str | None = None
    company_name: str | None = None
    company_number: str | None = None
    phone_number: str | None = None
    vat_id: str | None = None
    country: str | None = None
    address: str | None = None
    avatar: str | None = None
    w8_form_url: str | None = None
    w9_form_url: str | None = None
    description: str | None = None
    invoice_details_validation_errors: dict[str, Any] | None = None
    should_validate_invoice_details: bool | None = None
    instagram_url: str | None = None
    youtube_url: str | None = None
    linkedin_url: str | None = None
    facebook_url: str | None = None
    twitter_url: str | None = None
    twitch_url: str | None = None
    tiktok_url: str | None = None


class PromoterStats(Model):
    clicks_count: int | None = None
    referrals_count: int | None = None
    sales_count: int | None = None
    customers_count: int | None = None
    revenue_amount: int | None = None
    active_customers_count: int | None = None


class PromoterCampaignMembership(Model):
    """A promoter's membership in one campaign, as embedded in a promoter."""

    id: int
    campaign_id: int | None = None
    promoter_id: int | None = None
    state: str | None = None
    """``pending``, ``accepted``, ``rejected``, ``blocked``, ``inactive`` or ``not_set``."""
    created_at: dt.datetime | None = None
    campaign: CampaignRef | None = None
    coupon: str | None = None
    ref_token: str | None = None
    ref_link: str | None = None


class PromoterBalances(Model):
    cash: float | None = None
    credits: float | None = None
    points: float | None = None
    free_months: float | None = None
    discount: float | None = None


class PromoterPayoutMethod(Model):
    id: int
    method: str | None = None
    """e.g. ``paypal``, ``bank``, ``wise``, ``crypto``, ``custom``, ``dots``."""
    date_added: dt.datetime | None = None
    is_disabled: bool | None = None


class PromoterParent(PromoterRef):
    """The promoter above this one (``Promoter.parent_promoter``)."""


class Promoter(PromoterRef):
    """A promoter (affiliate)."""

    cust_id: str | None = None
    note: str | None = None
    stats: PromoterStats | None = None
    is_customized: bool | None = None
    fraud_suspicions: list[str] | None = None
    is_confirmed: bool | None = None
    invoice_details_status: str | None = None
    profile: PromoterProfile | None = None
    joined_at: dt.datetime | None = None
    last_login_at: dt.datetime | None = None
    archived_at: dt.datetime | None = None
    custom_fields: dict[str, Any] | None = None
    password_setup_url: str | None = None
    first_event_at: dt.datetime | None = None
    promoter_campaigns: list[PromoterCampaignMembership] | None = None
    balances: PromoterBalances | None = None
    track_ad_traffic: bool | None = None
    auth_provider: str | None = None
    selected_payout_method: PromoterPayoutMethod | None = None
    parent_promoter: PromoterParent | None = None


class PromoterChartData(Model):
    """Chart series of one promoter over a period."""

    period_from: dt.date | None = None
    period_to: dt.date | None = None
    selection: str | None = None
    selection_items: list[Any] | None = None
    group_by: str | None = None
