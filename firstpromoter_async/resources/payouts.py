"""Payouts: what is owed and paid to promoters."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["Payouts"]


class Payouts(APIResource):
    """Payouts: what is owed and paid to promoters."""
