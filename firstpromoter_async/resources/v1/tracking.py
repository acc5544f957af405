"""v1 tracking: signups, sales, refunds and cancellations (``wid``)."""

from __future__ import annotations

from ..._resource import APIResource

__all__ = ["V1Tracking"]


class V1Tracking(APIResource):
    """v1 tracking: signups, sales, refunds and cancellations (``wid``)."""

    _api = "v1"
