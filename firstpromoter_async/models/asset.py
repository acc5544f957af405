"""Marketing assets and their categories."""

from __future__ import annotations

import datetime as dt

from ._base import Model
from .common import CampaignRef


class AssetCategory(Model):
    """A category of assets (``assets.categories``), or the one an asset is in."""

    id: int
    name: str | None = None
    position: int | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class ImageSize(Model):
    width: int | None = None
    height: int | None = None


class AssetDetails(Model):
    """What the server learnt from an uploaded file."""

    file_format: str | None = None
    file_size: int | None = None
    image_size: ImageSize | None = None


class Asset(Model):
    """A marketing asset: an image, a document, a link or a text promoters may use."""

    id: int
    name: str | None = None
    asset_type: str | None = None
    """``image``, ``document``, ``link`` or ``text``."""
    url: str | None = None
    thumbnail_url: str | None = None
    content: str | None = None
    landing_page_url: str | None = None
    uploading: bool | None = None
    details: AssetDetails | None = None
    category: AssetCategory | None = None
    allowed_campaign_ids: list[int] | None = None
    allowed_campaigns: list[CampaignRef] | None = None
