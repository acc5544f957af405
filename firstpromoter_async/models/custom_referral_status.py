"""Custom referral statuses (admin API ``/custom_referral_statuses``)."""

from __future__ import annotations

import datetime as dt

from ._base import Model


class CustomReferralStatus(Model):
    """A status of the account's own, shown on referrals in ``order``."""

    id: int
    name: str | None = None
    description: str | None = None
    order: int | None = None
    company_id: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
