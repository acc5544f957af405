"""What the v2 tracking calls (``/track/...``) answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model
from .commission import Commission
from .common import ReferralRef


class TrackingLead(Model):
    """The referral (lead or customer) a tracked event belongs to.

    ``state`` is e.g. ``signup``, ``active``, ``cancelled``, ``refunded``.
    """

    id: int
    state: str | None = None
    email: str | None = None
    uid: str | None = None
    customer_since: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    plan_name: str | None = None
    suspicion: str | None = None
    username: str | None = None
    website: str | None = None
    created_at: dt.datetime | None = None
    split_promotion_id: int | str | None = None
    custom_fields: Any = None
    split_percentage_value: int | float | str | None = None
    visitor_sub_id: str | None = None


class TrackingPromoter(Model):
    """The promoter credited with a tracked event (the short and the long shape)."""

    id: int
    email: str | None = None
    name: str | None = None
    status: str | None = None
    cust_id: str | None = None
    created_at: dt.datetime | None = None
    temp_password: str | None = None
    default_promotion_id: int | None = None
    pref: str | None = None
    default_ref_id: str | None = None
    note: str | None = None
    w8_form_url: str | None = None
    w9_form_url: str | None = None
    parent_promoter_id: int | None = None
    earnings_balance: dict[str, int | float] | None = None
    current_balance: dict[str, int | float] | None = None
    paid_balance: dict[str, int | float] | None = None
    auth_token: str | None = None


class TrackingReward(Model):
    """The (negative) reward a refund generated; amounts in cents."""

    id: int
    status: str | None = None
    amount: int | float | None = None
    unit: str | None = None
    created_at: dt.datetime | None = None
    lead: TrackingLead | None = None
    event_id: str | None = None
    conversion_amount: int | None = None
    tier_level: int | None = None
    split_type: str | None = None


class TrackingEvent(Model):
    """A tracked signup, sale, refund or cancellation.

    Signups and sales answer with ``etype``, ``sale_amount``, ``referral`` and the
    ``commissions`` generated; refunds and cancellations with ``type``, ``amount_cents``,
    ``reward``, ``lead`` and ``promoter``. Fields of the other shape are ``None``.
    Amounts are in cents.
    """

    id: int
    etype: str | None = None
    type: str | None = None
    sale_amount: int | None = None
    original_sale_amount: int | None = None
    original_sale_currency: str | None = None
    event_id: str | None = None
    plan_id: str | int | None = None
    billing_period: str | None = None
    created_at: dt.datetime | None = None
    referral: ReferralRef | None = None
    commissions: list[Commission] | None = None
    amount_cents: int | None = None
    reward: TrackingReward | None = None
    lead: TrackingLead | None = None
    promoter: TrackingPromoter | None = None

    @property
    def kind(self) -> str | None:
        """``signup``, ``sale``, ``refund`` or ``cancellation``, whichever field holds it."""
        return self.etype or self.type
