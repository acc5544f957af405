"""Referrals: the leads and customers promoters bring in."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["Referrals"]


class Referrals(APIResource):
    """Referrals: the leads and customers promoters bring in."""
