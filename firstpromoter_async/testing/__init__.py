"""Test your code offline: a stateful fake FirstPromoter API and helpers.

async with FakeFirstPromoter() as fake:
    fake.seed_promoters(3)
    async with fake.client() as fp:
        page = await fp.promoters.list()
"""

from ._app import create_app
from ._server import FakeFirstPromoter, ThreadedFakeFirstPromoter
from ._state import BatchJob, FakeState, Fault, RecordedRequest, Table

__all__ = ["BatchJob", "FakeFirstPromoter", "FakeState", "Fault", "RecordedRequest", "Table"]
__all__ += ["ThreadedFakeFirstPromoter", "create_app"]
