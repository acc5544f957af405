"""v1 promoters: create, find, change, re-key and remove promoters by their identifiers."""

from __future__ import annotations

import datetime as dt

from ..._fields import Email, Id, Paging, Unpack
from ..._operation import op
from ..._pagination import AsyncPaginator
from ..._resource import APIResource
from ...models.v1_promoter import V1AuthToken, V1Message, V1Promoter
from ._rules import RefId, Text, identified

__all__ = ["V1Promoters"]

_FIND = identified("id", "cust_id", "ref_id", "auth_token")
_CHANGE = identified("id", "cust_id", "ref_id", "auth_token", changes=True)
_ANY = identified("id", "cust_id", "ref_id", "auth_token", "promoter_email")


class V1Promoters(APIResource):
    """v1 promoters (``/promoters/...``), found by ``id``, ``cust_id``, ``ref_id`` or
    ``auth_token`` (some also by ``promoter_email``)."""

    _api = "v1"  # lists walk pages with v1's credentials

    @op("POST", "/promoters/create", api="v1")
    async def create(
        self,
        *,
        email: Email,
        first_name: str | None = None,
        last_name: str | None = None,
        cust_id: str | None = None,
        ref_id: RefId | None = None,
        promo_code: str | None = None,
        customer_promo_code: str | None = None,
        campaign_id: Id | None = None,
        temp_password: str | None = None,
        landing_url: str | None = None,
        url_tracking: bool | None = None,
        website: str | None = None,
        paypal_email: str | None = None,
        avatar_url: str | None = None,
        description: str | None = None,
        note: str | None = None,
        parent_promoter_id: Id | None = None,
        parent_promoter_email: str | None = None,
        linkedin_url: str | None = None,
        twitter_url: str | None = None,
        facebook_url: str | None = None,
        instagram_url: str | None = None,
        youtube_url: str | None = None,
        country: str | None = None,
        company_name: str | None = None,
        phone_number: str | None = None,
        address: str | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
        always_approve: bool | None = None,
    ) -> V1Promoter:
        """Create a promoter; the answer carries its ``auth_token`` and default ``ref_id``
        (from the first name when not given). Not retried after a server error."""
        return await self._call(self.create, locals())

    @op("PUT", "/promoters/update", api="v1", checks=[_CHANGE])
    async def update(
        self,
        *,
        id: Id | None = None,
        cust_id: Text | None = None,
        ref_id: RefId | None = None,
        auth_token: Text | None = None,
        new_cust_id: str | None = None,
        new_ref_id: RefId | None = None,
        email: Email | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        promo_code: str | None = None,
        customer_promo_code: str | None = None,
        campaign_id: Id | None = None,
        temp_password: str | None = None,
        landing_url: str | None = None,
        url_tracking: bool | None = None,
        website: str | None = None,
        paypal_email: str | None = None,
        avatar_url: str | None = None,
        description: str | None = None,
        note: str | None = None,
        parent_promoter_email: str | None = None,
        linkedin_url: str | None = None,
        twitter_url: str | None = None,
        facebook_url: str | None = None,
        instagram_url: str | None = None,
        youtube_url: str | None = None,
        country: str | None = None,
        phone_number: str | None = None,
        address: str | None = None,
    ) -> V1Promoter:
        """Change a promoter found by exactly one identifier; ``new_cust_id``/``new_ref_id``
        re-key it, ``email`` is the new email. Only the arguments given are sent."""
        return await self._call(self.update, locals())

    @op("GET", "/promoters/show", api="v1", checks=[_ANY])
    async def retrieve(
        self,
        *,
        id: Id | None = None,
        cust_id: Text | None = None,
        ref_id: RefId | None = None,
        auth_token: Text | None = None,
        promoter_email: Email | None = None,
    ) -> V1Promoter:
        """One promoter with its promotions, found by exactly one identifier."""
        return await self._call(self.retrieve, locals())

    @op("PUT", "/promoters/refresh_token", api="v1", checks=[_ANY])
    async def refresh_token(
        self,
        *,
        id: Id | None = None,
        cust_id: Text | None = None,
        auth_token: Text | None = None,
        ref_id: RefId | None = None,
        promoter_email: Email | None = None,
    ) -> V1AuthToken:
        """Replace a promoter's ``auth_token`` (found by exactly one identifier)."""
        return await self._call(self.refresh_token, locals())

    @op("DELETE", "/promoters/delete", api="v1", in_body=True, checks=[_FIND])
    async def delete(
        self,
        *,
        id: Id | None = None,
        cust_id: Text | None = None,
        ref_id: RefId | None = None,
        auth_token: Text | None = None,
    ) -> V1Message:
        """Remove a promoter found by exactly one identifier; the server's confirmation."""
        return await self._call(self.delete, locals())

    @op("GET", "/promoters/list", api="v1")
    def list(
        self, *, campaign_id: Id | None = None, **paging: Unpack[Paging]
    ) -> AsyncPaginator[V1Promoter]:
        """Promoters (of one campaign with ``campaign_id``); the pages follow the answer's
        ``Link`` header. Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("POST", "/promoters/add_to_campaign", api="v1", checks=[_ANY])
    async def add_to_campaign(
        self,
        *,
        campaign_id: Id,
        id: Id | None = None,
        cust_id: Text | None = None,
        ref_id: RefId | None = None,
        auth_token: Text | None = None,
        promoter_email: Email | None = None,
    ) -> V1Promoter:
        """Add a promoter (found by exactly one identifier) to one more campaign."""
        return await self._call(self.add_to_campaign, locals())

    @op("POST", "/promoters/move_to_campaign", api="v1", checks=[_ANY])
    async def move_to_campaign(
        self,
        *,
        destination_campaign_id: Id,
        source_campaign_id: Id,
        id: Id | None = None,
        cust_id: Text | None = None,
        ref_id: RefId | None = None,
        auth_token: Text | None = None,
        promoter_email: Email | None = None,
    ) -> V1Promoter:
        """Move a promoter (found by exactly one identifier) from ``source_campaign_id`` to
        ``destination_campaign_id``."""
        return await self._call(self.move_to_campaign, locals())
