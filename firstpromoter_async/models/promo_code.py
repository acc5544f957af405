"""Promo codes: coupon codes (Stripe promotion codes) tied to a promoter's campaign membership."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model
from .common import RewardRef


class PromoCode(Model):
    """A promo code.

    ``promoter_campaign_id`` is the membership (promoter in a campaign) the code credits;
    ``ext_id`` is the code's id at the billing provider; ``archived_at`` is set once archived.
    """

    id: int
    code: str | None = None
    reward: RewardRef | None = None
    ext_id: str | None = None
    description: str | None = None
    company_id: int | None = None
    promoter_campaign_id: int | None = None
    metadata: dict[str, Any] | None = None
    details: dict[str, Any] | None = None
    archived_at: dt.datetime | None = None
