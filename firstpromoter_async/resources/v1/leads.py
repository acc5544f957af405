"""v1 leads: assign, find, change and remove the leads and customers promoters referred."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ..._fields import Email, Id, Unpack
from ..._operation import op
from ..._pagination import AsyncPaginator
from ..._resource import APIResource
from ...models.v1_lead import V1Lead
from ...models.v1_promoter import V1Message
from ._rules import RefId, Text, V1Listing, identified

__all__ = ["V1Leads"]

LeadState = Literal["signup", "subscribed", "active", "denied", "cancelled"]
_FIND = identified("id", "uid", "email")


class V1Leads(APIResource):
    """v1 leads and customers (``/leads/...``), found by ``id``, ``uid`` or ``email``."""

    _api = "v1"  # lists walk pages with v1's credentials

    @op("GET", "/leads/list", api="v1")
    def list(self, **listing: Unpack[V1Listing]) -> AsyncPaginator[V1Lead]:
        """Leads and customers of a promotion (``promotion_id`` or ``ref_id``), a promoter, a
        campaign or the account; the pages follow the answer's ``Link`` header. Keywords:
        ``V1Listing``."""
        return self._paginate(self.list, locals())

    @op("POST", "/leads/create", api="v1", checks=[identified("promotion_id", "ref_id")])
    async def create(
        self,
        *,
        email: Email,
        promotion_id: Id | None = None,
        ref_id: RefId | None = None,
        uid: str | None = None,
        state: LeadState | None = None,
        customer_since: dt.datetime | dt.date | str | None = None,
        plan_name: str | None = None,
    ) -> V1Lead:
        """Assign a new lead to the promoter whose promotion has ``promotion_id`` or
        ``ref_id`` (exactly one)."""
        return await self._call(self.create, locals())

    @op("PUT", "/leads/update", api="v1", checks=[identified("id", "uid", "email", changes=True)])
    async def update(
        self,
        *,
        id: Id | None = None,
        uid: Text | None = None,
        email: Text | None = None,
        new_uid: str | None = None,
        new_email: str | None = None,
        new_ref_id: RefId | None = None,
        soft_switch: bool | None = None,
        state: LeadState | None = None,
        customer_since: dt.datetime | dt.date | str | None = None,
        plan_name: str | None = None,
    ) -> V1Lead:
        """Change a lead found by exactly one of ``id``, ``uid`` or ``email``; ``new_ref_id``
        moves it to another promoter (``soft_switch``: past rewards stay)."""
        return await self._call(self.update, locals())

    @op("GET", "/leads/show", api="v1", checks=[_FIND])
    async def retrieve(
        self, *, id: Id | None = None, uid: Text | None = None, email: Text | None = None
    ) -> V1Lead:
        """One lead with its promotion and promoter, found by exactly one identifier."""
        return await self._call(self.retrieve, locals())

    @op("DELETE", "/leads/delete", api="v1", in_body=True, checks=[_FIND])
    async def delete(
        self, *, id: Id | None = None, uid: Text | None = None, email: Text | None = None
    ) -> V1Message:
        """Remove a lead found by exactly one identifier; the server's confirmation."""
        return await self._call(self.delete, locals())
