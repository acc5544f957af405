"""The async client: configuration, resources, and lifetime."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cached_property
from types import TracebackType
from typing import Any, Literal, TypeVar, overload

import aiohttp

from ._batch import BatchPoller
from ._config import (
    check_base_url,
    check_count,
    check_rate_limiter,
    check_seconds,
    check_session,
    derive_admin_base_url,
    requests_per_minute_setting,
    secret_setting,
    text_setting,
)
from ._exceptions import InvalidRequestError
from ._hooks import EventHooks
from ._logs import setup_logging
from ._rate_limit import RateLimiter, TokenBucket
from ._redis_rate_limit import RedisRateLimiter, account_for_v1_key
from ._request import send_request
from ._response import APIResponse
from ._retry import RetryPolicy
from ._transport import USER_AGENT, Endpoint, RequestOptions, Transport
from ._views import apply_options, make_view
from .resources.assets import Assets
from .resources.batch_processes import BatchProcesses
from .resources.campaigns import Campaigns
from .resources.commissions import Commissions
from .resources.contract_documents import ContractDocuments
from .resources.contracts import Contracts
from .resources.custom_referral_statuses import CustomReferralStatuses
from .resources.dashboards import Dashboards
from .resources.emails import Emails
from .resources.invoices import Invoices
from .resources.payments_batches import PaymentsBatches
from .resources.payout_methods import PayoutMethods
from .resources.payouts import Payouts
from .resources.products import Products
from .resources.promo_codes import PromoCodes
from .resources.promoter_campaigns import PromoterCampaigns
from .resources.promoters import Promoters
from .resources.referrals import Referrals
from .resources.reports import Reports
from .resources.rewards import Rewards
from .resources.tracking import Tracking
from .resources.v1 import V1
from .resources.webhooks import Webhooks

__all__ = [
    "AsyncFirstPromoter",
    "DEFAULT_ADMIN_BASE_URL",
    "DEFAULT_BASE_URL",
    "DEFAULT_V1_BASE_URL",
]

DEFAULT_BASE_URL = "https://api.firstpromoter.com/api/v2"
DEFAULT_V1_BASE_URL = "https://firstpromoter.com/api/v1"
DEFAULT_ADMIN_BASE_URL = "https://api.firstpromoter.com/api/admin/v1"

T = TypeVar("T")


class AsyncFirstPromoter:
    """The FirstPromoter API client for asyncio.

    Use it as ``async with AsyncFirstPromoter(...) as fp:`` or call ``await fp.aclose()``.
    One client holds one connection pool, one rate limiter and one batch poller: share it
    across the tasks of a service.
    """

    _options = RequestOptions()  # a view's own settings (see ``with_options``)
    _view_of: AsyncFirstPromoter | None = None  # the client a view was made from

    def __init__(
        self,
        *,
        api_key: str | None = None,
        account_id: str | int | None = None,
        base_url: str | None = None,
        v1_api_key: str | None = None,
        v1_base_url: str | None = None,
        admin_base_url: str | None = None,
        wid: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        requests_per_minute: float | None = 400,
        rate_limiter: RateLimiter | None = None,
        batch_poll_interval: float = 1.0,
        session: aiohttp.ClientSession | None = None,
        event_hooks: EventHooks | None = None,
        proxy: str | None = None,
        redis_url: str | None = None,
    ) -> None:
        """Create a client; nothing is sent and no session opened until the first request.

        Args:
            api_key: the v2 API key (Bearer token); else ``FIRSTPROMOTER_API_KEY``.
            account_id: the account id sent as ``Account-ID``; else
                ``FIRSTPROMOTER_ACCOUNT_ID``.
            base_url: the v2 base URL; else ``FIRSTPROMOTER_BASE_URL``, else the production API.
            v1_api_key: the v1 key (``x-api-key``); else ``FIRSTPROMOTER_V1_API_KEY``, else
                ``api_key``.
            v1_base_url: the v1 base URL; else ``FIRSTPROMOTER_V1_BASE_URL``, else production.
            admin_base_url: the admin API's base URL (``api="admin"``); else
                ``FIRSTPROMOTER_ADMIN_BASE_URL``, else ``base_url``'s scheme and host with the
                path ``/api/admin/v1``.
            wid: default ``wid`` (website id) for v1 tracking calls; else ``FIRSTPROMOTER_WID``.
            timeout: seconds a request may take in all, per try.
            max_retries: retries after the first try (see the retry policy in the README).
            requests_per_minute: client-side rate limit; ``None`` turns it off.
            rate_limiter: a limiter to use instead, e.g. one shared by several clients.
            batch_poll_interval: seconds between progress polls while batches are awaited.
            session: an ``aiohttp.ClientSession`` owned by the caller (never closed here;
                its own ``trust_env`` decides whether environment proxies apply).
            event_hooks: ``{"request": [...], "response": [...], "retry": [...]}``: sync or
                async callables given a ``RequestEvent``, ``ResponseEvent`` or ``RetryEvent``
                for every try; a hook that raises is logged and the call goes on.
            proxy: a proxy URL (``http://host:port``) for every request; without it
                ``HTTP_PROXY``, ``HTTPS_PROXY`` and ``NO_PROXY`` apply.
            redis_url: share the account's ``requests_per_minute`` with every process using
                this Redis (a ``RedisRateLimiter``; extra ``firstpromoter[redis]``); else
                ``FIRSTPROMOTER_REDIS_URL`` (unless ``requests_per_minute=None``). Ignored
                when ``rate_limiter`` is given.

        Raises:
            InvalidRequestError: no API key was given or found, or a setting is invalid (its
                ``param`` names the keyword; a credential's value is never echoed).
        """
        setup_logging()  # FIRSTPROMOTER_LOG may have been set after import
        api_key = secret_setting("api_key", api_key, "FIRSTPROMOTER_API_KEY")
        v1_api_key = secret_setting("v1_api_key", v1_api_key, "FIRSTPROMOTER_V1_API_KEY") or api_key
        if not api_key and not v1_api_key:
            raise InvalidRequestError(
                "api_key", "is required: pass api_key= or set FIRSTPROMOTER_API_KEY"
            )
        self._api_key = api_key
        self._v1_api_key = v1_api_key
        self.account_id = text_setting(
            "account_id", account_id, "FIRSTPROMOTER_ACCOUNT_ID", allow_int=True
        )
        self.base_url = check_base_url(
            "base_url", base_url, "FIRSTPROMOTER_BASE_URL", DEFAULT_BASE_URL
        )
        self.v1_base_url = check_base_url(
            "v1_base_url", v1_base_url, "FIRSTPROMOTER_V1_BASE_URL", DEFAULT_V1_BASE_URL
        )
        self.admin_base_url = check_base_url(
            "admin_base_url",
            admin_base_url,
            "FIRSTPROMOTER_ADMIN_BASE_URL",
            derive_admin_base_url(self.base_url),
        )
        self.wid = text_setting("wid", wid, "FIRSTPROMOTER_WID")
        self.timeout = check_seconds("timeout", timeout)
        self.max_retries = check_count("max_retries", max_retries)
        requests_per_minute = requests_per_minute_setting(requests_per_minute)
        batch_poll_interval = check_seconds("batch_poll_interval", batch_poll_interval)
        check_rate_limiter(rate_limiter)
        check_session(session)
        # the environment's Redis applies only to a client that has a budget to share
        redis_env = "FIRSTPROMOTER_REDIS_URL" if requests_per_minute is not None else None
        redis_url = secret_setting("redis_url", redis_url, redis_env)
        self._owns_rate_limiter = rate_limiter is None and redis_url is not None
        if self._owns_rate_limiter and redis_url is not None:
            if requests_per_minute is None:
                raise InvalidRequestError(
                    "redis_url", "needs a requests_per_minute budget to share (got None)"
                )
            rate_limiter = RedisRateLimiter(
                redis_url,
                account=self.account_id or account_for_v1_key(v1_api_key or ""),
                requests_per_minute=requests_per_minute,
            )
        if rate_limiter is None and requests_per_minute is not None:
            rate_limiter = TokenBucket(requests_per_minute)
        self.rate_limiter = rate_limiter
        self._transport = Transport(
            timeout=self.timeout,
            retry=RetryPolicy(max_retries=max_retries),
            rate_limiter=rate_limiter,
            session=session,
            secrets=[s for s in (api_key, v1_api_key) if s],
            event_hooks=event_hooks,
            proxy=proxy,
        )
        self._batch_poller = BatchPoller(self.batch_processes, interval=batch_poll_interval)
        self._endpoints: dict[str, Endpoint] = {}

    # -- resources ---------------------------------------------------------------------------

    @cached_property
    def assets(self) -> Assets:
        """Marketing assets and their categories."""
        return Assets(self)

    @cached_property
    def batch_processes(self) -> BatchProcesses:
        """Batch processes behind bulk actions."""
        return BatchProcesses(self)

    @cached_property
    def commissions(self) -> Commissions:
        """Commissions."""
        return Commissions(self)

    @cached_property
    def emails(self) -> Emails:
        """Emails to promoters."""
        return Emails(self)

    @cached_property
    def invoices(self) -> Invoices:
        """Invoices of payouts and the invoice template."""
        return Invoices(self)

    @cached_property
    def payouts(self) -> Payouts:
        """Payouts."""
        return Payouts(self)

    @cached_property
    def promo_codes(self) -> PromoCodes:
        """Promo codes."""
        return PromoCodes(self)

    @cached_property
    def promoter_campaigns(self) -> PromoterCampaigns:
        """Promoters' campaign memberships."""
        return PromoterCampaigns(self)

    @cached_property
    def promoters(self) -> Promoters:
        """Promoters."""
        return Promoters(self)

    @cached_property
    def referrals(self) -> Referrals:
        """Referrals."""
        return Referrals(self)

    @cached_property
    def reports(self) -> Reports:
        """Reports."""
        return Reports(self)

    @cached_property
    def tracking(self) -> Tracking:
        """v2 tracking of signups, sales, refunds and cancellations."""
        return Tracking(self)

    @cached_property
    def webhooks(self) -> Webhooks:
        """Webhook subscriptions and deliveries."""
        return Webhooks(self)

    @cached_property
    def campaigns(self) -> Campaigns:
        """Campaigns."""
        return Campaigns(self)

    @cached_property
    def contract_documents(self) -> ContractDocuments:
        """Promoters' copies of contracts."""
        return ContractDocuments(self)

    @cached_property
    def contracts(self) -> Contracts:
        """Contracts promoters accept."""
        return Contracts(self)

    @cached_property
    def custom_referral_statuses(self) -> CustomReferralStatuses:
        """Custom referral statuses (admin API)."""
        return CustomReferralStatuses(self)

    @cached_property
    def dashboards(self) -> Dashboards:
        """The dashboard's figures."""
        return Dashboards(self)

    @cached_property
    def payments_batches(self) -> PaymentsBatches:
        """Payments batches."""
        return PaymentsBatches(self)

    @cached_property
    def payout_methods(self) -> PayoutMethods:
        """Promoters' payout methods."""
        return PayoutMethods(self)

    @cached_property
    def products(self) -> Products:
        """Products."""
        return Products(self)

    @cached_property
    def rewards(self) -> Rewards:
        """Rewards (v2)."""
        return Rewards(self)

    @cached_property
    def v1(self) -> V1:
        """The v1 API (``x-api-key``, form-encoded)."""
        return V1(self)

    # -- any endpoint, per-call options ---------------------------------------------------------

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        api: Literal["v2", "v1", "admin"] = "v2",
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        form: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
        cast_to: None = None,
        raw: Literal[False] = False,
    ) -> Any: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        api: Literal["v2", "v1", "admin"] = "v2",
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        form: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
        cast_to: type[T],
        raw: Literal[False] = False,
    ) -> T: ...

    @overload
    async def request(
        self,
        method: str,
        path: str,
        *,
        api: Literal["v2", "v1", "admin"] = "v2",
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        form: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
        cast_to: None = None,
        raw: Literal[True],
    ) -> APIResponse: ...

    async def request(
        self,
        method: str,
        path: str,
        *,
        api: Literal["v2", "v1", "admin"] = "v2",
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        form: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
        cast_to: Any = None,
        raw: bool = False,
    ) -> Any:
        """Call any endpoint, e.g. one the SDK does not wrap yet.

        The request goes through the same rate limiter, retry policy, error mapping and key
        scrubbing as every method.

        Args:
            method: the HTTP method (``"GET"``, ``"POST"``, ...).
            path: relative to the API's base URL (``"/company/promoters"``); an absolute URL
                is accepted only on that same origin.
            api: ``"v2"`` (Bearer + ``Account-ID``), ``"v1"`` (``x-api-key``) or ``"admin"``
                (``admin_base_url``, v2 credentials).
            params: the query string (nested mappings and lists as the API expects them).
            json: a body sent as JSON.
            form: a body sent form-encoded (as v1 expects).
            idempotent: whether a failed try may be repeated after it may have reached the
                server; default: yes for GET, HEAD, PUT, DELETE, OPTIONS, no for POST, PATCH.
            cast_to: decode the answer into this type (a model, ``list[Model]``, ...).
            raw: return an ``APIResponse`` (status, headers, body) instead.

        Returns:
            The decoded JSON (builtins; ``None`` for an empty body), ``cast_to``, or an
            ``APIResponse``.

        Raises:
            InvalidRequestError: a bad argument (nothing was sent).
            APIStatusError: a non-2xx answer (its subclass for the status).
            APIResponseValidationError: the answer does not decode into ``cast_to``.
        """
        return await send_request(
            self,
            method,
            path,
            api=api,
            params=params,
            json=json,
            form=form,
            idempotent=idempotent,
            cast_to=cast_to,
            raw=raw,
        )

    def with_options(
        self,
        *,
        timeout: float | None = None,
        max_retries: int | None = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> AsyncFirstPromoter:
        """A view of this client with other per-request settings.

        The view shares the client's connections, rate limiter and batch poller and opens
        nothing of its own; closing the view does nothing, closing the client ends both.
        Views are cheap: make one per call if you like (``fp.with_options(timeout=120)
        .reports.download(...)``).

        Args:
            timeout: seconds a request may take in all, per try.
            max_retries: retries after the first try.
            extra_headers: headers added to every request (not credentials).

        Raises:
            InvalidRequestError: a setting is invalid.
        """
        return make_view(
            self,
            self._options,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers,
        )

    # -- lifetime ----------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop batch polling and close the session (unless the caller owns it).

        On a view (``with_options``) this does nothing: the client it came from owns the
        connections, and closing that client ends its views too.
        """
        if self._view_of is not None:
            return
        await self._batch_poller.aclose()
        await self._transport.aclose()
        if self._owns_rate_limiter and isinstance(self.rate_limiter, RedisRateLimiter):
            await self.rate_limiter.aclose()

    async def __aenter__(self) -> AsyncFirstPromoter:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return (
            f"AsyncFirstPromoter(account_id={self.account_id!r}, base_url={self.base_url!r}, "
            f"v1_base_url={self.v1_base_url!r})"
        )

    @property
    def retry_policy(self) -> RetryPolicy:
        """The retry policy in force; its fields may be changed (e.g. ``base_delay``)."""
        return self._transport.retry

    @property
    def requests_sent(self) -> int:
        """HTTP requests sent so far, retries included."""
        return self._transport.requests_sent

    @property
    def retries(self) -> int:
        """Retries made so far."""
        return self._transport.retries

    # -- internals used by resources -----------------------------------------------------------

    def _endpoint(self, api: str) -> Endpoint:
        endpoint = self._endpoints.get(api)
        if endpoint is None:
            endpoint = self._build_endpoint(api)
            endpoint = self._endpoints[api] = apply_options(endpoint, self._options)
        return endpoint

    def _build_endpoint(self, api: str) -> Endpoint:
        common = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if api == "v1":
            if not self._v1_api_key:
                raise InvalidRequestError("v1_api_key", "is required for v1 calls")
            return Endpoint(
                "v1", self.v1_base_url, {**common, "x-api-key": self._v1_api_key}, form_encoded=True
            )
        if not self._api_key:
            raise InvalidRequestError(
                "api_key", "is required for v2 calls: pass api_key= or set FIRSTPROMOTER_API_KEY"
            )
        if not self.account_id:
            raise InvalidRequestError(
                "account_id",
                "is required for v2 calls: pass account_id= or set FIRSTPROMOTER_ACCOUNT_ID",
            )
        headers = {
            **common,
            "Authorization": f"Bearer {self._api_key}",
            "Account-ID": self.account_id,
        }
        if api == "admin":  # the admin API: same credentials, another base
            return Endpoint("admin", self.admin_base_url, headers)
        return Endpoint("v2", self.base_url, headers)

    def _after_fork(self) -> list[object]:
        """In a forked child: drop the session and batch waits inherited from the parent.

        Returns what was dropped, for the caller to keep alive: collecting it in the child
        would close the parent's connections.
        """
        return [*self._transport.forget_session(), *self._batch_poller.forget_loop_state()]
