"""v1 rewards."""

from __future__ import annotations

from ..._resource import APIResource

__all__ = ["V1Rewards"]


class V1Rewards(APIResource):
    """v1 rewards."""

    _api = "v1"
