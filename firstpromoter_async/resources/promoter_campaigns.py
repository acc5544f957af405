"""A promoter's membership in a campaign."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["PromoterCampaigns"]


class PromoterCampaigns(APIResource):
    """A promoter's membership in a campaign."""
