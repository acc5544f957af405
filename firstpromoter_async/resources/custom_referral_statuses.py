"""Custom referral statuses (on the admin API base, ``admin_base_url``)."""

from __future__ import annotations

import builtins
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from .._exceptions import InvalidRequestError
from .._fields import Paging, Unpack
from .._operation import op
from .._pagination import AsyncPaginator
from .._resource import APIResource
from ..models.custom_referral_status import CustomReferralStatus

__all__ = ["CustomReferralStatuses"]


def _statuses(fields: dict[str, Any]) -> None:
    for index, status in enumerate(fields["custom_referral_statuses"]):
        where = f"custom_referral_statuses[{index}]"
        for name in ("name", "order"):
            if status.get(name) is None:
                raise InvalidRequestError(f"{where}.{name}", "is required")
        if status.get("_destroy") and status.get("id") is None:
            raise InvalidRequestError(f"{where}.id", "is required with _destroy")


class CustomReferralStatuses(APIResource):
    """The account's own referral statuses (admin API ``/custom_referral_statuses``)."""

    _api: ClassVar[str] = "admin"  # list pages too

    @op("GET", "/custom_referral_statuses", api="admin")
    def list(self, **paging: Unpack[Paging]) -> AsyncPaginator[CustomReferralStatus]:
        """Every custom status, by ``order`` (a lazy paginator). Keywords: ``Paging``."""
        return self._paginate(self.list, locals())

    @op("PUT", "/custom_referral_statuses/update", api="admin", checks=[_statuses])
    async def update(
        self, *, custom_referral_statuses: Sequence[Mapping[str, Any]]
    ) -> builtins.list[CustomReferralStatus]:
        """Create (no ``id``), change (with ``id``) and delete (``id`` + ``"_destroy": True``)
        statuses in one call; each needs ``name`` and ``order``. Returns them all."""
        return await self._call(self.update, locals())
