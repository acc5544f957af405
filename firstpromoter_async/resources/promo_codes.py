"""Promo codes attached to promoters."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import msgspec

from .._exceptions import InvalidRequestError
from .._pagination import AsyncPaginator
from .._resource import APIResource
from .._validation import body_of, check_id, compact, require, update_body_of
from ..models.promo_code import PromoCode

__all__ = ["PromoCodes"]


def _code(value: Any) -> str:
    require(value, "code")
    if not isinstance(value, str) or any(c.isspace() for c in value):
        raise InvalidRequestError("code", f"must be a code without spaces, got {value!r}")
    return value


def _object(value: Mapping[str, Any] | msgspec.Struct | None, name: str) -> Any:
    if value is None:
        return None
    if isinstance(value, msgspec.Struct):
        return msgspec.to_builtins(value)
    if not isinstance(value, Mapping):
        raise InvalidRequestError(name, f"must be a mapping, got {type(value).__name__}")
    return dict(value)


class PromoCodes(APIResource):
    """Promo codes that credit a promoter's campaign membership (``/company/promo_codes``)."""

    def list(
        self,
        *,
        promoter_campaign_id: int | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[PromoCode]:
        """Promo codes, optionally only those of one membership (``promoter_campaign_id``).

        Args:
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every code, ``await`` gives one
        ``Page``.
        """
        params = compact(
            promoter_campaign_id=check_id(promoter_campaign_id, "promoter_campaign_id")
            if promoter_campaign_id is not None
            else None
        )
        return self._list(
            "/company/promo_codes",
            PromoCode,
            params=params,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def create(
        self,
        *,
        code: str,
        reward_id: int,
        promoter_campaign_id: int,
        description: str | None = None,
        metadata: Mapping[str, Any] | msgspec.Struct | None = None,
        details: Mapping[str, Any] | msgspec.Struct | None = None,
    ) -> PromoCode:
        """Create a promo code (Stripe accounts only) crediting a membership.

        Args:
            code: the code customers type, e.g. ``"ANN20"``.
            reward_id: the reward (discount) the code gives.
            promoter_campaign_id: the promoter's membership the code credits (not the
                promoter's id; see ``Promoter.promoter_campaigns``).

        Not retried after a server error or a lost connection, since the server may have
        created it.

        Raises:
            InvalidRequestError: a required argument is missing or malformed.
        """
        body = body_of(
            self.create,
            code=_code(code),
            description=description,
            reward_id=check_id(reward_id, "reward_id"),
            promoter_campaign_id=check_id(promoter_campaign_id, "promoter_campaign_id"),
            metadata=_object(metadata, "metadata"),
            details=_object(details, "details"),
        )
        return await self._request("POST", "/company/promo_codes", cast_to=PromoCode, body=body)

    async def retrieve(self, id: int) -> PromoCode:
        """One promo code (archived ones too: see ``archived_at``)."""
        check_id(id)
        return await self._request("GET", f"/company/promo_codes/{id}", cast_to=PromoCode)

    async def update(
        self,
        id: int,
        *,
        code: str | None = None,
        description: str | None = None,
        promoter_campaign_id: int | None = None,
        metadata: Mapping[str, Any] | msgspec.Struct | None = None,
        details: Mapping[str, Any] | msgspec.Struct | None = None,
    ) -> PromoCode:
        """Change a promo code; only the arguments given are sent (at least one). The API
        refuses (422) to change an archived code that exists at the billing provider (has an
        ``ext_id``)."""
        check_id(id)
        body = update_body_of(
            self.update,
            code=_code(code) if code is not None else None,
            description=description,
            promoter_campaign_id=check_id(promoter_campaign_id, "promoter_campaign_id")
            if promoter_campaign_id is not None
            else None,
            metadata=_object(metadata, "metadata"),
            details=_object(details, "details"),
        )
        return await self._request(
            "PUT", f"/company/promo_codes/{id}", cast_to=PromoCode, body=body
        )

    async def archive(self, id: int) -> None:
        """Archive a promo code; ``retrieve`` still returns it, with ``archived_at`` set."""
        check_id(id)
        await self._raw("DELETE", f"/company/promo_codes/{id}")
