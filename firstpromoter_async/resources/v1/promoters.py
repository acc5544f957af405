"""v1 promoters."""

from __future__ import annotations

from ..._resource import APIResource

__all__ = ["V1Promoters"]


class V1Promoters(APIResource):
    """v1 promoters."""

    _api = "v1"
