"""aioresponses on aiohttp >= 3.14.

aioresponses 0.7.9 builds ``ClientResponse`` without the ``stream_writer`` argument that
aiohttp 3.14 requires (pnuckowski/aioresponses#289, fix pending in #288). ``MockedHTTP`` hands
it a response class that supplies one, so unit-level wire tests run on the newest aiohttp.
"""

from __future__ import annotations

from typing import Any

from aiohttp import ClientResponse
from aioresponses import aioresponses


class _SentRequestWriter:
    """Stands in for the stream writer of a request that was already sent."""

    output_size = 0


class CompatClientResponse(ClientResponse):
    """A ``ClientResponse`` that aioresponses can build on any aiohttp 3.x."""

    def __init__(self, method: str, url: Any, **kwargs: Any) -> None:
        kwargs.setdefault("stream_writer", _SentRequestWriter())
        super().__init__(method, url, **kwargs)


class MockedHTTP(aioresponses):
    """``aioresponses`` whose mocked responses default to ``CompatClientResponse``."""

    def add(self, url: Any, method: str = "GET", *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("response_class", CompatClientResponse)
        super().add(url, method, *args, **kwargs)
