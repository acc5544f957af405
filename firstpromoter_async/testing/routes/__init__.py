"""The fake server's routes, one module per resource."""

from __future__ import annotations

from aiohttp import web

from . import (
    batch_processes,
    commissions,
    emails,
    payouts,
    promo_codes,
    promoter_campaigns,
    promoters,
    referrals,
    reports,
    tracking,
    v1_leads,
    v1_promoters,
    v1_rewards,
    v1_tracking,
    webhooks,
)

__all__ = ["ROUTE_TABLES"]

ROUTE_TABLES: list[web.RouteTableDef] = [
    batch_processes.routes,
    commissions.routes,
    emails.routes,
    payouts.routes,
    promo_codes.routes,
    promoter_campaigns.routes,
    promoters.routes,
    referrals.routes,
    reports.routes,
    tracking.routes,
    v1_leads.routes,
    v1_promoters.routes,
    v1_rewards.routes,
    v1_tracking.routes,
    webhooks.routes,
]
