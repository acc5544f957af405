"""The one place requests are sent: session, auth headers, encoding, rate limit, retries, errors."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import ipaddress
import logging
import os
import time
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode, urlsplit

import aiohttp
import backoff
import msgspec
from multidict import CIMultiDict, CIMultiDictProxy
from yarl import URL

from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    FirstPromoterError,
    InvalidRequestError,
    status_error_class,
)
from ._hooks import Hooks, RequestEvent, ResponseEvent, RetryEvent
from ._multipart import encode_multipart, has_files
from ._query import encode_query
from ._rate_limit import PausableRateLimiter, RateLimiter
from ._retry import RetryPolicy
from ._sessions import LoopSessions, check_session_loop
from ._version import __version__

__all__ = ["Endpoint", "RawResponse", "RequestOptions", "Transport"]

log = logging.getLogger("firstpromoter")

USER_AGENT = f"firstpromoter-python/{__version__} aiohttp/{aiohttp.__version__}"
_JSON_ENCODER = msgspec.json.Encoder()
_IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
# aiohttp labels a body-less POST "application/octet-stream"; send no content type instead
_NO_CONTENT_TYPE = frozenset({"Content-Type"})


@dataclass(frozen=True)
class RequestOptions:
    """Per-request settings of a client view (``with_options``); ``None`` keeps the client's."""

    timeout: float | None = None
    max_retries: int | None = None
    extra_headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Endpoint:
    """One API generation: where it lives, how it authenticates, how bodies are encoded."""

    name: str
    base_url: str
    headers: Mapping[str, str] = field(repr=False)  # holds the credentials
    form_encoded: bool = False
    options: RequestOptions = RequestOptions()  # a view's timeout and retries

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
    method: str = ""


@dataclass
class _Call:
    """One logical request, shared by its tries."""

    endpoint: Endpoint
    method: str
    url: str
    body: bytes | None
    headers: Mapping[str, str]
    idempotent: bool
    tries: int = 0
    failures: int = 0  # retryable failures so far: the backoff attempt number


class _Retry(Exception):
    """An error the retry policy wants tried again, and the one wait decided for it (the
    sleep taken and, after a 429, the rate limiter's pause). Private to the retry loop."""

    def __init__(self, error: FirstPromoterError, wait: float) -> None:
        self.error = error
        self.wait = wait


class Transport:
    """Owns the aiohttp session and sends every request of one client.

    Redirects are never followed: a 3xx raises ``APIStatusError``, so no credential header
    reaches another origin and a POST is never replayed as a GET.
    """

    def __init__(
        self,
        *,
        timeout: float,
        retry: RetryPolicy,
        rate_limiter: RateLimiter | None,
        session: aiohttp.ClientSession | None,
        secrets: Sequence[str],
        connection_limit: int = 100,
        event_hooks: Mapping[str, Any] | None = None,
        proxy: str | None = None,
    ) -> None:
        self.timeout = timeout
        self.retry = retry
        self.rate_limiter = rate_limiter
        self._session = session  # the caller's, else the running loop's (see _get_session)
        self._owns_session = session is None
        self._sessions = LoopSessions(self._new_session)
        self._secrets = tuple(s for s in secrets if s)
        self._connection_limit = connection_limit
        self._slots: asyncio.Semaphore | None = None
        self._slots_session: aiohttp.ClientSession | None = None
        self._closed = False
        self.hooks = Hooks(event_hooks, self._scrub)
        self._proxy = _split_proxy(_check_proxy(proxy)) if proxy is not None else None
        self.requests_sent = 0
        self.retries = 0
        self._senders: dict[int, Any] = {}  # retry loops of views with their own max_retries
        # retries 2..n; the first try and the first wait happen in ``request`` (see there)
        self._send_again = backoff.on_exception(
            self._waits,  # type: ignore[arg-type]  # a generator that is sent each error
            _Retry,
            max_tries=lambda: self.retry.max_retries,
            jitter=None,
            on_backoff=self._on_backoff,
            logger=None,
        )(self._send_once)

    def _retrying(self, max_retries: int) -> Any:
        """The retry loop for a view's own ``max_retries`` (one per value, built once)."""
        sender = self._senders.get(max_retries)
        if sender is None:
            sender = self._senders[max_retries] = backoff.on_exception(
                self._waits,  # type: ignore[arg-type]
                _Retry,
                max_tries=max_retries,
                jitter=None,
                on_backoff=self._on_backoff,
                logger=None,
            )(self._send_once)
        return sender

    def _waits(self) -> Generator[float | None, _Retry, None]:
        """The ``backoff`` wait generator: sent each failure, it yields the wait decided in
        ``_send_once`` (the one place that decides)."""
        retry = yield None
        while True:
            retry = yield retry.wait

    # -- session -----------------------------------------------------------------------------

    def _get_session(self) -> aiohttp.ClientSession:
        if self._closed:
            raise APIConnectionError("The client is closed.", request_sent=False)
        if self._owns_session:
            session = self._sessions.get()  # one per event loop
        else:
            assert self._session is not None
            check_session_loop(self._session)
            session = self._session
        if session is not self._slots_session:
            # the connection slots belong to the session (and so to its loop)
            limit = _pool_size(session)
            self._slots = asyncio.Semaphore(limit) if limit else None
            self._slots_session = session
        self._session = session
        return self._session

    def _new_session(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=self.timeout),
            connector=aiohttp.TCPConnector(limit=self._connection_limit),
        )

    def forget_session(self) -> list[object]:
        """Drop the sessions unclosed and return them (after ``os.fork()`` they are the
        parent's); the next request opens a new one."""
        self._session = self._slots_session = self._slots = None
        return self._sessions.forget() if self._owns_session else []

    async def aclose(self) -> None:
        self._closed = True
        self._session = None
        if self._owns_session:
            await self._sessions.aclose()

    def _proxy_for(self, url: str) -> tuple[URL | None, Mapping[str, str] | None]:
        """The proxy for ``url`` and its credential header: ``proxy=``, else (own session only)
        ``HTTP(S)_PROXY`` unless ``NO_PROXY`` exempts the host.

        A caller-owned session applies its own ``trust_env`` setting instead.
        """
        if self._proxy is not None:
            return self._proxy
        if not self._owns_session:
            return None, None
        parts = urlsplit(url)
        proxy = _env_proxy(parts.scheme)
        if proxy is None:
            return None, None
        no_proxy = os.environ.get("no_proxy") or os.environ.get("NO_PROXY") or ""
        if no_proxy and _bypasses_proxy(parts.hostname or "", no_proxy):
            return None, None
        return _split_proxy(proxy)

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
        headers: Mapping[str, str] | None = None,
        body: Mapping[str, Any] | None = None,
    ) -> RawResponse:
        """Send one logical request (retried per the policy) and return its 2xx answer.

        ``body`` is encoded as the endpoint wants it: form fields (v1) or JSON (the others),
        ``multipart/form-data`` when it holds a ``FilePart``;
        ``json``/``form`` force one encoding (``client.request``).

        ``headers`` are sent on top of the endpoint's (e.g. another ``Accept``).

        Raises the ``APIStatusError`` subclass of a non-2xx answer (a 3xx included: redirects
        are not followed), ``APIConnectionError`` or ``APITimeoutError`` when no answer came.
        """
        url = endpoint.url(path)
        if params:
            query = urlencode(encode_query(params))
            if query:
                url = f"{url}&{query}" if "?" in url else f"{url}?{query}"
        files = body if body is not None and has_files(body) else None
        if body is not None and files is None:
            json, form = (None, body) if endpoint.form_encoded else (body, None)
        encoded: bytes | None = None
        sent_headers = endpoint.headers
        if headers:
            sent_headers = {**sent_headers, **headers}
        if files is not None:  # a file part: multipart/form-data, encoded once for every try
            encoded, content_type = encode_multipart(files)
            sent_headers = {**sent_headers, "Content-Type": content_type}
        elif json is not None:
            encoded = _JSON_ENCODER.encode(json)
            sent_headers = {**sent_headers, "Content-Type": "application/json"}
        elif form is not None:
            encoded = urlencode(encode_query(form)).encode()
            sent_headers = {**sent_headers, "Content-Type": "application/x-www-form-urlencoded"}
        if idempotent is None:
            idempotent = method in _IDEMPOTENT_METHODS
        call = _Call(endpoint, method, url, encoded, sent_headers, idempotent)
        max_retries = endpoint.options.max_retries
        # the first try runs bare: most requests succeed, and need no retry machinery
        try:
            return await self._send_once(call)
        except _Retry as failed:
            if (self.retry.max_retries if max_retries is None else max_retries) < 1:
                raise failed.error from None
            await self._note_retry(call, failed.wait, failed.error)
            await asyncio.sleep(failed.wait)
        send_again = self._send_again if max_retries is None else self._retrying(max_retries)
        try:
            return await send_again(call)
        except _Retry as exhausted:
            raise exhausted.error from None

    async def _send_once(self, call: _Call) -> RawResponse:
        if self._closed:  # raised as is: nothing to retry, nothing was sent
            raise self._closed_error(call)
        try:
            return await self._send(call)
        except (APIStatusError, APIConnectionError) as error:
            # the one place deciding whether to retry and how long to wait
            if not self._closed and self.retry.should_retry(error, idempotent=call.idempotent):
                wait = self.retry.delay(call.failures, error)
                call.failures += 1
                if isinstance(error, APIStatusError) and error.status_code == 429:
                    self._pause_limiter(wait)
                raise _Retry(error, wait) from None
            raise

    async def _send(self, call: _Call) -> RawResponse:
        session = self._get_session()
        # wait for a free connection before the try's timeout starts: a pool wait is not "sent"
        async with self._slots or contextlib.nullcontext():
            if self.rate_limiter is not None:
                await self.rate_limiter.acquire()
            if self._closed:  # closed while this call waited for a connection or a token
                raise self._closed_error(call)
            return await self._send_in_slot(session, call)

    def _closed_error(self, call: _Call) -> APIConnectionError:
        return APIConnectionError(
            "The client is closed.",
            method=call.method,
            url=self._scrub(call.url),
            request_sent=False,
        )

    async def _send_in_slot(self, session: aiohttp.ClientSession, call: _Call) -> RawResponse:
        endpoint, method, url = call.endpoint, call.method, call.url
        call.tries += 1
        hooks = self.hooks
        if hooks.request:
            await hooks.emit(hooks.request, RequestEvent(method, self._scrub(url), call.tries))
        started = time.perf_counter()
        self.requests_sent += 1
        if log.isEnabledFor(logging.DEBUG):
            log.debug("%s %s %s", endpoint.name, method, self._scrub(url))
        proxy, proxy_headers = self._proxy_for(url)
        headers = call.headers
        if proxy_headers and url.startswith("http://"):
            # a plain-http request goes to the proxy as is (no CONNECT): the header rides on it
            headers = {**headers, **proxy_headers}
        try:
            async with session.request(
                method,
                URL(url, encoded=True),
                data=call.body,
                headers=headers,
                skip_auto_headers=_NO_CONTENT_TYPE if call.body is None else None,
                allow_redirects=False,
                timeout=_client_timeout(call.endpoint.options.timeout or self.timeout),
                proxy=proxy,
                proxy_headers=proxy_headers,
            ) as resp:
                payload = await resp.read()
                status, resp_headers, links = resp.status, resp.headers, resp.links
        except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
            error = self._connection_error(exc, call)
            await self._note_response(call, started, error)
            raise error from exc
        if log.isEnabledFor(logging.DEBUG):
            log.debug(
                "%s %s %s -> %d in %.1f ms",
                endpoint.name,
                method,
                self._scrub(url),
                status,
                (time.perf_counter() - started) * 1000,
            )
        await self._note_response(call, started, status)
        resp_headers = self._scrub_headers(resp_headers)
        if not 200 <= status < 300:
            raise self._status_error(status, payload, resp_headers, method, url)
        next_link = links.get("next")
        next_url = str(next_link["url"]) if next_link else None
        has_links = bool(links)
        if next_url is not None and not endpoint.same_origin(next_url):
            # never send credentials to another host: fall back to page numbers instead
            log.warning("ignoring a Link rel=next to another host: %s", next_url)
            next_url, has_links = None, False
        return RawResponse(status, resp_headers, payload, url, next_url, has_links, method)

    def _connection_error(self, exc: BaseException, call: _Call) -> APIConnectionError:
        """The typed error for a try that got no answer; ``request_sent`` as far as known."""
        method, url = call.method, self._scrub(call.url)
        if isinstance(exc, aiohttp.ConnectionTimeoutError):
            return APITimeoutError(method=method, url=url, request_sent=False)
        if isinstance(exc, (asyncio.TimeoutError, aiohttp.ServerTimeoutError)):
            return APITimeoutError(method=method, url=url)
        if isinstance(exc, aiohttp.ClientConnectorError):
            return APIConnectionError(
                f"Could not connect to {call.endpoint.name} API: {self._scrub(str(exc))}",
                method=method,
                url=url,
                request_sent=False,
            )
        return APIConnectionError(
            f"Connection error ({type(exc).__name__}): {self._scrub(str(exc))}",
            method=method,
            url=url,
        )

    async def _note_response(
        self, call: _Call, started: float, outcome: int | APIConnectionError
    ) -> None:
        hooks = self.hooks
        if not hooks.response:
            return
        elapsed = time.perf_counter() - started
        if isinstance(outcome, int):
            event = ResponseEvent(call.method, self._scrub(call.url), call.tries, outcome, elapsed)
        else:
            event = ResponseEvent(
                call.method,
                self._scrub(call.url),
                call.tries,
                None,
                elapsed,
                type(outcome).__name__,
            )
        await hooks.emit(hooks.response, event)

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
        if 300 <= status < 400:
            location = headers.get("Location", "(no Location header)")
            message = (
                f"HTTP {status} from {method} {urlsplit(url).path} redirects to {location}; "
                "redirects are not followed"
            )
        elif not message:
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

    def _pause_limiter(self, wait: float) -> None:
        """After a 429, hold every request back for the wait the retry takes."""
        if isinstance(self.rate_limiter, PausableRateLimiter):
            self.rate_limiter.pause(wait)

    async def _on_backoff(self, details: Any) -> None:
        await self._note_retry(details["args"][0], details["wait"], details["exception"].error)

    async def _note_retry(self, call: _Call, wait: float, error: FirstPromoterError) -> None:
        self.retries += 1
        log.info(
            "retrying %s (try %d) in %.2fs after %s",
            self._scrub(call.url),
            call.tries,
            wait,
            type(error).__name__,
        )
        hooks = self.hooks
        if hooks.retry:
            status = error.status_code if isinstance(error, APIStatusError) else None
            reason = f"HTTP {status}" if status is not None else type(error).__name__
            event = RetryEvent(call.method, self._scrub(call.url), call.tries, wait, reason, status)
            await hooks.emit(hooks.retry, event)

    def _scrub_headers(self, headers: CIMultiDictProxy[str]) -> CIMultiDictProxy[str]:
        """``headers``, or a copy with every credential replaced by ``***``."""
        secrets = self._secrets
        if not any(s in k or s in v for k, v in headers.items() for s in secrets):
            return headers
        return CIMultiDictProxy(
            CIMultiDict((self._scrub(k), self._scrub(v)) for k, v in headers.items())
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


@functools.lru_cache(maxsize=32)
def _client_timeout(total: float) -> aiohttp.ClientTimeout:
    """aiohttp's (immutable) timeout for ``total`` seconds, built once per value, not per try."""
    return aiohttp.ClientTimeout(total=total)


def _check_proxy(proxy: object) -> str:
    # the value is never echoed: a proxy URL may carry a password
    if not isinstance(proxy, str):
        raise InvalidRequestError("proxy", f"must be a URL string, got {type(proxy).__name__}")
    if urlsplit(proxy).scheme not in ("http", "https") or not urlsplit(proxy).hostname:
        raise InvalidRequestError("proxy", "must be an http:// or https:// URL with a host")
    return proxy


def _split_proxy(proxy: str) -> tuple[URL, Mapping[str, str] | None]:
    """A proxy URL without its ``user:password@``, and those as a ``Proxy-Authorization``."""
    parsed = URL(proxy)
    if parsed.user is None:
        return parsed, None
    credentials = f"{parsed.user}:{parsed.password or ''}".encode()
    auth = "Basic " + base64.b64encode(credentials).decode("ascii")
    return parsed.with_user(None), {"Proxy-Authorization": auth}


def _env_proxy(scheme: str) -> str | None:
    """``<scheme>_proxy`` from the environment, lower case first (as urllib reads it)."""
    env = os.environ
    proxy = env.get(f"{scheme}_proxy")
    # under CGI, HTTP_PROXY may come from a request's "Proxy:" header (httpoxy): ignore it
    if not proxy and not (scheme == "http" and "REQUEST_METHOD" in env):
        proxy = env.get(f"{scheme.upper()}_PROXY")
    if not proxy:
        return None
    if "://" not in proxy:  # "host:port", as requests and httpx accept it
        proxy = f"http://{proxy}"
    if urlsplit(proxy).scheme not in ("http", "https"):
        _warn_unusable_proxy(scheme, urlsplit(proxy).scheme)
        return None
    return proxy


@functools.cache
def _warn_unusable_proxy(scheme: str, proxy_scheme: str) -> None:
    log.warning(
        "ignoring the %s_proxy variable: %s:// proxies are not supported", scheme, proxy_scheme
    )


def _bypasses_proxy(host: str, no_proxy: str) -> bool:
    """Whether ``NO_PROXY`` exempts ``host``: ``*``, the host, a parent domain, or a CIDR."""
    host = host.lower().strip("[]")
    for entry in no_proxy.replace(" ", "").lower().split(","):
        if not entry:
            continue
        if entry == "*":
            return True
        if entry.startswith("["):  # "[v6]" or "[v6]:port"
            entry = entry[1:].split("]", 1)[0]
        elif entry.count(":") == 1:  # "host:port"
            entry = entry.split(":", 1)[0]
        entry = entry.lstrip(".")
        if host == entry or host.endswith("." + entry):
            return True
        if "/" in entry:
            with contextlib.suppress(ValueError):
                if ipaddress.ip_address(host) in ipaddress.ip_network(entry, strict=False):
                    return True
    return False


def _pool_size(session: aiohttp.ClientSession) -> int:
    """How many requests the session's connector lets run at once (0: no limit)."""
    connector = session.connector
    limits = [
        n for n in (getattr(connector, "limit", 0), getattr(connector, "limit_per_host", 0)) if n
    ]
    return min(limits) if limits else 0


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
