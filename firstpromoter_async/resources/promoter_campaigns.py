"""A promoter's membership in a campaign."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import msgspec

from .._exceptions import InvalidRequestError
from .._pagination import AsyncPaginator
from .._resource import APIResource
from .._validation import check_choice, check_id, check_ref_id, compact, require, update_body_of
from ..models.promoter_campaign import (
    PromoterCampaign,
    PromoterCampaignChartData,
    ReferralLink,
    RewardConfig,
)

__all__ = ["PromoterCampaigns"]

MembershipState = Literal["pending", "accepted", "rejected", "blocked", "inactive"]
MEMBERSHIP_STATES = frozenset({"pending", "accepted", "rejected", "blocked", "inactive"})
APPLY_ON = frozenset({"monthly", "yearly", "one_time", "all", "specific"})
CHART_SELECTIONS = frozenset({"revenue", "clicks", "referrals", "customers", "cancellations"})


def _date(value: Any, name: str) -> dt.date:
    require(value, name)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise InvalidRequestError(name, f"must be a date or a YYYY-MM-DD string, got {value!r}")


def _rewards(
    value: Iterable[Mapping[str, Any] | RewardConfig] | None, name: str
) -> builtins.list[dict[str, Any]] | None:
    """Reward configurations as the API wants them, each checked."""
    if value is None:
        return None
    if isinstance(value, (str, bytes, Mapping, msgspec.Struct)) or not isinstance(value, Iterable):
        raise InvalidRequestError(name, "must be a list of reward configurations")
    rewards = []
    for position, item in enumerate(value):
        if isinstance(item, msgspec.Struct):
            item = msgspec.to_builtins(item)
        if not isinstance(item, Mapping):
            raise InvalidRequestError(name, f"item {position} must be a mapping or RewardConfig")
        reward = dict(item)
        where = f"item {position}"
        reward_id = reward.get("reward_id")
        if isinstance(reward_id, bool) or not isinstance(reward_id, int) or reward_id <= 0:
            raise InvalidRequestError(name, f"{where}: reward_id must be a positive integer id")
        apply_on = reward.get("apply_on")
        if apply_on not in APPLY_ON:
            allowed = ", ".join(sorted(APPLY_ON))
            raise InvalidRequestError(
                name, f"{where}: apply_on must be one of {allowed}; got {apply_on!r}"
            )
        product_ids = reward.setdefault("product_ids", [])
        if (
            isinstance(product_ids, (str, bytes, Mapping))
            or not isinstance(product_ids, Iterable)
            or any(isinstance(p, bool) or not isinstance(p, int) for p in product_ids)
        ):
            raise InvalidRequestError(name, f"{where}: product_ids must be a list of integers")
        reward["product_ids"] = list(product_ids)
        if apply_on == "specific" and not reward["product_ids"]:
            raise InvalidRequestError(
                name, f"{where}: product_ids must not be empty when apply_on is 'specific'"
            )
        rewards.append(reward)
    return rewards


class PromoterCampaigns(APIResource):
    """Promoters' memberships in campaigns (``/company/promoter_campaigns``).

    A membership's id is neither the promoter's nor the campaign's: find it in
    ``Promoter.promoter_campaigns`` or with ``search``.
    """

    def list(
        self, *, page: int = 1, per_page: int = 100, prefetch: int = 1
    ) -> AsyncPaginator[PromoterCampaign]:
        """Every membership of every promoter.

        Args:
            prefetch: pages kept in flight ahead of the one being read (0: one after
                another).

        Returns an ``AsyncPaginator``: ``async for`` walks every membership, ``await`` gives
        one ``Page``.
        """
        return self._list(
            "/company/promoter_campaigns",
            PromoterCampaign,
            page=page,
            per_page=per_page,
            prefetch=prefetch,
        )

    async def search(self, *, q: str) -> builtins.list[PromoterCampaign]:
        """At most 5 memberships matching ``q`` (promoter email or name, campaign name, ref
        token), as for a dropdown.

        Raises:
            InvalidRequestError: ``q`` is missing or empty.
        """
        require(q, "q")
        if not isinstance(q, str):
            raise InvalidRequestError("q", f"must be a string, got {type(q).__name__}")
        result: builtins.list[PromoterCampaign] = await self._request(
            "GET",
            "/company/promoter_campaigns/search",
            cast_to=builtins.list[PromoterCampaign],
            params={"q": q},
        )
        return result

    async def update(
        self,
        id: int,
        *,
        ref_token: str | None = None,
        state: MembershipState | None = None,
        coupon: str | None = None,
        display_coupon: str | None = None,
        direct_url: str | None = None,
        rewards_for_promoters: Iterable[Mapping[str, Any] | RewardConfig] | None = None,
        rewards_for_referrals: Iterable[Mapping[str, Any] | RewardConfig] | None = None,
        promoter_rewards_customized: bool | None = None,
        referral_rewards_customized: bool | None = None,
    ) -> PromoterCampaign:
        """Change a membership; only the arguments given are sent (at least one).

        Args:
            id: the membership id (not the promoter's id nor the campaign's).
            ref_token: the referral id in the promoter's links (lower-case letters, digits,
                ``-`` and ``_``).
            state: ``pending``, ``accepted``, ``rejected``, ``blocked`` or ``inactive``.
            rewards_for_promoters, rewards_for_referrals: ``RewardConfig`` objects or
                mappings with ``reward_id``, ``apply_on`` (``monthly``, ``yearly``,
                ``one_time``, ``all``, ``specific``) and ``product_ids``; they take effect
                with ``promoter_rewards_customized`` / ``referral_rewards_customized``.

        Raises:
            InvalidRequestError: an argument is malformed or not an allowed value.
        """
        check_id(id)
        check_ref_id(ref_token, "ref_token")
        check_choice(state, "state", MEMBERSHIP_STATES)
        body = update_body_of(
            self.update,
            ref_token=ref_token,
            state=state,
            coupon=coupon,
            display_coupon=display_coupon,
            direct_url=direct_url,
            rewards_for_promoters=_rewards(rewards_for_promoters, "rewards_for_promoters"),
            rewards_for_referrals=_rewards(rewards_for_referrals, "rewards_for_referrals"),
            promoter_rewards_customized=promoter_rewards_customized,
            referral_rewards_customized=referral_rewards_customized,
        )
        return await self._request(
            "PUT", f"/company/promoter_campaigns/{id}", cast_to=PromoterCampaign, body=body
        )

    async def referral_links(self, id: int) -> builtins.list[ReferralLink]:
        """The referral links of a membership (the default one first)."""
        check_id(id)
        result: builtins.list[ReferralLink] = await self._request(
            "GET",
            f"/company/promoter_campaigns/{id}/referral_links",
            cast_to=builtins.list[ReferralLink],
        )
        return result

    async def chart_data(
        self,
        id: int,
        *,
        period_from: dt.date | str,
        period_to: dt.date | str,
        selection: Literal["revenue", "clicks", "referrals", "customers", "cancellations"],
        with_totals: bool | None = None,
    ) -> PromoterCampaignChartData:
        """Chart series of one membership between two dates (``YYYY-MM-DD`` or ``date``).

        Raises:
            InvalidRequestError: a date is missing or malformed, ``period_to`` is before
                ``period_from``, or ``selection`` is not one of ``revenue``, ``clicks``,
                ``referrals``, ``customers``, ``cancellations``.
        """
        check_id(id)
        start = _date(period_from, "period_from")
        end = _date(period_to, "period_to")
        if end < start:
            raise InvalidRequestError("period_to", "must not be before period_from")
        check_choice(require(selection, "selection"), "selection", CHART_SELECTIONS)
        params = compact(
            period_from=start.isoformat(),
            period_to=end.isoformat(),
            selection=selection,
            with_totals=with_totals,
        )
        return await self._request(
            "GET",
            f"/company/promoter_campaigns/{id}/chart_data",
            cast_to=PromoterCampaignChartData,
            params=params,
        )
