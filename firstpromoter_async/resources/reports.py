"""Aggregated reports."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["Reports"]


class Reports(APIResource):
    """Aggregated reports."""
