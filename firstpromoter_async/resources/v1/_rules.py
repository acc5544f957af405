"""Field types and identification rules shared by the v1 operations."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec

from ..._exceptions import InvalidRequestError
from ..._fields import Id, Paging
from ..._operation import Check

RefId = Annotated[str, msgspec.Meta(pattern="^[a-z0-9_-]+$")]
"""A referral id: lower-case letters, digits, ``-`` and ``_``."""
Text = Annotated[str, msgspec.Meta(pattern=r"\S")]
"""A non-empty string (event ids, uids, tokens)."""


class V1Listing(Paging, total=False):
    """The keywords of the v1 lists of leads and rewards (``**listing``), each optional:
    ``Paging``'s, and whose records: ``promotion_id`` or ``ref_id`` (a promotion's),
    ``promoter_id``, ``campaign_id`` (default none: the account's)."""

    promotion_id: Id | None
    ref_id: RefId | None
    promoter_id: Id | None
    campaign_id: Id | None


def identified(*names: str, exactly: bool = True, changes: bool = False) -> Check:
    """A rule: one of ``names`` (exactly one unless ``exactly=False``) names the record; the
    first is named when none is given. ``changes``: some other field must be given too."""
    choices = ", ".join(names[:-1]) + f" or {names[-1]}"

    def check(fields: dict[str, Any]) -> None:
        given = [name for name in names if name in fields]
        if not given:
            raise InvalidRequestError(names[0], f"is required: give {choices}")
        if exactly and len(given) > 1:
            raise InvalidRequestError(given[1], f"cannot be combined with {given[0]}: give one")
        if changes and not fields.keys() - set(names):
            raise InvalidRequestError("fields", "update needs at least one field to change")

    return check
