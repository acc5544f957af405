"""Promoter campaigns: a promoter's membership in a campaign, its links, rewards and charts."""

from __future__ import annotations

import datetime as dt
from typing import Any, Generic, TypeVar

import msgspec

from ._base import Model
from .commission import CommissionPromoterCampaign
from .common import CampaignRef


class PromoterCampaignStats(Model):
    """Totals of one membership; ``revenue_amount`` is in cents."""

    clicks_count: int | None = None
    referrals_count: int | None = None
    sales_count: int | None = None
    customers_count: int | None = None
    revenue_amount: int | float | None = None


class RewardDetails(Model):
    """What a reward is, as embedded in a membership's reward list."""

    name: str | None = None
    promoter_reward_type: str | None = None
    hide_reward: bool | None = None
    tier_level: int | None = None
    coupon: str | None = None


class RewardProduct(Model):
    """A product a reward applies to."""

    id: int
    name: str | None = None


class PromoterCampaignReward(Model):
    """A reward given to the promoter or to the referrals of one membership.

    ``apply_on`` is ``monthly``, ``yearly``, ``one_time``, ``all`` or ``specific`` (then
    ``product_ids`` lists the products).
    """

    apply_on: str | None = None
    product_ids: list[int] | None = None
    reward_id: int | None = None
    reward: RewardDetails | None = None
    products: list[RewardProduct] | None = None


class RewardConfig(msgspec.Struct, kw_only=True):
    """A reward to set on a membership, for ``promoter_campaigns.update``.

    ``apply_on`` is ``monthly``, ``yearly``, ``one_time``, ``all`` or ``specific``;
    ``product_ids`` the products it applies to (empty unless ``specific``).
    """

    reward_id: int
    apply_on: str
    product_ids: list[int] = msgspec.field(default_factory=list)


_Stats = TypeVar("_Stats")
_Reward = TypeVar("_Reward")
_Code = TypeVar("_Code")


class _Membership(CommissionPromoterCampaign, Generic[_Stats, _Reward, _Code]):
    """A membership in full: the short form a commission embeds plus the rest; each answer
    embedding it types its ``stats``, rewards and ``promo_codes``."""

    state: str | None = None
    """``pending``, ``accepted``, ``rejected``, ``blocked`` or ``inactive``."""
    stats: _Stats | None = None
    coupon: str | None = None
    display_coupon: str | None = None
    ref_token: str | None = None
    ref_link: str | None = None
    is_customized: bool | None = None
    direct_url: str | None = None
    referral_rewards_customized: bool | None = None
    promoter_rewards_customized: bool | None = None
    rewards_for_promoters: list[_Reward] | None = None
    rewards_for_referrals: list[_Reward] | None = None
    promo_codes: list[_Code] | None = None


class PromoterCampaign(_Membership[PromoterCampaignStats, PromoterCampaignReward, str]):
    """A promoter's membership in a campaign (the ``promoter_campaign_id`` of other calls), in
    full: the short form a commission embeds plus the rest.

    ``state`` is ``pending``, ``accepted``, ``rejected``, ``blocked`` or ``inactive``;
    ``promo_codes`` are the codes that credit this membership.
    """


class ReferralLink(Model):
    """A referral link of a membership; ``source`` is ``campaign`` or ``promoter``."""

    id: int
    name: str | None = None
    url: str | None = None
    is_default: bool | None = None
    source: str | None = None
    sub_id: str | None = None
    campaign: CampaignRef | None = None


class ChartPoint(Model):
    """One point of a chart: a date label (its form follows ``group_by``) and a value."""

    date: str | None = None
    value: int | float | None = None


class PromoterCampaignChartData(Model):
    """Chart series of one membership over a period.

    Each of ``selection_items`` is a ``ChartPoint`` or, as some answers give it, a
    ``[label, value]`` pair. ``totals`` is present when asked for with ``with_totals``.
    """

    period_from: dt.date | None = None
    period_to: dt.date | None = None
    selection: str | None = None
    selection_items: list[ChartPoint | list[str | int | float]] | None = None
    group_by: str | None = None
    totals: Any = None

    def points(self) -> list[tuple[str, int | float]]:
        """The items as ``(label, value)`` pairs, whichever shape the server used."""
        pairs: list[tuple[str, int | float]] = []
        for item in self.selection_items or []:
            if isinstance(item, ChartPoint):
                pairs.append((item.date or "", item.value or 0))
            elif len(item) >= 2:
                label, value = item[0], item[1]
                pairs.append((str(label), _number(value)))
        return pairs


def _number(value: str | int | float) -> int | float:
    if not isinstance(value, str):
        return value
    try:
        return float(value)
    except ValueError:
        return 0
