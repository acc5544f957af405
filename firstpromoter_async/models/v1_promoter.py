"""v1 promoters, their promotions (one per campaign) and the small answers of the v1 API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model


class V1PromotionReward(Model):
    """A reward rule as embedded in a promotion (``current_offer``, ``current_referral_reward``
    ...) or in a promo code. ``unit`` is e.g. ``cash``, ``credits``, ``points``, ``free_months``.
    """

    id: int | None = None
    name: str | None = None
    amount: int | float | None = None
    type: str | None = None
    unit: str | None = None
    per_of_sale: int | float | None = None
    default_promo_code: str | None = None


class V1Promotion(Model):
    """A promoter's promotion: their membership of one campaign, with its referral id and link.

    ``target_reached_at`` is a timestamp, or an empty object when never reached.
    """

    id: int
    status: str | None = None
    ref_id: str | None = None
    promo_code: str | None = None
    customer_promo_code: str | None = None
    target_reached_at: dt.datetime | dict[str, Any] | None = None
    promoter_id: int | None = None
    campaign_id: int | None = None
    referral_link: str | None = None
    current_offer: V1PromotionReward | None = None
    current_referral_reward: V1PromotionReward | None = None
    current_promotion_reward: V1PromotionReward | None = None
    current_target_reward: V1PromotionReward | None = None
    campaign_name: str | None = None
    hidden: bool | None = None
    visitors_count: int | None = None
    leads_count: int | None = None
    customers_count: int | None = None
    refunds_count: int | None = None
    cancellations_count: int | None = None
    sales_count: int | None = None
    sales_total: int | float | None = None
    refunds_total: int | float | None = None
    active_customers_count: int | None = None


class V1SocialAccount(Model):
    url: str | None = None


class V1SocialAccounts(Model):
    """A promoter's social profiles (each ``{"url": ...}``)."""

    twitter: V1SocialAccount | None = None
    youtube: V1SocialAccount | None = None
    facebook: V1SocialAccount | None = None
    linkedin: V1SocialAccount | None = None
    instagram: V1SocialAccount | None = None


class V1PromoterProfile(Model):
    """A v1 promoter's personal details."""

    id: int | None = None
    first_name: str | None = None
    last_name: str | None = None
    website: str | None = None
    company_name: str | None = None
    phone_number: str | None = None
    address: str | None = None
    vat_id: str | None = None
    country: str | None = None
    paypal_email: str | None = None
    avatar_url: str | None = None
    description: str | None = None
    social_accounts: V1SocialAccounts | None = None


class V1PromoCode(Model):
    """A promo code assigned to a promoter."""

    id: int
    code: str | None = None
    reward: V1PromotionReward | None = None


class V1Promoter(Model):
    """A promoter as the v1 API shows it.

    Balances map a unit (``cash`` in cents, ``credits``, ``points``, ``free_months``,
    ``discount_per`` ...) to an amount; they are ``None`` while the promoter earned nothing.
    Embedded in leads, rewards and tracking events without ``profile`` and ``promotions``.
    """

    id: int
    status: str | None = None
    cust_id: str | None = None
    email: str | None = None
    created_at: dt.datetime | None = None
    temp_password: str | None = None
    default_promotion_id: int | None = None
    pref: str | None = None
    default_ref_id: str | None = None
    note: str | None = None
    w8_form_url: str | None = None
    w9_form_url: str | None = None
    parent_promoter_id: int | str | None = None
    earnings_balance: dict[str, int | float] | None = None
    current_balance: dict[str, int | float] | None = None
    paid_balance: dict[str, int | float] | None = None
    auth_token: str | None = None
    profile: V1PromoterProfile | None = None
    promotions: list[V1Promotion] | None = None
    custom_fields: dict[str, Any] | None = None
    promo_codes: list[V1PromoCode] | None = None


class V1AuthToken(Model):
    """The answer of ``v1.promoters.refresh_token``: the promoter's new ``auth_token``."""

    auth_token: str


class V1Message(Model):
    """A confirmation such as ``{"message": "Promoter removed"}``."""

    message: str | None = None
