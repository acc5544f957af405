"""Rewards (v2): what promoters earn and what referrals get."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from .._fields import Id, Paging, Unpack
from .._operation import op, when
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.reward import Reward

__all__ = ["Rewards"]

RewardType = Literal["sale", "tier", "target", "custom"]
TierMode = Literal["tier_commission_mode", "tier_override_mode", "tier_net_override_mode"]
Duration = Literal["once", "forever", "repeating"]
Schemas = Sequence[Mapping[str, Any]]
_RULES = (
    when("promoter_reward_type", "tier", "tier_reward_mode", "tier_level"),
    when("duration", "repeating", "duration_in_months"),
)


class Rewards(APIResource):
    """Rewards of the account (``/company/rewards``)."""

    @op("GET", "/company/rewards")
    def list(
        self, *, scope: Literal["promoters", "referrals"] | None = None, **paging: Unpack[Paging]
    ) -> AsyncPaginator[Reward]:
        """Rewards, all or only those for ``promoters`` or ``referrals``; a lazy paginator.
        Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("POST", "/company/rewards", checks=_RULES)
    async def create(
        self,
        *,
        name: str,
        is_promoter_reward: bool,
        schemas: Schemas,
        promoter_reward_type: RewardType | None = None,
        tier_reward_mode: TierMode | None = None,
        tier_level: int | None = None,
        coupon: str | None = None,
        hide_reward: bool | None = None,
        duration: Duration | None = None,
        duration_in_months: int | None = None,
        max_redemptions: int | None = None,
        should_create_provider_coupon: bool | None = None,
        new_customers_only: bool | None = None,
        provider_coupon_id: str | None = None,
    ) -> Reward:
        """Create a reward; ``schemas``: ``{"unit", "amount", "flat_amount", "rules"}``. A
        ``tier`` reward needs ``tier_reward_mode`` and ``tier_level``; a ``repeating`` one
        ``duration_in_months``. Not retried after an error that may have reached the server."""
        return await self._call(self.create, locals())

    @op("PUT", "/company/rewards/{id}", require_any=True, checks=_RULES)
    async def update(
        self,
        id: Id,
        *,
        name: str | None = None,
        is_promoter_reward: bool | None = None,
        schemas: Schemas | None = None,
        promoter_reward_type: RewardType | None = None,
        tier_reward_mode: TierMode | None = None,
        tier_level: int | None = None,
        coupon: str | None = None,
        hide_reward: bool | None = None,
        duration: Duration | None = None,
        duration_in_months: int | None = None,
        max_redemptions: int | None = None,
        should_create_provider_coupon: bool | None = None,
        new_customers_only: bool | None = None,
        provider_coupon_id: str | None = None,
    ) -> Reward:
        """Change a reward (at least one field; the same rules as ``create``)."""
        return await self._call(self.update, locals())

    @op("POST", "/company/rewards/{id}/hide", retry="idempotent")
    async def hide(self, id: Id) -> None:
        """Hide a reward from promoters (hiding twice is harmless, so it is retried)."""
        return await self._call(self.hide, locals())
