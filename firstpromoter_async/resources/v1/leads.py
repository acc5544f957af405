"""v1 leads."""

from __future__ import annotations

from ..._resource import APIResource

__all__ = ["V1Leads"]


class V1Leads(APIResource):
    """v1 leads."""

    _api = "v1"
