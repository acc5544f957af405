"""A rate limiter shared by every process of a fleet through Redis (extra ``firstpromoter[redis]``).

redis-py is imported when a ``RedisRateLimiter`` is built, never by ``import firstpromoter_async``.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import math
import os
import threading
import time
import uuid
import weakref
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

from ._exceptions import FirstPromoterError, InvalidRequestError
from ._rate_limit import TokenBucket, check_rate, emission_interval

if TYPE_CHECKING:
    from redis.asyncio import Redis
    from redis.commands.core import AsyncScript

__all__ = ["RedisRateLimiter", "RedisUnavailableError", "account_for_v1_key"]

log = logging.getLogger("firstpromoter")

# GCRA on one hash per account, timed by the server's clock (so machines' clocks never matter).
# KEYS[1] the account's hash: tat (next slot), paused (pause end), and p:<process id> (last seen
# by each process, for the fallback's share of the budget; stale ones are dropped here).
# ARGV: op, interval, tolerance, period (microseconds), process id, pause length.
# Returns {microseconds to wait before sending, processes seen in the last period}.
_SCRIPT = """
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local op = ARGV[1]
local interval, tolerance, period = tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local state = redis.call('HMGET', KEYS[1], 'tat', 'paused')
local tat = tonumber(state[1]) or 0
local paused = tonumber(state[2]) or 0
local wait = 0
if op == 'pause' then
  paused = math.max(paused, now + tonumber(ARGV[6]))
  tat = math.max(tat, paused + tolerance)
elseif op == 'reserve' or paused > now then
  -- 'confirm' (after sleeping until a slot) reserves again only if a pause now covers it
  local slot = math.max(tat, now)
  tat = slot + interval
  wait = math.max(0, slot - tolerance - now)
end
redis.call('HSET', KEYS[1], 'tat', tat, 'paused', paused, 'p:' .. ARGV[5], now)
local fields = redis.call('HGETALL', KEYS[1])
local seen = 0
for i = 1, #fields, 2 do
  if string.sub(fields[i], 1, 2) == 'p:' then
    if tonumber(fields[i + 1]) < now - period then
      redis.call('HDEL', KEYS[1], fields[i])
    else
      seen = seen + 1
    end
  end
end
redis.call('PEXPIRE', KEYS[1], math.ceil((math.max(tat, paused, now) - now + period) / 1000))
return {math.ceil(wait), seen}
"""


class RedisUnavailableError(FirstPromoterError):
    """Redis could not be reached (or refused the rate limiter's script) in ``"raise"`` mode.

    Nothing was sent to the API. The Redis error is the ``__cause__``.
    """


def account_for_v1_key(v1_api_key: str) -> str:
    """The budget's name for a client without an account id: a hash of its v1 key."""
    return "v1-" + hashlib.sha256(v1_api_key.encode()).hexdigest()[:24]


_CONNECTIONS_PER_LOOP = 16


class _Connection:
    """One event loop's Redis client, registered script, and gate to its connections."""

    def __init__(self, client: Redis, script: AsyncScript) -> None:
        self.client = client
        self.script = script
        # callers beyond the pool's size queue here instead of failing with "too many"
        self.gate = asyncio.Semaphore(_CONNECTIONS_PER_LOOP)


class RedisRateLimiter:
    """One account's request budget, shared by every process using the same Redis.

    Each ``acquire`` reserves the account's next slot with one Lua script (a generic
    cell-rate algorithm timed by the Redis server's ``TIME``) and sleeps until it: one round
    trip when idle; when it had to wait, a second one checks that no pause began meanwhile.
    ``pause(seconds)`` (after a 429) holds back the whole fleet; callers whose slot fell
    inside the pause queue again after it, one slot at a time (one more round trip each).

    Redis down: with ``on_redis_error="fallback"`` (default) one warning is logged per outage
    and this process limits itself with a local ``TokenBucket`` (by default its share of the
    budget: ``requests_per_minute`` divided by the processes seen in Redis during the last
    minute), asking Redis again at most every ``recheck_interval`` seconds. With ``"raise"``,
    ``acquire`` raises ``RedisUnavailableError`` and nothing is sent. Every Redis call is
    bounded by ``timeout`` seconds (connect and read).

    One Redis connection pool per event loop (the sync client's loop, each asyncio.run, each
    Celery worker); a forked child opens its own. ``aclose()`` closes the calling loop's pool.
    """

    def __init__(
        self,
        redis_url: str,
        *,
        account: str,
        requests_per_minute: float = 400,
        burst: int | None = None,
        on_redis_error: Literal["fallback", "raise"] = "fallback",
        fallback_requests_per_minute: float | None = None,
        timeout: float = 1.0,
        recheck_interval: float = 3.0,
        period: float = 60.0,
        key_prefix: str = "firstpromoter:ratelimit",
    ) -> None:
        """Args:
        redis_url: a Redis URL (``redis://``, ``rediss://``, ``unix://``) as redis-py reads it.
        account: the budget's name: the account id (a client passes its own).
        requests_per_minute: the account's budget, shared by everyone using this Redis.
        burst: requests that may go at once after a quiet spell (default: 2 %, 1 to 10).
        on_redis_error: ``"fallback"`` (a local limit) or ``"raise"``.
        fallback_requests_per_minute: this process's own limit while Redis is down.
        timeout: seconds a Redis connect or reply may take.
        recheck_interval: seconds between attempts to reach Redis again during an outage.
        period: seconds the budget is counted over (shorter only to scale tests down).
        key_prefix: the Redis key is ``<key_prefix>:{<account>}``.

        Raises:
            InvalidRequestError: a setting is out of range.
            ImportError: redis-py is not installed (``pip install "firstpromoter[redis]"``).
        """
        burst = check_rate(requests_per_minute, burst, period)
        url = redis_url
        if not isinstance(url, str) or urlsplit(url).scheme not in ("redis", "rediss", "unix"):
            raise InvalidRequestError("redis_url", "must be a redis://, rediss:// or unix:// URL")
        if not isinstance(account, str) or not account or "{" in account or "}" in account:
            raise InvalidRequestError("account", "must be a non-empty string without braces")
        if on_redis_error not in ("fallback", "raise"):
            raise InvalidRequestError("on_redis_error", 'must be "fallback" or "raise"')
        for name, value in (("timeout", timeout), ("recheck_interval", recheck_interval)):
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise InvalidRequestError(name, f"must be a number of seconds, got {value!r}")
            if not 0 < value < math.inf:
                raise InvalidRequestError(name, f"must be a positive number, got {value!r}")
        if fallback_requests_per_minute is not None:
            check_rate(fallback_requests_per_minute, None, period)
        try:
            import redis.asyncio  # noqa: F401  - fail here, not at the first request
        except ImportError as exc:
            raise ImportError(
                'RedisRateLimiter needs redis-py: pip install "firstpromoter[redis]"'
            ) from exc
        self._url = url
        self.account = account
        self.requests_per_minute = requests_per_minute
        self.burst = burst
        self.on_redis_error = on_redis_error
        self.fallback_requests_per_minute = fallback_requests_per_minute
        self.timeout = float(timeout)
        self.recheck_interval = float(recheck_interval)
        self.period = float(period)
        self.key = f"{key_prefix}:{{{account}}}"
        self._keys = (self.key,)
        interval = emission_interval(requests_per_minute, burst, period)
        self._interval_us = interval * 1e6
        self._tolerance_us = (burst - 1) * interval * 1e6
        self._period_us = self.period * 1e6
        self._outages = 0  # Redis failures met so far: callers queued behind one give up too
        self._fleet_size = 0  # processes seen in Redis during the last period, 0: never reached
        self._reset_process()

    def _reset_process(self) -> None:
        """Start afresh in a new process: its own connections, identity, locks and state."""
        self._pid = os.getpid()
        self._process_id = uuid.uuid4().hex
        self._lock = threading.Lock()
        self._connections: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _Connection] = (
            weakref.WeakKeyDictionary()
        )
        self._down_since: float | None = None  # monotonic time the outage began
        self._next_probe = 0.0
        self._fallback: TokenBucket | None = None
        self._paused_until = 0.0  # monotonic; this process's own view of the latest pause
        self._pause_writes: set[asyncio.Task[None]] = set()
        self.fallback_grants = 0  # requests let through by the local limit during outages

    # -- the limiter protocol -------------------------------------------------------------------

    async def acquire(self) -> None:
        """Return when this process may send one more request on the account's budget.

        Raises:
            RedisUnavailableError: Redis did not answer and ``on_redis_error="raise"``.
        """
        if os.getpid() != self._pid:
            self._reset_process()
        await self._settle_pauses()
        if self._down_since is not None and not self._probe_due():
            await self._acquire_locally()
            return
        try:
            wait = await self._run("reserve")
            while wait > 0:
                await asyncio.sleep(wait)
                # a pause may have begun meanwhile (another process met a 429): then the slot
                # is given up and the caller queues again behind the pause
                wait = await self._run("confirm")
        except _RedisFailure as failure:
            self._went_down(failure)
            await self._acquire_locally()
            return
        self._came_back()

    def pause(self, seconds: float) -> None:
        """Hold the whole fleet back for ``seconds`` (written to Redis in the background)."""
        if not seconds > 0:
            return
        seconds = min(seconds, 3600.0)
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)
        if self._fallback is not None:
            self._fallback.pause(seconds)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        task = loop.create_task(self._write_pause(seconds))
        self._pause_writes.add(task)
        task.add_done_callback(self._pause_writes.discard)

    async def aclose(self) -> None:
        """Close the calling event loop's Redis connections (others close with their loops)."""
        await self._settle_pauses()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # pragma: no cover - aclose is a coroutine
            return
        with self._lock:
            connection = self._connections.pop(loop, None)
        if connection is not None:
            await connection.client.aclose()

    def __repr__(self) -> str:
        return (
            f"RedisRateLimiter({_describe(self._url)!r}, account={self.account!r}, "
            f"requests_per_minute={self.requests_per_minute}, burst={self.burst})"
        )

    # -- Redis ---------------------------------------------------------------------------------

    def _connection(self) -> _Connection:
        loop = asyncio.get_running_loop()
        with self._lock:
            connection = self._connections.get(loop)
            if connection is None:
                from redis.asyncio import Redis
                from redis.asyncio.retry import Retry
                from redis.backoff import NoBackoff

                client = Redis.from_url(
                    self._url,
                    socket_timeout=self.timeout,
                    socket_connect_timeout=self.timeout,
                    retry=Retry(NoBackoff(), 0),  # the fallback, not redis-py, handles outages
                    max_connections=_CONNECTIONS_PER_LOOP,
                )
                connection = _Connection(client, client.register_script(_SCRIPT))
                self._connections[loop] = connection
            return connection

    async def _run(self, op: str, pause_us: float = 0.0) -> float:
        """Run the script; return the seconds to wait."""
        from redis.exceptions import RedisError

        outages = self._outages
        connection = self._connection()
        async with connection.gate:
            if self._outages != outages:  # Redis failed another caller while this one queued
                raise _RedisFailure(None)
            try:
                wait_us, fleet = await connection.script(
                    keys=self._keys,
                    args=[
                        op,
                        repr(self._interval_us),
                        repr(self._tolerance_us),
                        repr(self._period_us),
                        self._process_id,
                        repr(pause_us),
                    ],
                )
            except (RedisError, OSError, asyncio.TimeoutError) as exc:
                raise _RedisFailure(exc) from exc
        self._fleet_size = int(fleet)
        return int(wait_us) / 1e6

    async def _write_pause(self, seconds: float) -> None:
        if self._down_since is not None and not self._probe_due():
            return
        try:
            await self._run("pause", seconds * 1e6)
        except _RedisFailure as failure:
            self._went_down(failure, raising=False)

    async def _settle_pauses(self) -> None:
        """Let this loop's pending pause writes reach Redis before reserving again."""
        loop = asyncio.get_running_loop()
        # list() first: a thread with a loop of its own may add a write meanwhile
        pending = [t for t in list(self._pause_writes) if t.get_loop() is loop and not t.done()]
        if pending:
            await asyncio.wait(pending)

    # -- outages -------------------------------------------------------------------------------

    def _probe_due(self) -> bool:
        """During an outage: whether this caller may ask Redis again (one every interval)."""
        with self._lock:
            now = time.monotonic()
            if now < self._next_probe:
                return False
            self._next_probe = now + self.recheck_interval
            return True

    def _went_down(self, failure: _RedisFailure, *, raising: bool = True) -> None:
        error = failure.error
        if error is None:  # another caller met this outage first and handled it
            if self.on_redis_error == "raise" and raising:
                raise RedisUnavailableError(
                    f"Redis at {_describe(self._url)} did not answer the rate limiter; "
                    "nothing was sent"
                )
            return
        with self._lock:
            self._outages += 1
        message = _scrub(f"{type(error).__name__}: {error}", self._url)
        if self.on_redis_error == "raise":
            if raising:
                raise RedisUnavailableError(
                    f"Redis at {_describe(self._url)} did not answer the rate limiter "
                    f"({message}); nothing was sent"
                ) from error
            return
        with self._lock:
            first = self._down_since is None
            if first:
                self._down_since = time.monotonic()
                self._next_probe = self._down_since + self.recheck_interval
                self._fallback = TokenBucket(self._fallback_rate(), period=self.period)
                if self._paused_until > time.monotonic():
                    self._fallback.pause(self._paused_until - time.monotonic())
        if first:
            log.warning(
                "Redis at %s did not answer the rate limiter (%s): this process now limits "
                "itself to %.4g requests per %gs until Redis answers again",
                _describe(self._url),
                message,
                self._fallback_rate(),
                self.period,
            )

    def _came_back(self) -> None:
        if self._down_since is None:
            return
        with self._lock:
            down_since, self._down_since = self._down_since, None
            self._fallback = None
        if down_since is not None:
            log.info(
                "Redis at %s answers again after %.1fs: back to the shared budget",
                _describe(self._url),
                time.monotonic() - down_since,
            )

    def _fallback_rate(self) -> float:
        if self.fallback_requests_per_minute is not None:
            return self.fallback_requests_per_minute
        return self.requests_per_minute / max(1, self._fleet_size)

    async def _acquire_locally(self) -> None:
        fallback = self._fallback
        if fallback is None:  # Redis came back meanwhile, or "raise" mode never builds one
            fallback = self._fallback = TokenBucket(self._fallback_rate(), period=self.period)
        await fallback.acquire()
        self.fallback_grants += 1


class _RedisFailure(Exception):
    """A Redis error on its way to the outage handling (private); ``None``: a known outage."""

    def __init__(self, error: BaseException | None) -> None:
        self.error = error


def _describe(url: str) -> str:
    """Where Redis is, without credentials."""
    parts = urlsplit(url)
    if parts.scheme == "unix":
        return f"unix://{parts.path}"
    try:
        port = parts.port
    except ValueError:
        port = None
    return f"{parts.scheme}://{parts.hostname or 'localhost'}:{port or 6379}"


def _scrub(text: str, url: str) -> str:
    password = urlsplit(url).password
    return text.replace(password, "***") if password else text
