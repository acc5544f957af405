"""Small objects embedded in many responses."""

from __future__ import annotations

from ._base import Model

__all__ = ["CampaignRef", "PromoterRef", "ReferralRef", "RewardRef"]


class CampaignRef(Model):
    """A campaign as embedded in other objects."""

    id: int
    name: str | None = None
    color: str | None = None


class PromoterRef(Model):
    """A promoter as embedded in other objects."""

    id: int
    email: str | None = None
    name: str | None = None


class ReferralRef(Model):
    """A referral as embedded in other objects."""

    id: int
    email: str | None = None
    uid: str | None = None


class RewardRef(Model):
    """A reward as embedded in other objects."""

    id: int
    name: str | None = None
