"""Contracts and their signed documents. The vendor documents no answer body here: the fields
are those its request schemas and filters name; ``raw`` keeps the whole JSON object."""

from __future__ import annotations

import datetime as dt

from ._base import OpenModel
from .file import FileResult


class Contract(OpenModel):
    """Terms promoters accept: hosted ``content`` or an ``external_link``."""

    id: int
    name: str | None = None
    checkbox_label: str | None = None
    content_hosted: bool | None = None
    content: str | None = None
    external_link: str | None = None
    campaign_ids: list[int] | None = None
    default: bool | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class ContractDocument(OpenModel):
    """A promoter's copy of a contract (``status`` ``pending`` or ``signed``); ``content`` is
    its HTML when retrieved with ``content_type="html"``."""

    id: int
    contract_id: int | None = None
    promoter_id: int | None = None
    status: str | None = None
    content: str | None = None
    signed_at: dt.datetime | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


class ContractDocumentFile(FileResult, kw_only=True):
    """A contract document as a PDF: see ``FileResult``."""
