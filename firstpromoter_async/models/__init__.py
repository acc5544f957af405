"""Response models: msgspec Structs, one module per resource."""

from ._base import Model
from .batch_process import BATCH_TERMINAL_STATUSES, BatchProcess, BatchProgress
from .commission import Commission, CommissionPromoterCampaign
from .common import CampaignRef, PromoterRef, ReferralRef, RewardRef
from .promoter import (
    Promoter,
    PromoterBalances,
    PromoterCampaignMembership,
    PromoterChartData,
    PromoterParent,
    PromoterPayoutMethod,
    PromoterProfile,
    PromoterStats,
)

__all__ = [
    "BATCH_TERMINAL_STATUSES",
    "BatchProcess",
    "BatchProgress",
    "CampaignRef",
    "Commission",
    "CommissionPromoterCampaign",
    "Model",
    "Promoter",
    "PromoterBalances",
    "PromoterCampaignMembership",
    "PromoterChartData",
    "PromoterParent",
    "PromoterPayoutMethod",
    "PromoterProfile",
    "PromoterStats",
    "PromoterRef",
    "ReferralRef",
    "RewardRef",
]
