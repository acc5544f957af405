"""The fake server's routes, one module per resource, each with a ``routes`` table; every public
module here is imported and served without further registration."""

from __future__ import annotations

import importlib
import pkgutil

from aiohttp import web

__all__ = ["ROUTE_TABLES"]

ROUTE_TABLES: list[web.RouteTableDef] = [
    importlib.import_module(f"{__name__}.{module.name}").routes
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name)
    if not module.name.startswith("_")
]
