"""Payouts: what is owed and paid to promoters, their statistics and payment batches."""

from __future__ import annotations

import datetime as dt
from typing import Any

import msgspec

from ._base import Model
from .common import CampaignRef, PromoterRef
from .promoter import PromoterPayoutMethod
from .referral import DateRange


class PayoutMethodDetails(PromoterPayoutMethod):
    """The payout method a payout is (or will be) paid with."""

    meta: dict[str, Any] | None = None
    is_selected: bool | None = None
    details: dict[str, Any] | None = None
    managed_payouts: bool | None = None


class Payout(Model):
    """A payout to a promoter.

    ``status`` is ``pending``, ``completed`` (paid), ``failed``, ``processing`` or
    ``cancelled``; ``amount`` is in the unit's smallest denomination (cents for cash).
    """

    id: int
    status: str | None = None
    amount: int | float | None = None
    payments_batch_id: int | None = None
    tax_rate: int | float | None = None
    unit: str | None = None
    period_start: dt.datetime | None = None
    period_end: dt.datetime | None = None
    paid_at: dt.datetime | None = None
    processing_started_at: dt.datetime | None = None
    failed_at: dt.datetime | None = None
    error: str | None = None
    total_incl_tax: int | float | None = None
    created_at: dt.datetime | None = None
    payout_method: PayoutMethodDetails | None = None
    promoter: PromoterRef | None = None
    campaign: CampaignRef | None = None


class PayoutTerms(Model):
    """The account's payout terms, as the ``meta`` of payout statistics."""

    net_payout_days: int | None = None
    payout_cycle: str | None = None
    min_payment: int | float | None = None
    min_paying_customers: int | None = None
    terms_description: str | None = None
    selected_payout_methods: list[str] | None = None
    payout_method_options: dict[str, Any] | None = None
    managed_payouts: bool | None = None


class PayoutTotals(Model):
    """Amounts of a group of payouts, by unit (``{"cash": ...}``)."""

    amounts: dict[str, int | float] | None = None
    total_incl_tax: int | float | None = None
    promoters_count: int | None = None


class PayoutPeriodTotals(PayoutTotals):
    """Paid amounts of one payout period."""

    period_start: dt.datetime | None = None
    period_end: dt.datetime | None = None


class PayoutStatsData(Model):
    """Payout statistics; each part is present when asked for with ``stats_by``."""

    by_paid_period: list[PayoutPeriodTotals] | None = None
    by_status: dict[str, PayoutTotals] | None = None
    """Totals keyed by payout status."""
    by_payout_method: dict[str, PayoutTotals] | None = None
    """Totals keyed by payout method."""


class PayoutStats(Model):
    """The answer of ``payouts.stats``."""

    data: PayoutStatsData | None = None
    meta: PayoutTerms | None = None


class PayoutDueTotals(PayoutTotals):
    """Amounts due in one window (next, overdue or custom)."""

    due_date: dt.date | None = None
    period_end: dt.date | None = None


class PayoutDueStatsData(Model):
    next: PayoutDueTotals | None = None
    overdue: PayoutDueTotals | None = None
    custom: PayoutDueTotals | None = None


class PayoutDueStats(Model):
    """The answer of ``payouts.due_stats``."""

    data: PayoutDueStatsData | None = None
    meta: PayoutTerms | None = None


class PayoutPromoterProfile(Model):
    invoice_details_validation_errors: dict[str, Any] | None = None


class PayoutPromoter(PromoterRef):
    """A promoter as shown in payouts grouped by promoter."""

    invoice_details_status: str | None = None
    fraud_suspicions: list[str] | None = None
    profile: PayoutPromoterProfile | None = None


class PromoterPayouts(Model):
    """One promoter's payouts and their total."""

    promoter: PayoutPromoter | None = None
    payout_method: PayoutMethodDetails | None = None
    payouts: list[Payout] | None = None
    is_amount_payable: bool | None = None
    payout_ids: list[int] | None = None
    amount: int | float | None = None
    total_incl_tax: int | float | None = None


class PayoutGroupsMeta(Model):
    total: int | float | None = None
    promoters_count: int | None = None
    total_incl_tax: int | float | None = None
    due_date: dt.date | None = None
    period_end: dt.date | None = None


class PayoutsGroupedByPromoters(Model):
    """The answer of ``payouts.group_by_promoters``: ``data`` has one entry per promoter."""

    data: list[PromoterPayouts] = msgspec.field(default_factory=list)
    meta: PayoutGroupsMeta | None = None


class PaymentsBatch(Model):
    """A batch of payments sent through a payout method.

    ``status`` is ``awaiting_confirmation``, ``pending``, ``processing``, ``completed`` or
    ``failed``.
    """

    id: int
    status: str | None = None
    ext_reference: str | None = None
    ext_id: str | None = None
    scheduled_at: dt.datetime | None = None
    processing_started_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    is_payable: bool | None = None
    is_retriable: bool | None = None
    is_payment_otp_required: bool | None = None
    total: int | float | None = None
    promoters_count: int | None = None
    error: str | None = None


class PaymentsBatchMeta(Model):
    failed: list[dict[str, Any]] | None = None
    """What could not be put in the batch, and why."""


class PaymentsBatchResult(Model):
    """The answer of ``payouts.create_payments_batch``: the batch, and what failed."""

    data: PaymentsBatch
    meta: PaymentsBatchMeta | None = None


# -- request filters ---------------------------------------------------------------------------


class PayoutFilters(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Typed ``filters`` for the payouts calls; fields left at ``None`` are not sent.

    Not every call takes every filter: ``list`` takes most, ``stats`` and ``due_stats`` take
    ``status`` and ``campaign_id``, ``group_by_promoters`` also ``min_payment`` and
    ``invoiceable``. A plain mapping with the same keys works as well.
    """

    status: str | None = None
    """``pending``, ``completed``, ``failed``, ``processing`` or ``cancelled``."""
    campaign_id: int | list[int] | None = None
    payments_batch_id: int | list[int] | None = None
    due_period: str | None = None
    """``next``, ``overdue`` or ``custom``."""
    period_start: DateRange | None = None
    period_end: DateRange | None = None
    payout_method: str | None = None
    """``paypal``, ``bank``, ``wise``, ``crypto``, ``custom``, ``dots`` or ``not_set``."""
    promoter_id: int | None = None
    only_payable: bool | None = None
    group_ref: str | None = None
    fraud_suspicions: list[str] | None = None
    """Any of ``same_ip_suspicion``, ``same_promoter_email``, ``ad_source``, ``no_suspicion``."""
    min_payment: int | None = None
    invoiceable: str | bool | None = None
    """``true``, ``false`` or ``not_set``."""
