"""The async client: configuration, resources, and lifetime."""

from __future__ import annotations

import os
from functools import cached_property
from types import TracebackType

import aiohttp

from ._batch import BatchPoller
from ._exceptions import InvalidRequestError
from ._rate_limit import RateLimiter, TokenBucket
from ._redis_rate_limit import RedisRateLimiter, account_for_v1_key
from ._retry import RetryPolicy
from ._transport import USER_AGENT, Endpoint, Transport
from .models.batch_process import BatchProcess
from .resources.batch_processes import BatchProcesses
from .resources.commissions import Commissions
from .resources.emails import Emails
from .resources.payouts import Payouts
from .resources.promo_codes import PromoCodes
from .resources.promoter_campaigns import PromoterCampaigns
from .resources.promoters import Promoters
from .resources.referrals import Referrals
from .resources.reports import Reports
from .resources.tracking import Tracking
from .resources.v1 import V1
from .resources.webhooks import Webhooks

__all__ = ["AsyncFirstPromoter", "DEFAULT_BASE_URL", "DEFAULT_V1_BASE_URL"]

DEFAULT_BASE_URL = "https://api.firstpromoter.com/api/v2"
DEFAULT_V1_BASE_URL = "https://firstpromoter.com/api/v1"


class AsyncFirstPromoter:
    """The FirstPromoter API client for asyncio.

    Use it as ``async with AsyncFirstPromoter(...) as fp:`` or call ``await fp.aclose()``.
    One client holds one connection pool, one rate limiter and one batch poller: share it
    across the tasks of a service.
    """

    def __init__(
        self,
        *,
        api_key: str | None = None,
        account_id: str | int | None = None,
        base_url: str | None = None,
        v1_api_key: str | None = None,
        v1_base_url: str | None = None,
        wid: str | None = None,
        timeout: float = 30.0,
        max_retries: int = 2,
        requests_per_minute: float | None = 400,
        rate_limiter: RateLimiter | None = None,
        batch_poll_interval: float = 1.0,
        session: aiohttp.ClientSession | None = None,
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
            wid: default ``wid`` (website id) for v1 tracking calls; else ``FIRSTPROMOTER_WID``.
            timeout: seconds a request may take in all, per try.
            max_retries: retries after the first try (see the retry policy in the README).
            requests_per_minute: client-side rate limit; ``None`` turns it off.
            rate_limiter: a limiter to use instead, e.g. one shared by several clients.
            batch_poll_interval: seconds between progress polls while batches are awaited.
            session: an ``aiohttp.ClientSession`` owned by the caller (never closed here).
            redis_url: share the account's ``requests_per_minute`` with every process using
                this Redis (a ``RedisRateLimiter``; extra ``firstpromoter[redis]``); else
                ``FIRSTPROMOTER_REDIS_URL`` (unless ``requests_per_minute=None``). Ignored
                when ``rate_limiter`` is given.

        Raises:
            InvalidRequestError: no API key was given or found, or a setting is out of range.
        """
        env = os.environ
        api_key = api_key or env.get("FIRSTPROMOTER_API_KEY")
        v1_api_key = v1_api_key or env.get("FIRSTPROMOTER_V1_API_KEY") or api_key
        if not api_key and not v1_api_key:
            raise InvalidRequestError(
                "api_key", "is required: pass api_key= or set FIRSTPROMOTER_API_KEY"
            )
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise InvalidRequestError("timeout", f"must be a positive number, got {timeout!r}")
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise InvalidRequestError(
                "max_retries", f"must be an integer >= 0, got {max_retries!r}"
            )
        if requests_per_minute is not None and requests_per_minute <= 0:
            raise InvalidRequestError(
                "requests_per_minute", "must be positive, or None for no limit"
            )
        if batch_poll_interval <= 0:
            raise InvalidRequestError("batch_poll_interval", "must be a positive number of seconds")
        self._api_key = api_key
        self._v1_api_key = v1_api_key
        account = account_id if account_id is not None else env.get("FIRSTPROMOTER_ACCOUNT_ID")
        self.account_id = str(account) if account is not None and account != "" else None
        self.base_url = (base_url or env.get("FIRSTPROMOTER_BASE_URL") or DEFAULT_BASE_URL).rstrip(
            "/"
        )
        self.v1_base_url = (
            v1_base_url or env.get("FIRSTPROMOTER_V1_BASE_URL") or DEFAULT_V1_BASE_URL
        ).rstrip("/")
        self.wid = wid or env.get("FIRSTPROMOTER_WID")
        self.timeout = float(timeout)
        self.max_retries = max_retries
        if redis_url is None and requests_per_minute is not None:
            redis_url = env.get("FIRSTPROMOTER_REDIS_URL") or None
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
        )
        self._batch_poller = BatchPoller(
            fetch_progress=self._fetch_batch_progress,
            fetch_process=self._fetch_batch_process,
            interval=batch_poll_interval,
        )
        self._endpoints: dict[str, Endpoint] = {}

    # -- resources ---------------------------------------------------------------------------

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
    def v1(self) -> V1:
        """The v1 API (``x-api-key``, form-encoded)."""
        return V1(self)

    # -- lifetime ----------------------------------------------------------------------------

    async def aclose(self) -> None:
        """Stop batch polling and close the session (unless the caller owns it)."""
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
            endpoint = self._endpoints[api] = self._build_endpoint(api)
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
        return Endpoint("v2", self.base_url, headers)

    async def _fetch_batch_progress(self) -> dict[int, float]:
        return await self.batch_processes.progress()

    async def _fetch_batch_process(self, id: int) -> BatchProcess:
        return await self.batch_processes.retrieve(id)
