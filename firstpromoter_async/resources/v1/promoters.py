"""v1 promoters: create, find, change, re-key and remove promoters by their identifiers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..._exceptions import InvalidRequestError
from ..._resource import APIResource
from ..._validation import (
    body_of,
    check_email,
    check_id,
    check_optional_id,
    check_ref_id,
    require,
    update_body_of,
)
from ...models.v1_promoter import V1AuthToken, V1Message, V1Promoter

__all__ = ["V1Promoters"]

_INTEGER_IDS = frozenset({"id", "lead_id", "promotion_id"})


def _exactly_one(purpose: str, **candidates: Any) -> dict[str, Any]:
    """The one identifier given among ``candidates`` (``None`` means not given), checked.

    ``id``, ``lead_id`` and ``promotion_id`` must be positive integers, ``ref_id`` a valid
    referral id, any other a non-empty string. Raises ``InvalidRequestError`` when none or
    more than one is given.
    """
    names = list(candidates)
    alternatives = ", ".join(names[:-1]) + f" or {names[-1]}"
    given = {name: value for name, value in candidates.items() if value is not None}
    if not given:
        raise InvalidRequestError(names[0], f"is required: give one of {alternatives} {purpose}")
    if len(given) > 1:
        first, second = list(given)[:2]
        raise InvalidRequestError(
            second, f"cannot be combined with {first}: give only one of {alternatives} {purpose}"
        )
    [(name, value)] = given.items()
    if name in _INTEGER_IDS:
        check_id(value, name)
    elif name == "ref_id":
        check_ref_id(value)
    elif not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(name, f"must be a non-empty string, got {value!r}")
    return given


_FIND = "to find the promoter"


class V1Promoters(APIResource):
    """v1 promoters (``/promoters/...``), found by ``id``, ``cust_id``, ``ref_id`` or
    ``auth_token``."""

    _api = "v1"

    async def create(
        self,
        *,
        email: str,
        first_name: str | None = None,
        last_name: str | None = None,
        cust_id: str | None = None,
        ref_id: str | None = None,
        promo_code: str | None = None,
        customer_promo_code: str | None = None,
        campaign_id: int | None = None,
        temp_password: str | None = None,
        landing_url: str | None = None,
        url_tracking: bool | None = None,
        website: str | None = None,
        paypal_email: str | None = None,
        avatar_url: str | None = None,
        description: str | None = None,
        note: str | None = None,
        parent_promoter_id: int | None = None,
        parent_promoter_email: str | None = None,
        linkedin_url: str | None = None,
        twitter_url: str | None = None,
        facebook_url: str | None = None,
        instagram_url: str | None = None,
        youtube_url: str | None = None,
        country: str | None = None,
        company_name: str | None = None,
        phone_number: str | None = None,
        address: str | None = None,
        created_at: dt.datetime | str | None = None,
        skip_email_notification: bool | None = None,
        always_approve: bool | None = None,
    ) -> V1Promoter:
        """Create a promoter; the answer carries its ``auth_token`` and default ``ref_id``.

        Args:
            email: the promoter's email (required).
            ref_id: the referral id to give (lower-case letters, digits, ``-``, ``_``);
                assigned from the first name when left out.
            campaign_id: the campaign to join; the default campaign when left out.
            url_tracking: track by ``landing_url`` without a referral id in the URL.

        Not retried after a server error or a lost connection, since the server may have
        created it.

        Raises:
            InvalidRequestError: ``email`` is missing or not an email address, ``ref_id`` is
                not a valid referral id, or an id is not a positive integer.
        """
        check_email(require(email, "email"))
        check_ref_id(ref_id)
        body = body_of(
            self.create,
            email=email,
            first_name=first_name,
            last_name=last_name,
            cust_id=cust_id,
            ref_id=ref_id,
            promo_code=promo_code,
            customer_promo_code=customer_promo_code,
            campaign_id=check_optional_id(campaign_id, "campaign_id"),
            temp_password=temp_password,
            landing_url=landing_url,
            url_tracking=url_tracking,
            website=website,
            paypal_email=paypal_email,
            avatar_url=avatar_url,
            description=description,
            note=note,
            parent_promoter_id=check_optional_id(parent_promoter_id, "parent_promoter_id"),
            parent_promoter_email=parent_promoter_email,
            linkedin_url=linkedin_url,
            twitter_url=twitter_url,
            facebook_url=facebook_url,
            instagram_url=instagram_url,
            youtube_url=youtube_url,
            country=country,
            company_name=company_name,
            phone_number=phone_number,
            address=address,
            created_at=created_at,
            skip_email_notification=skip_email_notification,
            always_approve=always_approve,
        )
        return await self._request("POST", "/promoters/create", cast_to=V1Promoter, body=body)

    async def update(
        self,
        *,
        id: int | None = None,
        cust_id: str | None = None,
        ref_id: str | None = None,
        auth_token: str | None = None,
        new_cust_id: str | None = None,
        new_ref_id: str | None = None,
        email: str | None = None,
        first_name: str | None = None,
        last_name: str | None = None,
        promo_code: str | None = None,
        customer_promo_code: str | None = None,
        campaign_id: int | None = None,
        temp_password: str | None = None,
        landing_url: str | None = None,
        url_tracking: bool | None = None,
        website: str | None = None,
        paypal_email: str | None = None,
        avatar_url: str | None = None,
        description: str | None = None,
        note: str | None = None,
        parent_promoter_email: str | None = None,
        linkedin_url: str | None = None,
        twitter_url: str | None = None,
        facebook_url: str | None = None,
        instagram_url: str | None = None,
        youtube_url: str | None = None,
        country: str | None = None,
        phone_number: str | None = None,
        address: str | None = None,
    ) -> V1Promoter:
        """Change a promoter found by exactly one of ``id``, ``cust_id``, ``ref_id`` or
        ``auth_token``; only the other arguments given are sent (at least one).

        ``new_cust_id`` and ``new_ref_id`` replace the identifiers; ``email`` is the new email.

        Raises:
            InvalidRequestError: not exactly one identifier, or ``new_ref_id`` is not a valid
                referral id (lower-case letters, digits, ``-``, ``_``).
        """
        found_by = _exactly_one(_FIND, id=id, cust_id=cust_id, ref_id=ref_id, auth_token=auth_token)
        check_ref_id(new_ref_id, "new_ref_id")
        if email is not None:
            check_email(email)
        body = {
            **found_by,
            **update_body_of(
                self.update,
                new_cust_id=new_cust_id,
                new_ref_id=new_ref_id,
                email=email,
                first_name=first_name,
                last_name=last_name,
                promo_code=promo_code,
                customer_promo_code=customer_promo_code,
                campaign_id=check_optional_id(campaign_id, "campaign_id"),
                temp_password=temp_password,
                landing_url=landing_url,
                url_tracking=url_tracking,
                website=website,
                paypal_email=paypal_email,
                avatar_url=avatar_url,
                description=description,
                note=note,
                parent_promoter_email=parent_promoter_email,
                linkedin_url=linkedin_url,
                twitter_url=twitter_url,
                facebook_url=facebook_url,
                instagram_url=instagram_url,
                youtube_url=youtube_url,
                country=country,
                phone_number=phone_number,
                address=address,
            ),
        }
        return await self._request("PUT", "/promoters/update", cast_to=V1Promoter, body=body)

    async def retrieve(
        self,
        *,
        id: int | None = None,
        cust_id: str | None = None,
        ref_id: str | None = None,
        auth_token: str | None = None,
    ) -> V1Promoter:
        """One promoter with its balances and promotions, found by exactly one of ``id``,
        ``cust_id``, ``ref_id`` or ``auth_token``.

        Raises:
            InvalidRequestError: not exactly one identifier.
            NotFoundError: no such promoter.
        """
        params = _exactly_one(_FIND, id=id, cust_id=cust_id, ref_id=ref_id, auth_token=auth_token)
        return await self._request("GET", "/promoters/show", cast_to=V1Promoter, params=params)

    async def refresh_token(
        self,
        *,
        id: int | None = None,
        cust_id: str | None = None,
        auth_token: str | None = None,
    ) -> V1AuthToken:
        """Replace a promoter's ``auth_token`` (used to sign them in automatically); the
        promoter is found by exactly one of ``id``, ``cust_id`` or ``auth_token``.

        Returns the new token as ``V1AuthToken``.

        Raises:
            InvalidRequestError: not exactly one identifier.
        """
        body = _exactly_one(_FIND, id=id, cust_id=cust_id, auth_token=auth_token)
        return await self._request(
            "PUT", "/promoters/refresh_token", cast_to=V1AuthToken, body=body
        )

    async def delete(
        self,
        *,
        id: int | None = None,
        cust_id: str | None = None,
        ref_id: str | None = None,
        auth_token: str | None = None,
    ) -> V1Message:
        """Remove a promoter found by exactly one of ``id``, ``cust_id``, ``ref_id`` or
        ``auth_token``; returns the server's confirmation.

        Raises:
            InvalidRequestError: not exactly one identifier.
            NotFoundError: no such promoter.
        """
        body = _exactly_one(_FIND, id=id, cust_id=cust_id, ref_id=ref_id, auth_token=auth_token)
        return await self._request("DELETE", "/promoters/delete", cast_to=V1Message, body=body)
