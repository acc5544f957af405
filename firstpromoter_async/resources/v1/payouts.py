"""v1 payouts: list, create and settle what promoters are paid."""

from __future__ import annotations

import builtins
from typing import Literal

from ..._fields import Email, Id
from ..._operation import op
from ..._resource import APIResource
from ...models.v1_payout import V1Payout
from ._rules import identified

__all__ = ["V1Payouts"]

PayoutStatus = Literal["pending", "processing", "completed"]


class V1Payouts(APIResource):
    """v1 payouts (``/payouts/...``)."""

    @op("GET", "/payouts/list", api="v1")
    async def list(
        self,
        *,
        promoter_id: Id | None = None,
        campaign_id: Id | None = None,
        status: PayoutStatus | None = None,
    ) -> builtins.list[V1Payout]:
        """The payouts of a promoter, a campaign or the account (one answer: the vendor
        documents no pages)."""
        return await self._call(self.list, locals())

    @op("POST", "/payouts/create", api="v1", checks=[identified("promoter_email", "promoter_id")])
    async def create(
        self,
        *,
        promoter_email: Email | None = None,
        promoter_id: Id | None = None,
        status: PayoutStatus | None = None,
        campaign_id: Id | None = None,
    ) -> V1Payout:
        """A payout of a promoter's whole unpaid amount (in ``campaign_id``, else their
        default campaign). Not retried after a server error."""
        return await self._call(self.create, locals())

    @op("PUT", "/payouts/update", api="v1", checks=[identified("id", changes=True)])
    async def update(self, *, id: Id, status: PayoutStatus | None = None) -> V1Payout:
        """Change a payout's ``status`` (e.g. ``completed`` once paid)."""
        return await self._call(self.update, locals())
