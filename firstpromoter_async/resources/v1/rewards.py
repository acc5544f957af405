"""v1 rewards: give a promoter a custom reward."""

from __future__ import annotations

from typing import Literal

from ..._fields import Id
from ..._operation import op
from ..._resource import APIResource
from ...models.v1_reward import V1Reward
from ._rules import RefId, identified

__all__ = ["V1Rewards"]

RewardType = Literal["cash", "points", "credits", "free_months", "discount_per", "discount_mon"]
RewardStatus = Literal["approved", "pending", "denied"]


class V1Rewards(APIResource):
    """v1 rewards (``/rewards/...``)."""

    @op(
        "POST",
        "/rewards/create",
        api="v1",
        checks=[identified("lead_id", "email", "uid", "promotion_id", "ref_id", exactly=False)],
    )
    async def create(
        self,
        *,
        reward_type: RewardType,
        amount: int,
        lead_id: Id | None = None,
        email: str | None = None,
        uid: str | None = None,
        promotion_id: Id | None = None,
        ref_id: RefId | None = None,
        status: RewardStatus | None = None,
        skip_email_notification: bool | None = None,
    ) -> V1Reward:
        """Reward the promoter who referred a lead (``lead_id``, ``email`` or ``uid``) or
        of a promotion (``promotion_id`` or ``ref_id``); ``amount`` in cents for ``cash``."""
        return await self._call(self.create, locals())
