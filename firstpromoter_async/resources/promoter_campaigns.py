"""A promoter's membership in a campaign."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Annotated, Any, Literal

import msgspec

from .._exceptions import InvalidRequestError
from .._fields import ChartPeriod, Id, Paging, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.promoter_campaign import (
    PromoterCampaign,
    PromoterCampaignChartData,
    ReferralLink,
    RewardConfig,
)

__all__ = ["PromoterCampaigns"]

MembershipState = Literal["pending", "accepted", "rejected", "blocked", "inactive"]
RefId = Annotated[str, msgspec.Meta(pattern="^[a-z0-9_-]+$")]
Rewards = Iterable[Mapping[str, Any] | RewardConfig]


class _Reward(msgspec.Struct):
    reward_id: Id
    apply_on: Literal["monthly", "yearly", "one_time", "all", "specific"]
    product_ids: list[int] = []


def _rewards(fields: dict[str, Any]) -> None:
    """Each reward has a positive ``reward_id``, a known ``apply_on`` and integer
    ``product_ids`` (sent as ``[]`` when left out; not empty when ``specific``)."""
    for name in ("rewards_for_promoters", "rewards_for_referrals"):
        for position, reward in enumerate(fields.get(name) or []):
            try:
                checked = msgspec.convert(reward, _Reward)
            except msgspec.ValidationError as error:
                raise InvalidRequestError(name, f"item {position}: {error}") from None
            if checked.apply_on == "specific" and not checked.product_ids:
                rule = "product_ids must not be empty when apply_on is 'specific'"
                raise InvalidRequestError(name, f"item {position}: {rule}")
            reward.setdefault("product_ids", [])


def _chart_period(fields: dict[str, Any]) -> None:
    """Both dates as ``YYYY-MM-DD`` (a datetime: its day); ``period_to`` not the earlier."""
    for name in ("period_from", "period_to"):
        try:
            text = fields[name]
            day = (
                dt.date.fromisoformat(text) if len(text) <= 10 else dt.datetime.fromisoformat(text)
            )
            fields[name] = day.strftime("%Y-%m-%d")
        except ValueError:
            message = f"must be a date or a YYYY-MM-DD string, got {fields[name]!r}"
            raise InvalidRequestError(name, message) from None
    if fields["period_to"] < fields["period_from"]:
        raise InvalidRequestError("period_to", "must not be before period_from")


class PromoterCampaigns(APIResource):
    """Promoters' memberships in campaigns (``/company/promoter_campaigns``).

    A membership's id is neither the promoter's nor the campaign's: find it in
    ``Promoter.promoter_campaigns`` or with ``search``.
    """

    @op("GET", "/company/promoter_campaigns")
    def list(self, **paging: Unpack[Paging]) -> AsyncPaginator[PromoterCampaign]:
        """Every membership of every promoter; ``prefetch`` pages are kept in flight ahead of
        the one being read (0: one after another). Returns a lazy paginator. Keywords:
        ``Paging``."""
        return self._paginate(self.list, locals())

    @op("GET", "/company/promoter_campaigns/search")
    async def search(
        self, *, q: Annotated[str, msgspec.Meta(min_length=1)]
    ) -> builtins.list[PromoterCampaign]:
        """At most 5 memberships matching ``q`` (promoter email or name, campaign name, ref
        token), as for a dropdown. Raises ``InvalidRequestError`` when ``q`` is empty."""
        return await self._call(self.search, locals())

    @op("PUT", "/company/promoter_campaigns/{id}", require_any=True, checks=[_rewards])
    async def update(
        self,
        id: Id,
        *,
        ref_token: RefId | None = None,
        state: MembershipState | None = None,
        coupon: str | None = None,
        display_coupon: str | None = None,
        direct_url: str | None = None,
        rewards_for_promoters: Rewards | None = None,
        rewards_for_referrals: Rewards | None = None,
        promoter_rewards_customized: bool | None = None,
        referral_rewards_customized: bool | None = None,
    ) -> PromoterCampaign:
        """Change a membership (at least one field). Rewards are ``RewardConfig`` objects or
        mappings; they take effect with ``promoter_rewards_customized`` /
        ``referral_rewards_customized``."""
        return await self._call(self.update, locals())

    @op("GET", "/company/promoter_campaigns/{id}/referral_links")
    async def referral_links(self, id: Id) -> builtins.list[ReferralLink]:
        """The referral links of a membership (the default one first)."""
        return await self._call(self.referral_links, locals())

    @op("GET", "/company/promoter_campaigns/{id}/chart_data", checks=[_chart_period])
    async def chart_data(
        self, id: Id, *, with_totals: bool | None = None, **period: Unpack[ChartPeriod]
    ) -> PromoterCampaignChartData:
        """Chart series of one membership between two dates (``YYYY-MM-DD`` or ``date``;
        ``period_to`` not before ``period_from``). Keywords: ``ChartPeriod``."""
        return await self._call(self.chart_data, locals())
