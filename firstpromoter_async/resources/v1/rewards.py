"""v1 rewards: give a promoter a custom reward."""

from __future__ import annotations

from typing import Literal

from ..._exceptions import InvalidRequestError
from ..._resource import APIResource
from ..._validation import body_of, check_choice, check_optional_id, check_ref_id, compact, require
from ...models.v1_reward import V1Reward

__all__ = ["V1Rewards"]

RewardType = Literal["cash", "points", "credits", "free_months", "discount_per", "discount_mon"]
REWARD_TYPES = frozenset(
    {"cash", "points", "credits", "free_months", "discount_per", "discount_mon"}
)
REWARD_STATUSES = frozenset({"approved", "pending", "denied"})


class V1Rewards(APIResource):
    """v1 rewards (``/rewards/...``)."""

    _api = "v1"

    async def create(
        self,
        *,
        reward_type: RewardType,
        amount: int,
        lead_id: int | None = None,
        email: str | None = None,
        uid: str | None = None,
        promotion_id: int | None = None,
        ref_id: str | None = None,
        status: Literal["approved", "pending", "denied"] | None = None,
        skip_email_notification: bool | None = None,
    ) -> V1Reward:
        """Give a reward to the promoter who referred a lead (found by ``lead_id``, ``email``
        or ``uid``), or directly to a promoter through a promotion (``promotion_id`` or
        ``ref_id``).

        Args:
            reward_type: ``cash`` (a monetary commission), ``points``, ``credits``,
                ``free_months``, ``discount_per`` (percent discount) or ``discount_mon``
                (fixed monetary discount).
            amount: an integer; in cents for ``cash``.
            status: ``approved`` (the server's default), ``pending`` or ``denied``.

        Not retried after a server error or a lost connection, since the server may have
        created it.

        Raises:
            InvalidRequestError: ``reward_type`` or ``amount`` is missing or invalid, no lead or
                promotion is given, or ``ref_id`` is not a valid referral id.
        """
        check_choice(require(reward_type, "reward_type"), "reward_type", REWARD_TYPES)
        require(amount, "amount")
        if isinstance(amount, bool) or not isinstance(amount, int):
            raise InvalidRequestError(
                "amount", f"must be an integer (cents for cash), got {amount!r}"
            )
        check_choice(status, "status", REWARD_STATUSES)
        check_ref_id(ref_id)
        targets = body_of(
            self.create,
            lead_id=check_optional_id(lead_id, "lead_id"),
            email=email,
            uid=uid,
            promotion_id=check_optional_id(promotion_id, "promotion_id"),
            ref_id=ref_id,
        )
        if not targets:
            raise InvalidRequestError(
                "lead_id",
                "is required: give the lead (lead_id, email or uid) or the promotion "
                "(promotion_id or ref_id) the reward is for",
            )
        body = {
            "reward_type": reward_type,
            "amount": amount,
            **targets,
            **compact(status=status, skip_email_notification=skip_email_notification),
        }
        return await self._request("POST", "/rewards/create", cast_to=V1Reward, body=body)
