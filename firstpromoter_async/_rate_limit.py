"""Client-side rate limiting: a small protocol and the default in-process token bucket."""

from __future__ import annotations

import asyncio
import math
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, runtime_checkable

from ._exceptions import InvalidRequestError

__all__ = ["PausableRateLimiter", "RateLimiter", "TokenBucket"]

# the schedule runs this much below the exact budget, so float rounding and a little network
# jitter (60 ms a minute) cannot put one request too many into a window
_MARGIN = 0.001


@runtime_checkable
class RateLimiter(Protocol):
    """Anything that can hold a request back until it may be sent.

    Share one instance between clients to keep them all under one account-wide budget.
    """

    async def acquire(self) -> None:
        """Return when one more request may be sent."""


@runtime_checkable
class PausableRateLimiter(RateLimiter, Protocol):
    """A limiter that can also be told to stop for a while (after a 429)."""

    def pause(self, seconds: float) -> None:
        """Hold every acquire back for ``seconds`` from now."""


def default_burst(requests_per_minute: float) -> int:
    """The default burst: about 2 % of the budget, 1 to 10 requests."""
    return max(1, min(10, int(requests_per_minute // 50)))


def emission_interval(requests_per_minute: float, burst: int, period: float) -> float:
    """Seconds between two slots so that no ``period``-long window holds more than the budget.

    A generic cell-rate schedule lets ``burst`` requests go at once and then one per interval,
    so a window holds at most ``burst - 1`` plus the slots that fit in it: the sustained rate
    is the budget less the burst, plus one, less a small margin.
    """
    if requests_per_minute < 1:  # fewer than one per period: one at a time, farther apart
        return period / requests_per_minute
    return period / ((math.floor(requests_per_minute) - burst + 1) * (1 - _MARGIN))


def check_rate(requests_per_minute: float, burst: int | None, period: float) -> int:
    """The burst to use (``None``: the default); ``InvalidRequestError`` unless they fit."""
    if (
        isinstance(requests_per_minute, bool)
        or not isinstance(requests_per_minute, (int, float))
        or not 0 < requests_per_minute < math.inf
    ):
        raise InvalidRequestError(
            "requests_per_minute", f"must be a positive number, got {requests_per_minute!r}"
        )
    if (
        isinstance(period, bool)
        or not isinstance(period, (int, float))
        or not 0 < period < math.inf
    ):
        raise InvalidRequestError("period", f"must be a positive number of seconds, got {period!r}")
    if burst is None:
        return default_burst(requests_per_minute)
    most = max(1, math.floor(requests_per_minute))
    if isinstance(burst, bool) or not isinstance(burst, int) or not 1 <= burst <= most:
        raise InvalidRequestError("burst", f"must be an integer from 1 to {most}, got {burst!r}")
    return burst


class TokenBucket:
    """An async token bucket: at most ``requests_per_minute`` grants in any 60-second window.

    Implemented as a generic cell-rate algorithm: each ``acquire`` reserves the next free slot
    (under a lock, so threads with loops of their own may share one bucket) and sleeps until
    it; callers are served in order and the bucket is not bound to an event loop. Up to
    ``burst`` requests go out at once (default: 2 % of the budget, at most 10); after them the
    schedule runs at the budget less the burst, which uses 98-99.9 % of it over a long run
    while no 60-second window sees more than ``requests_per_minute`` grants.

    ``pause(seconds)`` (called after a 429) holds everyone back; a caller whose slot fell
    inside the pause queues again behind it, so the schedule restarts at the pause's end
    one slot at a time instead of releasing every waiter together.

    ``period`` scales time down for tests and benchmarks (the budget is per ``period``
    seconds); ``clock`` and ``sleep`` may be replaced by a virtual clock.
    """

    def __init__(
        self,
        requests_per_minute: float,
        *,
        burst: int | None = None,
        period: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        burst = check_rate(requests_per_minute, burst, period)
        self._interval = emission_interval(requests_per_minute, burst, period)
        self.requests_per_minute = requests_per_minute
        self.burst = burst
        self.period = period
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = 0.0  # the theoretical arrival time of the next request
        self._paused_until = 0.0

    async def acquire(self) -> None:
        while True:
            start_at = self._reserve()
            wait = start_at - self._clock()
            if wait > 0:
                await self._sleep(wait)
            # a pause that began while this caller slept covers its slot: queue again
            if self._paused_until <= self._clock():
                return

    def _reserve(self) -> float:
        """Take the next slot; return when its request may start."""
        with self._lock:
            slot = max(self._next_slot, self._clock())
            self._next_slot = slot + self._interval
            return slot - self._tolerance

    def pause(self, seconds: float) -> None:
        if not seconds > 0:
            return
        with self._lock:
            self._paused_until = max(self._paused_until, self._clock() + min(seconds, 3600.0))
            # no burst at the pause's end: the first slot after it starts the schedule afresh
            self._next_slot = max(self._next_slot, self._paused_until + self._tolerance)

    def __repr__(self) -> str:
        return f"TokenBucket(requests_per_minute={self.requests_per_minute}, burst={self.burst})"
