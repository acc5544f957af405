"""v2 tracking: signups, sales, refunds and cancellations."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["Tracking"]


class Tracking(APIResource):
    """v2 tracking: signups, sales, refunds and cancellations."""
