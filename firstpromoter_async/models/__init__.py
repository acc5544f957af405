"""Response models: msgspec Structs, one module per resource, star-imported here; the names
exported are those in ``__all__`` (a literal list, which mypy reads)."""

# ruff: noqa: F403, F405

from ._base import Model
from .asset import *
from .batch_process import *
from .campaign import *
from .commission import *
from .common import *
from .contract import *
from .custom_referral_status import *
from .dashboard import *
from .email import *
from .file import *
from .invoice import *
from .payout import *
from .product import *
from .promo_code import *
from .promoter import *
from .promoter_campaign import *
from .referral import *
from .report import *
from .reward import *
from .tracking import *
from .v1_lead import *
from .v1_payout import *
from .v1_promoter import *
from .v1_report import *
from .v1_reward import *
from .v1_tracking import *
from .webhook import *

# fmt: off
__all__ = [
    "Asset", "AssetCategory", "AssetDetails", "BATCH_TERMINAL_STATUSES", "BatchProcess",
    "BatchProgress", "Campaign", "CampaignLink", "CampaignRef", "CampaignReportRow",
    "CampaignStats", "CampaignUpgrade", "ChartPoint", "Commission", "CommissionPromoterCampaign",
    "Contract", "ContractDocument", "ContractDocumentFile", "CustomReferralStatus",
    "DashboardChartData", "DashboardPayoutsAndCommissions", "DashboardStats", "DashboardTrendings",
    "DateRange", "Email", "EmailTemplate", "EmailTrigger", "EmailTriggerSettings", "FileResult",
    "ImageSize", "Invoice", "InvoiceHTML", "InvoiceMessage", "Model", "OverviewReportRow",
    "PaymentsBatch", "PaymentsBatchMeta", "PaymentsBatchResult", "Payout", "PayoutDueStats",
    "PayoutDueStatsData", "PayoutDueTotals", "PayoutFilters", "PayoutGroupsMeta",
    "PayoutMethodDetails", "PayoutPeriodTotals", "PayoutPromoter", "PayoutPromoterProfile",
    "PayoutStats", "PayoutStatsData", "PayoutTerms", "PayoutTotals", "PayoutsGroupedByPromoters",
    "Product", "ProductPrice", "PromoCode", "Promoter", "PromoterBalances", "PromoterCampaign",
    "PromoterCampaignChartData", "PromoterCampaignMembership", "PromoterCampaignReward",
    "PromoterCampaignStats", "PromoterChartData", "PromoterParent", "PromoterPayoutMethod",
    "PromoterPayouts", "PromoterProfile", "PromoterRef", "PromoterReportRow", "PromoterStats",
    "Referral", "ReferralCustomStatus", "ReferralFilters", "ReferralLink",
    "ReferralPromoterCampaign", "ReferralRef", "ReferralSplit", "ReportData", "ReportFile",
    "ReportPeriodRow", "Reward", "RewardConfig", "RewardDetails", "RewardProduct", "RewardRef",
    "RewardRule", "RewardSchema", "TrackingEvent", "TrackingLead", "TrackingPromoter",
    "TrackingReward", "TrafficSourceReportRow", "URLReportRow", "V1AuthToken", "V1Campaign",
    "V1CampaignReport", "V1Lead", "V1Message", "V1Payout", "V1PromoCode", "V1Promoter",
    "V1PromoterProfile", "V1PromoterReport", "V1Promotion", "V1PromotionReward", "V1Report",
    "V1Reward", "V1SocialAccount", "V1SocialAccounts", "V1TrackingEvent", "WebhookDelivery",
    "WebhookEvent", "WebhookSubscription", "WebhookTestResult",
]
# fmt: on
