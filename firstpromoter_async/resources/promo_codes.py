"""Promo codes attached to promoters."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["PromoCodes"]


class PromoCodes(APIResource):
    """Promo codes attached to promoters."""
