"""Products (``/company/products``)."""

from __future__ import annotations

import datetime as dt

from ._base import Model


class ProductPrice(Model):
    ext_id: str | None = None
    desc: str | None = None


class Product(Model):
    """A product and the provider prices it groups."""

    id: int
    name: str | None = None
    ext_id: str | None = None
    prices: list[ProductPrice] | None = None
    created_at: dt.datetime | None = None
