"""v1 payouts: what a promoter was (or will be) paid, with the campaign it belongs to."""

from __future__ import annotations

import datetime as dt

from ._base import Model
from .v1_promoter import V1Promoter, V1PromotionReward


class V1Campaign(Model):
    """A campaign as v1 payouts embed it."""

    id: int
    name: str | None = None
    landing_url: str | None = None
    description: str | None = None
    private: bool | None = None
    color: str | None = None
    default_webhook_url: str | None = None
    auto_approve_rewards: bool | None = None
    auto_approve_promoters: bool | None = None


class V1Payout(Model):
    """A payout: ``status`` is ``pending``, ``processing`` or ``completed``; ``amount`` in
    cents when ``unit`` is ``cash``. ``reward`` is ``null`` on the create answer."""

    id: int
    status: str | None = None
    amount: int | float | None = None
    date_paid: dt.datetime | None = None
    due_date: dt.datetime | None = None
    unit: str | None = None
    created_at: dt.datetime | None = None
    has_issues: bool | None = None
    reward: V1PromotionReward | None = None
    promoter: V1Promoter | None = None
    campaign: V1Campaign | None = None
