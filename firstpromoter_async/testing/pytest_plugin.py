"""A pytest plugin (the ``pytest11`` entry point) for code that uses the SDK: the
``fake_firstpromoter`` fixture, served from a background thread for sync and async tests alike
(``.client()``: an ``AsyncFirstPromoter``), and ``fake_firstpromoter_client``, a ``FirstPromoter``.

    def test_approves(fake_firstpromoter):
        fake_firstpromoter.seed_commissions(3)
        with fake_firstpromoter.sync_client() as fp:
            fp.commissions.approve(ids=[1, 2, 3])
        assert fake_firstpromoter.requests("POST", "/company/commissions/approve")
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from ._server import ThreadedFakeFirstPromoter

if TYPE_CHECKING:
    from firstpromoter_sync import FirstPromoter

__all__ = ["fake_firstpromoter", "fake_firstpromoter_client"]


@pytest.fixture
def fake_firstpromoter() -> Iterator[ThreadedFakeFirstPromoter]:
    """A fresh fake FirstPromoter API on 127.0.0.1 for one test."""
    with ThreadedFakeFirstPromoter() as server:
        yield server


@pytest.fixture
def fake_firstpromoter_client(
    fake_firstpromoter: ThreadedFakeFirstPromoter,
) -> Iterator[FirstPromoter]:
    """A blocking ``FirstPromoter`` pointed at ``fake_firstpromoter``, closed after the test."""
    with fake_firstpromoter.sync_client() as client:
        yield client
