"""The one place requests are sent: session, auth headers, encoding, rate limit, retries, errors."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp
import backoff
import msgspec
from multidict import CIMultiDictProxy
from yarl import URL

from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    FirstPromoterError,
    status_error_class,
)
from ._query import encode_query
from ._rate_limit import PausableRateLimiter, RateLimiter
from ._retry import RetryPolicy
from ._version import __version__

__all__ = ["Endpoint", "RawResponse", "Transport"]

log = logging.getLogger("firstpromoter")

USER_AGENT = f"firstpromoter-python/{__version__} aiohttp/{aiohttp.__version__}"
_JSON_ENCODER = msgspec.json.Encoder()
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})


@dataclass(frozen=True)
class Endpoint:
    """One API generation: where it lives, how it authenticates, how bodies are encoded."""

    name: str
    base_url: str
    headers: Mapping[str, str] = field(repr=False)  # holds the credentials
    form_encoded: bool = False

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else self.base_url + path

    def same_origin(self, url: str) -> bool:
        """Whether ``url`` points at this endpoint's host (so credentials may go there)."""
        mine, other = urlsplit(self.base_url), urlsplit(url)
        return (mine.scheme, mine.netloc) == (other.scheme, other.netloc)


@dataclass(frozen=True)
class RawResponse:
    """A 2xx answer, body read in full."""

    status: int
    headers: CIMultiDictProxy[str]
    body: bytes
    url: str
    next_url: str | None
    has_links: bool


class _Retry(Exception):
    """Carries an error the retry policy wants tried again (private to the retry loop)."""

    def __init__(self, error: FirstPromoterError) -> None:
        self.error = error


class Transport:
    """Owns the aiohttp session and sends every request of one client."""

    def __init__(
        self,
        *,
        timeout: float,
        retry: RetryPolicy,
        rate_limiter: RateLimiter | None,
        session: aiohttp.ClientSession | None,
        secrets: Sequence[str],
        connection_limit: int = 100,
    ) -> None:
        self.timeout = timeout
        self.retry = retry
        self.rate_limiter = rate_limiter
        self._session = session
        self._owns_session = session is None
        self._secrets = tuple(s for s in secrets if s)
        self._connection_limit = connection_limit
        self._closed = False
        self.requests_sent = 0
        self.retries = 0
        # retries 2..n; the first try and the first wait happen in ``request`` (see there)
        self._send_again = backoff.on_exception(
            self._waits,  # type: ignore[arg-type]  # a generator that is sent each error
            _Retry,
            max_tries=lambda: self.retry.max_retries,
            jitter=None,
            on_backoff=self._on_backoff,
            logger=None,
        )(self._send_once)

    def _waits(self) -> Generator[float | None, _Retry, None]:
        """The ``backoff`` wait generator: sent each failure, it yields the next delay."""
        retry = yield None
        attempt = 1  # the wait before the first retry was taken in ``request``
        while True:
            retry = yield self.retry.delay(attempt, retry.error)
            attempt += 1

    # -- session -----------------------------------------------------------------------------

    def _get_session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise APIConnectionError("The client is closed.", request_sent=False)
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self.timeout),
                connector=aiohttp.TCPConnector(limit=self._connection_limit),
            )
        return self._session

    def forget_session(self) -> aiohttp.ClientSession | None:
        """Drop the session unclosed and return it (after ``os.fork()`` it is the parent's);
        the next request opens a new one."""
        if not self._owns_session:
            return None
        session, self._session = self._session, None
        return session

    async def aclose(self) -> None:
        self._closed = True
        session, self._session = self._session, None
        if session is not None and self._owns_session:
            await session.close()

    # -- requests ----------------------------------------------------------------------------

    async def request(
        self,
        endpoint: Endpoint,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        form: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> RawResponse:
        """Send one logical request (retried per the policy) and return its 2xx answer.

        Raises the ``APIStatusError`` subclass of a non-2xx answer, ``APIConnectionError`` or
        ``APITimeoutError`` when no answer came.
        """
        url = endpoint.url(path)
        if params:
            query = urlencode(encode_query(params))
            if query:
                url = f"{url}&{query}" if "?" in url else f"{url}?{query}"
        body: bytes | None = None
        headers = endpoint.headers
        if json is not None:
            body = _JSON_ENCODER.encode(json)
            headers = {**headers, "Content-Type": "application/json"}
        elif form is not None:
            body = urlencode(encode_query(form)).encode()
            headers = {**headers, "Content-Type": "application/x-www-form-urlencoded"}
        if idempotent is None:
            idempotent = method in _IDEMPOTENT_METHODS
        # the first try runs bare: most requests succeed, and need no retry machinery
        try:
            return await self._send_once(endpoint, method, url, body, headers, idempotent)
        except _Retry as failed:
            if self.retry.max_retries < 1:
                raise failed.error from None
            wait = self.retry.delay(0, failed.error)
            self._note_retry(url, 1, wait, failed.error)
            await asyncio.sleep(wait)
        try:
            return await self._send_again(endpoint, method, url, body, headers, idempotent)
        except _Retry as exhausted:
            raise exhausted.error from None

    async def _send_once(
        self,
        endpoint: Endpoint,
        method: str,
        url: str,
        body: bytes | None,
        headers: Mapping[str, str],
        idempotent: bool,
    ) -> RawResponse:
        try:
            return await self._send(endpoint, method, url, body, headers)
        except (APIStatusError, APIConnectionError) as error:
            if self.retry.should_retry(error, idempotent=idempotent):
                if isinstance(error, APIStatusError) and error.status_code == 429:
                    self._pause_limiter(error)
                raise _Retry(error) from None
            raise

    async def _send(
        self,
        endpoint: Endpoint,
        method: str,
        url: str,
        body: bytes | None,
        headers: Mapping[str, str],
    ) -> RawResponse:
        session = self._get_session()
        if self.rate_limiter is not None:
            await self.rate_limiter.acquire()
        started = time.perf_counter()
        self.requests_sent += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s %s", endpoint.name, method, self._scrub(url))
        try:
            async with session.request(
                method, URL(url, encoded=True), data=body, headers=headers
            ) as resp:
                payload = await resp.read()
                status, resp_headers, links = resp.status, resp.headers, resp.links
        except aiohttp.ConnectionTimeoutError as exc:
            raise APITimeoutError(method=method, url=self._scrub(url), request_sent=False) from exc
        except (asyncio.TimeoutError, aiohttp.ServerTimeoutError) as exc:
            raise APITimeoutError(method=method, url=self._scrub(url)) from exc
        except aiohttp.ClientConnectorError as exc:
            raise APIConnectionError(
                f"Could not connect to {endpoint.name} API: {self._scrub(str(exc))}",
                method=method,
                url=self._scrub(url),
                request_sent=False,
            ) from exc
        except aiohttp.ClientError as exc:
            raise APIConnectionError(
                f"Connection error ({type(exc).__name__}): {self._scrub(str(exc))}",
                method=method,
                url=self._scrub(url),
            ) from exc
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s %s -> %d in %.1f ms",
                endpoint.name,
                method,
                self._scrub(url),
                status,
                (time.perf_counter() - started) * 1000,
            )
        if not 200 <= status < 300:
            raise self._status_error(status, payload, resp_headers, method, url)
        next_link = links.get("next")
        next_url = str(next_link["url"]) if next_link else None
        has_links = bool(links)
        if next_url is not None and not endpoint.same_origin(next_url):
            # never send credentials to another host: fall back to page numbers instead
            log.warning("ignoring a Link rel=next to another host: %s", next_url)
            next_url, has_links = None, False
        return RawResponse(status, resp_headers, payload, url, next_url, has_links)

    def _status_error(
        self,
        status: int,
        body: bytes,
        headers: CIMultiDictProxy[str],
        method: str,
        url: str,
    ) -> APIStatusError:
        body = self._scrub_bytes(body)  # a server echoing the key must not leak it either
        message, code = _error_fields(body)
        if not message:
            message = f"HTTP {status} from {method} {urlsplit(url).path}"
        return status_error_class(status)(
            self._scrub(message),
            status_code=status,
            body=body,
            code=code,
            response=headers,
            method=method,
            url=self._scrub(url),
        )

    def _pause_limiter(self, error: APIStatusError) -> None:
        if isinstance(self.rate_limiter, PausableRateLimiter):
            self.rate_limiter.pause(self.retry.delay(0, error))

    def _on_backoff(self, details: Any) -> None:
        url, failed_tries = details["args"][2], details["tries"] + 1  # + the bare first try
        self._note_retry(url, failed_tries, details["wait"], details["exception"].error)

    def _note_retry(self, url: str, failed_tries: int, wait: float, error: Exception) -> None:
        self.retries += 1
        log.info(
            "retrying %s (try %d) in %.2fs after %s",
            self._scrub(url),
            failed_tries,
            wait,
            type(error).__name__,
        )

    def _scrub_bytes(self, data: bytes) -> bytes:
        for secret in self._secrets:
            encoded = secret.encode()
            if encoded in data:
                data = data.replace(encoded, b"***")
        return data

    def _scrub(self, text: str) -> str:
        for secret in self._secrets:
            if secret in text:
                text = text.replace(secret, "***")
        return text


def _error_fields(body: bytes) -> tuple[str | None, str | None]:
    """``(message, code)`` from a JSON error body; ``(None, None)`` for HTML, text or empty."""
    if not body or body.lstrip()[:1] not in (b"{", b"["):
        return None, None
    try:
        data = msgspec.json.decode(body)
    except msgspec.DecodeError:
        return None, None
    if not isinstance(data, dict):
        return None, None
    message = data.get("message") or data.get("error")
    errors = data.get("errors")
    if not message and errors:
        if isinstance(errors, dict):
            message = "; ".join(f"{k} {_join(v)}" for k, v in errors.items())
        else:
            message = _join(errors)
    code = data.get("code")
    return (str(message) if message else None), (str(code) if code is not None else None)


def _join(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
