"""Small objects embedded in many responses: a campaign, promoter, referral or reward by id."""

from __future__ import annotations

from ._base import Model


class CampaignRef(Model):
    id: int
    name: str | None = None
    color: str | None = None


class PromoterRef(Model):
    id: int
    email: str | None = None
    name: str | None = None


class ReferralRef(Model):
    id: int
    email: str | None = None
    uid: str | None = None


class RewardRef(Model):
    id: int
    name: str | None = None
