"""The v1 API: ``x-api-key`` auth, form-encoded parameters, under ``client.v1``."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .leads import V1Leads
from .payouts import V1Payouts
from .promoters import V1Promoters
from .reports import V1Reports
from .rewards import V1Rewards
from .tracking import V1Tracking

if TYPE_CHECKING:
    from ..._client import AsyncFirstPromoter

__all__ = ["V1", "V1Leads", "V1Payouts", "V1Promoters", "V1Reports", "V1Rewards", "V1Tracking"]


class V1:
    """The v1 resources: ``tracking``, ``promoters``, ``leads``, ``rewards``, ``payouts``,
    ``reports``."""

    def __init__(self, client: AsyncFirstPromoter) -> None:
        self._client = client

    def __repr__(self) -> str:
        return "<V1 namespace>"

    @cached_property
    def tracking(self) -> V1Tracking:
        """v1 tracking of signups, sales, refunds and cancellations."""
        return V1Tracking(self._client)

    @cached_property
    def promoters(self) -> V1Promoters:
        """v1 promoters."""
        return V1Promoters(self._client)

    @cached_property
    def leads(self) -> V1Leads:
        """v1 leads."""
        return V1Leads(self._client)

    @cached_property
    def rewards(self) -> V1Rewards:
        """v1 rewards."""
        return V1Rewards(self._client)

    @cached_property
    def payouts(self) -> V1Payouts:
        """v1 payouts."""
        return V1Payouts(self._client)

    @cached_property
    def reports(self) -> V1Reports:
        """v1 reports."""
        return V1Reports(self._client)
