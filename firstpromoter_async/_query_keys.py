"""The ``filters[...]`` and ``sorting[...]`` keys each endpoint documents, as data: one
``QueryKeys`` per endpoint in ``QUERY_KEYS`` by path. A key missing here is refused before
anything is sent (the API ignores an unknown filter and answers with every record)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["QUERY_KEYS", "QueryKeys"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


TRUE_FALSE, YES_NO = _words("true false"), _words("yes no")
TRUE_FALSE_YES_NO = TRUE_FALSE | YES_NO
DUE_PERIODS = _words("next overdue custom")
FRAUD_CHECKS = _words("no_suspicion same_ip_suspicion same_promoter_email ad_source")
PAYOUT_STATUSES = _words("pending completed failed processing cancelled")
BATCH_STATUSES = _words("pending in_progress completed failed stopped")
EMAIL_TRIGGER_ONS = _words(
    "not_set lead_subscribed lead_becomes_referral promoter_signs_up promoter_pending"
    " promoter_accepted promoter_rejected promoter_blocked promotion_reached_target"
    " reward_created reward_approved reward_denied fulfilment_pending fulfilment_completed"
    " lead_signup promoter_invited fulfilment_due lead_pending fulfilment_processing"
    " new_contract_document invalid_invoicing_details lead_cancelled count_reached inactivity"
    " broadcast recurring"
)
TRAFFIC_COLUMNS = _words(
    "clicks_count revenue_amount promoter_earnings_amount referrals_count customers_count"
    " sales_count refunds_count cancelled_customers_count referrals_to_customers_cr"
    " clicks_to_customers_cr clicks_to_referrals_cr"
)
REPORT_COLUMNS = TRAFFIC_COLUMNS | _words(
    "active_customers monthly_churn net_revenue_amount non_link_customers 3m_epc 6m_epc"
    " promoter_paid_amount signups_count"
)
URL_COLUMNS = TRAFFIC_COLUMNS | {"url"}
_CUSTOM_FIELD = _words("key operator value")


@dataclass(frozen=True)
class QueryKeys:
    """The documented ``filters`` and ``sorting`` keys of the ``GET`` endpoint ``path``:
    ``choices`` (enum filters: a value or a list; ``True``/``False`` count as "true"/"false"),
    ``date_ranges`` and ``number_ranges`` (``{"from", "to"}``, at least one end), ``objects``
    (mappings, with their sub-keys), ``values`` (ids, numbers, strings: one or a list), and
    ``sorting`` (the keys it may order by; empty when it does not sort)."""

    path: str
    choices: Mapping[str, frozenset[str]] = field(default_factory=dict)
    date_ranges: frozenset[str] = frozenset()
    number_ranges: frozenset[str] = frozenset()
    objects: Mapping[str, frozenset[str]] = field(default_factory=dict)
    values: frozenset[str] = frozenset()
    sorting: frozenset[str] = frozenset()

    @property
    def filters(self) -> frozenset[str]:
        """Every documented filter key."""
        ranges = self.date_ranges | self.number_ranges
        return frozenset(self.choices) | ranges | frozenset(self.objects) | self.values


def _report(name: str, columns: frozenset[str]) -> QueryKeys:
    # sorting is documented as an open map of asc/desc: the report's own columns (and its
    # period) are what its rows can be ordered by
    return QueryKeys(f"/company/reports/{name}", sorting=columns | {"period"})


_ALL = (
    QueryKeys(
        "/company/assets",
        choices={"asset_type": frozenset({"image", "document", "link", "text"})},
        date_ranges=frozenset({"created_at"}),
        values=frozenset({"category_id", "campaign_id"}),  # category_id may be "not_set"
    ),
    QueryKeys(
        "/company/invoices",
        choices={"status": frozenset({"draft", "open", "paid", "voided"})},
        values=frozenset({"promoter_id"}),
    ),
    QueryKeys("/company/invoices/export", values=frozenset({"promoter_id"})),
    QueryKeys("/company/batch_processes", choices={"status": BATCH_STATUSES}),
    QueryKeys("/company/batch_processes/progress", choices={"status": BATCH_STATUSES}),
    QueryKeys(
        "/company/commissions",
        choices={
            "status": _words("pending approved denied"),
            **dict.fromkeys(("paid", "fulfilled"), YES_NO),
            "due_period": DUE_PERIODS,
            "fraud_check": FRAUD_CHECKS,
            **dict.fromkeys(("first_commission", "refunded"), TRUE_FALSE),
        },
        date_ranges=_words("created_at"),
        number_ranges=_words("sale_amount amount"),
        values=_words("campaign_id payout_id promoter_id plan_id"),
        sorting=_words("sale_amount amount created_at referral"),
    ),
    QueryKeys(
        "/company/emails",
        choices={"trigger_enabled": YES_NO, "trigger_on": EMAIL_TRIGGER_ONS},
        number_ranges=_words("sent_count"),
        values=_words("campaign_id"),
        sorting=_words("sent_count subject"),
    ),
    QueryKeys(
        "/company/payouts",
        choices={
            "status": PAYOUT_STATUSES,
            "due_period": DUE_PERIODS,
            "payout_method": _words("paypal bank wise crypto custom dots not_set"),
            "fraud_suspicions": FRAUD_CHECKS,
            "only_payable": TRUE_FALSE,
        },
        date_ranges=_words("period_start period_end"),
        values=_words("campaign_id payments_batch_id promoter_id group_ref"),
        sorting=_words("amount period_start period_end"),
    ),
    *(
        QueryKeys(
            f"/company/payouts/{name}", {"status": PAYOUT_STATUSES}, values=_words("campaign_id")
        )
        for name in ("stats", "due_stats")
    ),
    QueryKeys(
        "/company/payouts/group_by_promoters",
        choices={"status": PAYOUT_STATUSES, "invoiceable": _words("true false not_set")},
        values=_words("campaign_id min_payment"),
    ),
    QueryKeys(
        "/company/promoters",
        choices={
            "state": _words("pending accepted rejected blocked inactive not_set"),
            "has_wform": YES_NO,
            **dict.fromkeys(("archived", "subscribed_to_email"), TRUE_FALSE_YES_NO),
            "fraud_suspicions": FRAUD_CHECKS,
            "invoice_details_status": _words("approved pending rejected not_submitted"),
        },
        date_ranges=_words("joined_at last_login_at"),
        number_ranges=_words("revenue_amount customers_count referrals_count clicks_count"),
        objects={
            **dict.fromkeys(("custom_field1", "custom_field2"), _CUSTOM_FIELD),
            "inactivity": _words("metric days"),
        },
        values=_words("campaign_id parent_promoter_id"),
        sorting=_words("clicks_count referrals_count customers_count revenue_amount joined_at"),
    ),
    QueryKeys(
        "/company/referrals",
        choices={
            "type": _words("lead customer"),
            "state": _words("subscribed signup active cancelled refunded denied pending moved"),
            "entry_source": _words("api coupon cookie manual_admin manual_affiliate"),
            "fraud_check": FRAUD_CHECKS,
        },
        date_ranges=_words("created_at customer_since cancelled_at"),
        values=_words("campaign_id promoter_id plan_id"),
        # the admin file documents no sorting here; the affiliate file's referrals sort by
        # state and email, and this SDK has documented created_at since its first release
        sorting=_words("created_at state email"),
    ),
    QueryKeys(
        "/company/contract_documents",
        choices={"status": frozenset({"pending", "signed"})},
        values=frozenset({"promoter_id", "contract_id"}),
        sorting=frozenset({"created_at", "signed_at"}),
    ),
    *(
        QueryKeys(f"/company/dashboards/{name}", values=frozenset({"campaign_id"}))
        for name in ("stats", "trendings", "chart_data", "payouts_and_commissions")
    ),
    QueryKeys("/company/payout_methods", values=frozenset({"promoter_id"})),
    *(_report(name, REPORT_COLUMNS) for name in ("overview", "campaigns", "promoters")),
    _report("traffic_sources", TRAFFIC_COLUMNS),
    _report("urls", URL_COLUMNS),
)

QUERY_KEYS: Mapping[str, QueryKeys] = MappingProxyType({keys.path: keys for keys in _ALL})
