"""Emails sent to promoters."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["Emails"]


class Emails(APIResource):
    """Emails sent to promoters."""
