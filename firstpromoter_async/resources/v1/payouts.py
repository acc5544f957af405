"""v1 payouts: list, create and settle what promoters are paid."""

from __future__ import annotations

from typing import Literal

from ..._fields import Email, Id, Paging, Unpack
from ..._operation import op
from ..._pagination import AsyncPaginator
from ..._resource import APIResource
from ...models.v1_payout import V1Payout
from ._rules import identified

__all__ = ["V1Payouts"]

PayoutStatus = Literal["pending", "processing", "completed"]


class V1Payouts(APIResource):
    """v1 payouts (``/payouts/...``)."""

    _api = "v1"  # lists walk pages with v1's credentials

    @op("GET", "/payouts/list", api="v1")
    def list(
        self,
        *,
        promoter_id: Id | None = None,
        campaign_id: Id | None = None,
        status: PayoutStatus | None = None,
        **paging: Unpack[Paging],
    ) -> AsyncPaginator[V1Payout]:
        """The payouts of a promoter, a campaign or the account; pages as the other v1 lists
        (the ``Link`` header; a single answer ends the walk). Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

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
