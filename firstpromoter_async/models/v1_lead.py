"""v1 leads: people referred by promoters (the v2 API calls them referrals)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ._base import Model
from .v1_promoter import V1Promoter, V1Promotion


class V1Lead(Model):
    """A lead or customer.

    ``state`` is ``signup``, ``subscribed``, ``active``, ``denied`` or ``cancelled``; some
    answers call it ``status``. ``promotion`` and ``promoter`` say who referred the lead; they
    are left out where the lead is itself embedded (rewards, tracking events).
    """

    id: int
    state: str | None = None
    status: str | None = None
    email: str | None = None
    uid: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    customer_since: dt.datetime | None = None
    cancelled_at: dt.datetime | None = None
    plan_name: str | None = None
    suspicion: str | None = None
    username: str | None = None
    website: str | None = None
    created_at: dt.datetime | None = None
    split_promotion_id: int | str | None = None
    custom_fields: dict[str, Any] | str | None = None
    split_percentage_value: int | float | str | None = None
    visitor_sub_id: str | int | None = None
    promotion: V1Promotion | None = None
    promoter: V1Promoter | None = None
