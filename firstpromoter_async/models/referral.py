"""Referrals: the leads and customers promoters bring in, and the filters to find them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from ._base import Model
from .common import ReferralRef
from .promoter_campaign import _Membership


class ReferralSplit(Model):
    """One split partner of a referral's commissions."""

    promoter_campaign_id: int | None = None
    """The partner's campaign enrollment (``promoter_campaign.id``), not the campaign id."""
    promoter_id: int | None = None
    percentage: int | float | None = None
    """Percent of each commission the partner receives."""


class ReferralCustomStatus(Model):
    """A custom referral status assigned to a referral."""

    id: int
    name: str | None = None
    color: str | None = None
    description: str | None = None
    order: int | None = None
    """Display order (ascending)."""
    company_id: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class ReferralPromoterCampaign(_Membership[dict[str, Any], dict[str, Any], Any]):
    """The promoter-in-campaign enrollment a referral belongs to."""


class Referral(ReferralRef):
    """A referral (a lead, or a customer once it pays).

    ``state`` is ``subscribed``, ``signup``, ``active``, ``cancelled``, ``refunded``,
    ``denied``, ``pending`` or ``moved``; ``entry_source`` is ``api``, ``coupon``, ``cookie``,
    ``manual_admin`` or ``manual_affiliate``; ``fraud_check`` is ``no_suspicion``,
    ``same_ip_suspicion``, ``same_promoter_email`` or ``ad_source``.
    """

    state: str | None = None
    metadata: dict[str, Any] | None = None
    entry_source: str | None = None
    created_at: dt.datetime | None = None
    customer_since: dt.datetime | None = None
    promoter_campaign: ReferralPromoterCampaign | None = None
    fraud_check: str | None = None
    created_by_user_email: str | None = None
    username: str | None = None
    split_details: list[ReferralSplit] | None = None
    first_name: str | None = None
    last_name: str | None = None
    website: str | None = None
    comment: str | None = None
    is_expired: bool | None = None
    custom_status: ReferralCustomStatus | None = None
    # fields of the same referral in its ``Lead`` shape (as the tracking endpoints show it)
    cancelled_at: dt.datetime | None = None
    plan_name: str | None = None
    suspicion: str | None = None
    """The ``fraud_check`` of the ``Lead`` shape."""


# -- request filters ---------------------------------------------------------------------------


class DateRange(msgspec.Struct, kw_only=True, omit_defaults=True):
    """A date range filter, sent as ``{"from": ..., "to": ...}`` (both ends optional)."""

    from_: dt.date | str | None = msgspec.field(default=None, name="from")
    to: dt.date | str | None = None


class ReferralFilters(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Typed ``filters`` for ``referrals.list``; fields left at ``None`` are not sent.

    A plain mapping with the same keys works as well.
    """

    type: str | None = None
    """``lead`` or ``customer``."""
    state: str | None = None
    """``subscribed``, ``signup``, ``active``, ``cancelled``, ``refunded``, ``denied``,
    ``pending`` or ``moved``."""
    promoter_id: int | str | None = None
    campaign_id: int | list[int] | None = None
    created_at: DateRange | None = None
    customer_since: DateRange | None = None
    cancelled_at: DateRange | None = None
    entry_source: list[str] | None = None
    """Any of ``api``, ``coupon``, ``cookie``, ``manual_admin``, ``manual_affiliate``."""
    fraud_check: list[str] | None = None
    """Any of ``no_suspicion``, ``same_ip_suspicion``, ``same_promoter_email``, ``ad_source``."""
    plan_id: int | str | list[int | str] | None = None
