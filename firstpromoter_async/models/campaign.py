"""Campaigns (``/company/campaigns``)."""

from __future__ import annotations

from ._base import Model
from .common import CampaignRef
from .promoter_campaign import PromoterCampaignReward


class CampaignStats(Model):
    referrals_count: int | None = None
    sales_count: int | None = None
    customers_count: int | None = None
    promoters_count: int | None = None
    revenue_amount: int | float | None = None


class CampaignUpgrade(Model):
    """Where promoters move once they reach ``amount`` of ``metric``."""

    campaign_id: int | None = None
    amount: int | float | None = None
    metric: str | None = None
    """``customers``, ``revenue`` or ``active_customers`` (only answers name the last)."""
    move_referrals_on_level_change: bool | None = None


class CampaignLink(Model):
    id: int | None = None
    name: str | None = None
    url: str | None = None


class Campaign(CampaignRef):
    """A campaign: its landing page, cookie, approvals and rewards."""

    stats: CampaignStats | None = None
    landing_url: str | None = None
    visitor_cookie_life: int | None = None
    ref_token_param: str | None = None
    auto_approve_leads: bool | None = None
    track_ad_traffic: str | None = None
    auto_approve_promoters: bool | None = None
    is_private: bool | None = None
    is_default: bool | None = None
    upgrade_details: CampaignUpgrade | None = None
    signup_url: str | None = None
    links: list[CampaignLink] | None = None
    rewards_for_promoters: list[PromoterCampaignReward] | None = None
    rewards_for_referrals: list[PromoterCampaignReward] | None = None
