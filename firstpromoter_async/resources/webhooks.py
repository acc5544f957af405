"""Webhook subscriptions and their deliveries."""

from __future__ import annotations

from .._resource import APIResource

__all__ = ["Webhooks"]


class Webhooks(APIResource):
    """Webhook subscriptions and their deliveries."""
