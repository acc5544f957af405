"""v1 rewards: what a promoter earned (the v2 API calls them commissions)."""

from __future__ import annotations

import datetime as dt

from ._base import Model
from .v1_lead import V1Lead
from .v1_promoter import V1Promoter, V1Promotion


class V1Reward(Model):
    """A reward earned by a promoter.

    ``status`` is ``approved``, ``pending`` or ``denied``; ``unit`` is ``cash`` (``amount`` in
    cents), ``credits``, ``points``, ``free_months``, ``discount_per`` or ``discount_mon``.
    ``conversion_amount`` is the sale amount (cents) the reward was computed from.
    """

    id: int
    status: str | None = None
    amount: int | float | None = None
    unit: str | None = None
    created_at: dt.datetime | None = None
    event_id: str | None = None
    conversion_amount: int | None = None
    tier_level: int | None = None
    split_type: str | None = None
    lead: V1Lead | None = None
    promoter: V1Promoter | None = None
    promotion: V1Promotion | None = None
