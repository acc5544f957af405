"""Rewards (``/company/rewards``)."""

from __future__ import annotations

import datetime as dt

from ._base import Model
from .common import RewardRef


class RewardRule(Model):
    """A condition on a reward schema, e.g. ``customer_sales_count`` ``greater than`` 3."""

    type: str | None = None
    condition: str | None = None
    filter_by: str | None = None
    value: int | float | None = None
    operator: str | None = None


class RewardSchema(Model):
    unit: str | None = None
    amount: int | float | None = None
    flat_amount: bool | None = None
    rules: list[RewardRule] | None = None


class Reward(RewardRef):
    """A reward for promoters (``sale``, ``tier``, ``target``) or for referrals (a coupon)."""

    is_promoter_reward: bool | None = None
    promoter_reward_type: str | None = None
    coupon: str | None = None
    editable: bool | None = None
    hide_reward: bool | None = None
    provider_coupon_id: str | None = None
    duration: str | None = None
    duration_in_months: int | None = None
    max_redemptions: int | None = None
    new_customers_only: bool | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    provider: str | None = None
    tier_reward_mode: str | None = None
    tier_level: int | None = None
    schemas: list[RewardSchema] | None = None
