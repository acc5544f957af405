"""v1 leads: assign, find, change and remove the leads and customers promoters referred."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ..._exceptions import InvalidRequestError
from ..._resource import APIResource
from ..._validation import body_of, check_choice, check_ref_id, require, update_body_of
from ...models.v1_lead import V1Lead
from ...models.v1_promoter import V1Message
from .promoters import _exactly_one

__all__ = ["V1Leads"]

LeadState = Literal["signup", "subscribed", "active", "denied", "cancelled"]
LEAD_STATES = frozenset({"signup", "subscribed", "active", "denied", "cancelled"})

_FIND = "to find the lead"


class V1Leads(APIResource):
    """v1 leads and customers (``/leads/...``), found by ``id``, ``uid`` or ``email``."""

    _api = "v1"

    async def create(
        self,
        *,
        email: str,
        promotion_id: int | None = None,
        ref_id: str | None = None,
        uid: str | None = None,
        state: LeadState | None = None,
        customer_since: dt.datetime | dt.date | str | None = None,
        plan_name: str | None = None,
    ) -> V1Lead:
        """Assign a new lead to the promoter whose promotion has ``promotion_id`` or
        ``ref_id`` (exactly one of them).

        Args:
            email: the lead's email (required).
            uid: the lead's id in your billing provider or database.
            state: ``signup``, ``subscribed``, ``active``, ``denied`` or ``cancelled``.
            customer_since: when the lead became a customer.
            plan_name: the customer's plan, as set up on FirstPromoter.

        Raises:
            InvalidRequestError: ``email`` is missing or not an email address, not exactly one
                of ``promotion_id``/``ref_id``, or ``state`` is not a lead state.
        """
        require(email, "email")
        if not isinstance(email, str) or "@" not in email:
            raise InvalidRequestError("email", f"must be an email address, got {email!r}")
        promotion = _exactly_one(
            "to find the promoter's promotion", promotion_id=promotion_id, ref_id=ref_id
        )
        check_choice(state, "state", LEAD_STATES)
        body = {
            "email": email,
            **promotion,
            **body_of(
                self.create,
                uid=uid,
                state=state,
                customer_since=customer_since,
                plan_name=plan_name,
            ),
        }
        return await self._request("POST", "/leads/create", cast_to=V1Lead, body=body)

    async def update(
        self,
        *,
        id: int | None = None,
        uid: str | None = None,
        email: str | None = None,
        new_uid: str | None = None,
        new_email: str | None = None,
        new_ref_id: str | None = None,
        soft_switch: bool | None = None,
        state: LeadState | None = None,
        customer_since: dt.datetime | dt.date | str | None = None,
        plan_name: str | None = None,
    ) -> V1Lead:
        """Change a lead found by exactly one of ``id``, ``uid`` or ``email``; only the other
        arguments given are sent (at least one).

        Args:
            new_uid, new_email: the lead's new uid or email.
            new_ref_id: move the lead to the promoter with this referral id.
            soft_switch: with ``new_ref_id``, keep the past rewards with the old promoter.
            state: ``signup``, ``subscribed``, ``active``, ``denied`` or ``cancelled``.

        Raises:
            InvalidRequestError: not exactly one identifier, ``new_ref_id`` is not a valid
                referral id, or ``state`` is not a lead state.
        """
        found_by = _exactly_one(_FIND, id=id, uid=uid, email=email)
        check_ref_id(new_ref_id, "new_ref_id")
        check_choice(state, "state", LEAD_STATES)
        body = {
            **found_by,
            **update_body_of(
                self.update,
                new_uid=new_uid,
                new_email=new_email,
                new_ref_id=new_ref_id,
                soft_switch=soft_switch,
                state=state,
                customer_since=customer_since,
                plan_name=plan_name,
            ),
        }
        return await self._request("PUT", "/leads/update", cast_to=V1Lead, body=body)

    async def retrieve(
        self, *, id: int | None = None, uid: str | None = None, email: str | None = None
    ) -> V1Lead:
        """One lead with its promotion and promoter, found by exactly one of ``id``, ``uid``
        or ``email``.

        Raises:
            InvalidRequestError: not exactly one identifier.
            NotFoundError: no such lead.
        """
        params = _exactly_one(_FIND, id=id, uid=uid, email=email)
        return await self._request("GET", "/leads/show", cast_to=V1Lead, params=params)

    async def delete(
        self, *, id: int | None = None, uid: str | None = None, email: str | None = None
    ) -> V1Message:
        """Remove a lead found by exactly one of ``id``, ``uid`` or ``email``; returns the
        server's confirmation.

        Raises:
            InvalidRequestError: not exactly one identifier.
            NotFoundError: no such lead.
        """
        body = _exactly_one(_FIND, id=id, uid=uid, email=email)
        return await self._request("DELETE", "/leads/delete", cast_to=V1Message, body=body)
