"""Contracts, contract documents, dashboards (answers keep ``raw``) and the admin API's custom
referral statuses: rows, state, validation."""

from __future__ import annotations

from firstpromoter_async import (
    AsyncFirstPromoter,
    Contract,
    ContractDocument,
    ContractDocumentFile,
    CustomReferralStatus,
    DashboardChartData,
    DashboardPayoutsAndCommissions,
    DashboardStats,
    DashboardTrendings,
)
from firstpromoter_async.testing import FakeFirstPromoter

from ..operations import bad, put, row

TERMS = {
    "name": "Terms",
    "checkbox_label": "I accept the [terms]",
    "content_hosted": True,
    "content": "Be nice",
}
STATUS = {"name": "Qualified", "order": 1}

K, DOCS, DASH = "/company/contracts", "GET /company/contract_documents", "GET /company/dashboards"
ONE_K, ONE_D = put("contracts"), put("contract_documents")
OPERATIONS = [
    row("contracts.list", f"GET {K}", Contract, put("contracts", 2)),
    row("contracts.create", f"POST {K}", Contract, None, **TERMS, campaign_ids=[1]),
    row("contracts.retrieve", f"GET {K}/1", Contract, ONE_K, 1),
    row("contracts.update", f"PUT {K}/1", Contract, ONE_K, 1, **TERMS, default=True),
    row("contracts.delete", f"DELETE {K}/1", None, ONE_K, 1),
    row(
        "contract_documents.list",
        f"{DOCS}?q=x&filters[status]=signed&filters[contract_id]=1&sorting[signed_at]=desc",
        ContractDocument,
        put("contract_documents", status="signed", contract_id=1, content="x"),
        q="x",
        filters={"status": "signed", "contract_id": 1},
        sorting={"signed_at": "desc"},
    ),
    row("contract_documents.retrieve", f"{DOCS}/1?content_type=html", ContractDocument, ONE_D, 1),
    row(
        "contract_documents.retrieve[pdf]",
        f"{DOCS}/1?content_type=pdf",
        ContractDocumentFile,
        ONE_D,
        1,
        content_type="pdf",
    ),
    row(
        "dashboards.stats",
        f"{DASH}/stats?filters[campaign_id][]=1&filters[campaign_id][]=2",
        DashboardStats,
        filters={"campaign_id": [1, 2]},
    ),
    row("dashboards.trendings", f"{DASH}/trendings", DashboardTrendings),
    row(
        "dashboards.chart_data",
        f"{DASH}/chart_data?filters[campaign_id]=1&period_from=2025-01-01&selection=clicks",
        DashboardChartData,
        filters={"campaign_id": 1},
        period_from="2025-01-01",
        selection="clicks",
    ),
    row(
        "dashboards.payouts_and_commissions",
        f"{DASH}/payouts_and_commissions",
        DashboardPayoutsAndCommissions,
    ),
    row(
        "custom_referral_statuses.list",
        "GET /custom_referral_statuses",
        CustomReferralStatus,
        put("custom_referral_statuses", order=1),
        api="admin",
    ),
    row(
        "custom_referral_statuses.update",
        "PUT /custom_referral_statuses/update",
        CustomReferralStatus,
        api="admin",
        custom_referral_statuses=[STATUS],
    ),
]

INVALID = [
    bad("contracts.create", "checkbox_label", **{**TERMS, "checkbox_label": "I accept"}),
    bad("contracts.create", "content", **{**TERMS, "content": None}),
    bad("contracts.update", "external_link", 1, **{**TERMS, "content_hosted": False}),
    bad("contracts.create", "campaign_ids", **TERMS, campaign_ids=[0]),
    bad("contract_documents.list", "filters.status", filters={"status": "lost"}),
    bad("contract_documents.list", "sorting", sorting={"name": "asc"}),
    bad("contract_documents.retrieve", "content_type", 1, content_type="doc"),
    bad("dashboards.stats", "filters.promoter_id", filters={"promoter_id": 1}),
    bad("dashboards.chart_data", "selection", selection="sales"),
    bad(
        "custom_referral_statuses.update",
        "custom_referral_statuses[0].order",
        custom_referral_statuses=[{"name": "A"}],
    ),
    bad(
        "custom_referral_statuses.update",
        "custom_referral_statuses[0].id",
        custom_referral_statuses=[{**STATUS, "_destroy": True}],
    ),
    bad(
        "custom_referral_statuses.update",
        "custom_referral_statuses",
        custom_referral_statuses=["A"],
    ),
]


async def test_contract_lifecycle_and_documents(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_promoters(2)
    made = await client.contracts.create(**TERMS)
    assert (made.content_hosted, made.raw["name"]) == (True, "Terms")
    assert [c.id async for c in client.contracts.list()] == [made.id]
    link = {"content_hosted": False, "external_link": "https://a.example/t"}
    changed = await client.contracts.update(made.id, **{**TERMS, **link})
    assert (changed.external_link, changed.raw["external_link"]) == (link["external_link"],) * 2
    documents = [d async for d in client.contract_documents.list(filters={"promoter_id": 2})]
    assert [(d.contract_id, d.status) for d in documents] == [(made.id, "pending")]
    assert "Be nice" in str((await client.contract_documents.retrieve(documents[0].id)).content)
    pdf = await client.contract_documents.retrieve(documents[0].id, content_type="pdf")
    assert (pdf.content_type, pdf.filename) == ("application/pdf", "contract-2.pdf")
    assert pdf.ready
    assert pdf.content == b"%PDF-1.4\n<h1>Terms</h1>Be nice"
    [request] = fake.requests("GET", f"/company/contract_documents/{documents[0].id}")[1:]
    assert request.headers["Accept"].startswith("application/pdf")
    await client.contracts.delete(made.id)
    assert [c async for c in client.contracts.list()] == []


async def test_dashboards_keep_the_raw_answer(
    client: AsyncFirstPromoter, fake: FakeFirstPromoter
) -> None:
    fake.seed_commissions(2)
    stats = await client.dashboards.stats(filters={"campaign_id": 1})
    assert (
        stats.promoters_count == stats.raw["promoters_count"] == len(fake.state.table("promoters"))
    )
    assert stats.pending_actions == {"commissions": 2}
    totals = await client.dashboards.payouts_and_commissions(filters={"campaign_id": [1]})
    assert totals.pending_commissions_amount == totals.raw["pending_commissions_amount"] > 0
    chart = await client.dashboards.chart_data(period_from="2025-01-01", selection="customers")
    assert (chart.selection, str(chart.period_from)) == ("customers", "2025-01-01")


async def test_custom_statuses_are_created_changed_and_deleted_in_one_call(
    client: AsyncFirstPromoter,
) -> None:
    first = await client.custom_referral_statuses.update(
        custom_referral_statuses=[{"name": "B", "order": 2}, STATUS]
    )
    assert [(s.name, s.order) for s in first] == [("Qualified", 1), ("B", 2)]
    qualified, b = first
    second = await client.custom_referral_statuses.update(
        custom_referral_statuses=[
            {"id": qualified.id, "name": "Qualified", "order": 3, "description": "ok"},
            {"id": b.id, "name": "B", "order": 2, "_destroy": True},
            {"name": "New", "order": 1},
        ]
    )
    assert [(s.name, s.order) for s in second] == [("New", 1), ("Qualified", 3)]
    assert [s async for s in client.custom_referral_statuses.list()] == second


async def test_statuses_go_to_admin_base_url_when_given(fake: FakeFirstPromoter) -> None:
    admin = f"{fake.url}/api/admin/v1"
    async with fake.client(base_url="http://127.0.0.1:9/api/v2", admin_base_url=admin) as fp:
        assert await fp.custom_referral_statuses.update(custom_referral_statuses=[STATUS])
    assert [r.path for r in fake.state.journal] == ["/api/admin/v1/custom_referral_statuses/update"]
