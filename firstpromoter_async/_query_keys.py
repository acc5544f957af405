"""The ``filters[...]`` and ``sorting[...]`` keys each endpoint documents, as data.

One ``QueryKeys`` per endpoint, looked up by path in ``QUERY_KEYS``. A key missing here is
refused before anything is sent: the API ignores an unknown filter and answers with every
record, which turns a typo into a much wider job.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["QUERY_KEYS", "QueryKeys"]

TRUE_FALSE = frozenset({"true", "false"})
TRUE_FALSE_YES_NO = frozenset({"true", "false", "yes", "no"})
YES_NO = frozenset({"yes", "no"})
DUE_PERIODS = frozenset({"next", "overdue", "custom"})
FRAUD_CHECKS = frozenset({"no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"})
PAYOUT_STATUSES = frozenset({"pending", "completed", "failed", "processing", "cancelled"})
BATCH_STATUSES = frozenset({"pending", "in_progress", "completed", "failed", "stopped"})
EMAIL_TRIGGER_ONS = frozenset(
    {
        "not_set",
        "lead_subscribed",
        "lead_becomes_referral",
        "promoter_signs_up",
        "promoter_pending",
        "promoter_accepted",
        "promoter_rejected",
        "promoter_blocked",
        "promotion_reached_target",
        "reward_created",
        "reward_approved",
        "reward_denied",
        "fulfilment_pending",
        "fulfilment_completed",
        "lead_signup",
        "promoter_invited",
        "fulfilment_due",
        "lead_pending",
        "fulfilment_processing",
        "new_contract_document",
        "invalid_invoicing_details",
        "lead_cancelled",
        "count_reached",
        "inactivity",
        "broadcast",
        "recurring",
    }
)
REPORT_COLUMNS = frozenset(
    {
        "active_customers",
        "monthly_churn",
        "clicks_count",
        "net_revenue_amount",
        "revenue_amount",
        "referrals_count",
        "customers_count",
        "sales_count",
        "refunds_count",
        "cancelled_customers_count",
        "promoter_earnings_amount",
        "non_link_customers",
        "referrals_to_customers_cr",
        "3m_epc",
        "6m_epc",
        "clicks_to_customers_cr",
        "clicks_to_referrals_cr",
        "promoter_paid_amount",
        "signups_count",
    }
)
TRAFFIC_COLUMNS = frozenset(
    {
        "clicks_count",
        "revenue_amount",
        "promoter_earnings_amount",
        "referrals_count",
        "customers_count",
        "sales_count",
        "refunds_count",
        "cancelled_customers_count",
        "referrals_to_customers_cr",
        "clicks_to_customers_cr",
        "clicks_to_referrals_cr",
    }
)
URL_COLUMNS = TRAFFIC_COLUMNS | {"url"}
_CUSTOM_FIELD = frozenset({"key", "operator", "value"})


@dataclass(frozen=True)
class QueryKeys:
    """The documented ``filters`` and ``sorting`` keys of one ``GET`` endpoint.

    Attributes:
        path: the endpoint, after the API base (``/company/commissions``).
        choices: enum filters: one of the values, or a list of them (``True``/``False``
            count as ``"true"``/``"false"``).
        date_ranges: ``{"from": date, "to": date}`` filters (at least one end).
        number_ranges: ``{"from": n, "to": m}`` filters (at least one end).
        objects: filters holding a mapping, with the sub-keys it may have.
        values: ids, numbers and strings sent as given (one value or a list).
        sorting: the keys ``sorting`` may order by; empty when the endpoint does not sort.
    """

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
        return (
            frozenset(self.choices)
            | self.date_ranges
            | self.number_ranges
            | frozenset(self.objects)
            | self.values
        )


def _report(name: str, columns: frozenset[str]) -> QueryKeys:
    # sorting is documented as an open map of asc/desc: the report's own columns (and its
    # period) are what its rows can be ordered by
    return QueryKeys(f"/company/reports/{name}", sorting=columns | {"period"})


_ALL = (
    QueryKeys(
        "/company/batch_processes",
        choices={"status": BATCH_STATUSES},
    ),
    QueryKeys(
        "/company/batch_processes/progress",
        choices={"status": BATCH_STATUSES},
    ),
    QueryKeys(
        "/company/commissions",
        choices={
            "status": frozenset({"pending", "approved", "denied"}),
            "paid": YES_NO,
            "fulfilled": YES_NO,
            "due_period": DUE_PERIODS,
            "fraud_check": FRAUD_CHECKS,
            "first_commission": TRUE_FALSE,
            "refunded": TRUE_FALSE,
        },
        date_ranges=frozenset({"created_at"}),
        number_ranges=frozenset({"sale_amount", "amount"}),
        values=frozenset({"campaign_id", "payout_id", "promoter_id", "plan_id"}),
        sorting=frozenset({"sale_amount", "amount", "created_at", "referral"}),
    ),
    QueryKeys(
        "/company/emails",
        choices={"trigger_enabled": YES_NO, "trigger_on": EMAIL_TRIGGER_ONS},
        number_ranges=frozenset({"sent_count"}),
        values=frozenset({"campaign_id"}),
        sorting=frozenset({"sent_count", "subject"}),
    ),
    QueryKeys(
        "/company/payouts",
        choices={
            "status": PAYOUT_STATUSES,
            "due_period": DUE_PERIODS,
            "payout_method": frozenset(
                {"paypal", "bank", "wise", "crypto", "custom", "dots", "not_set"}
            ),
            "fraud_suspicions": FRAUD_CHECKS,
            "only_payable": TRUE_FALSE,
        },
        date_ranges=frozenset({"period_start", "period_end"}),
        values=frozenset({"campaign_id", "payments_batch_id", "promoter_id", "group_ref"}),
        sorting=frozenset({"amount", "period_start", "period_end"}),
    ),
    QueryKeys(
        "/company/payouts/stats",
        choices={"status": PAYOUT_STATUSES},
        values=frozenset({"campaign_id"}),
    ),
    QueryKeys(
        "/company/payouts/due_stats",
        choices={"status": PAYOUT_STATUSES},
        values=frozenset({"campaign_id"}),
    ),
    QueryKeys(
        "/company/payouts/group_by_promoters",
        choices={
            "status": PAYOUT_STATUSES,
            "invoiceable": frozenset({"true", "false", "not_set"}),
        },
        values=frozenset({"campaign_id", "min_payment"}),
    ),
    QueryKeys(
        "/company/promoters",
        choices={
            "state": frozenset(
                {"pending", "accepted", "rejected", "blocked", "inactive", "not_set"}
            ),
            "has_wform": YES_NO,
            "archived": TRUE_FALSE_YES_NO,
            "subscribed_to_email": TRUE_FALSE_YES_NO,
            "fraud_suspicions": FRAUD_CHECKS,
            "invoice_details_status": frozenset(
                {"approved", "pending", "rejected", "not_submitted"}
            ),
        },
        date_ranges=frozenset({"joined_at", "last_login_at"}),
        number_ranges=frozenset(
            {"revenue_amount", "customers_count", "referrals_count", "clicks_count"}
        ),
        objects={
            "custom_field1": _CUSTOM_FIELD,
            "custom_field2": _CUSTOM_FIELD,
            "inactivity": frozenset({"metric", "days"}),
        },
        values=frozenset({"campaign_id", "parent_promoter_id"}),
        sorting=frozenset(
            {"clicks_count", "referrals_count", "customers_count", "revenue_amount", "joined_at"}
        ),
    ),
    QueryKeys(
        "/company/referrals",
        choices={
            "type": frozenset({"lead", "customer"}),
            "state": frozenset(
                {
                    "subscribed",
                    "signup",
                    "active",
                    "cancelled",
                    "refunded",
                    "denied",
                    "pending",
                    "moved",
                }
            ),
            "entry_source": frozenset(
                {"api", "coupon", "cookie", "manual_admin", "manual_affiliate"}
            ),
            "fraud_check": FRAUD_CHECKS,
        },
        date_ranges=frozenset({"created_at", "customer_since", "cancelled_at"}),
        values=frozenset({"campaign_id", "promoter_id", "plan_id"}),
        # the admin file documents no sorting here; the affiliate file's referrals sort by
        # state and email, and this SDK has documented created_at since its first release
        sorting=frozenset({"created_at", "state", "email"}),
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
    _report("overview", REPORT_COLUMNS),
    _report("campaigns", REPORT_COLUMNS),
    _report("promoters", REPORT_COLUMNS),
    _report("traffic_sources", TRAFFIC_COLUMNS),
    _report("urls", URL_COLUMNS),
)

QUERY_KEYS: Mapping[str, QueryKeys] = MappingProxyType({keys.path: keys for keys in _ALL})
