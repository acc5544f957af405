"""Client-side rate limiting: a small protocol and the default in-process token bucket."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Protocol, runtime_checkable

__all__ = ["PausableRateLimiter", "RateLimiter", "TokenBucket"]


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


class TokenBucket:
    """An async token bucket: at most ``requests_per_minute`` grants in any 60-second window.

    Implemented as a generic cell-rate algorithm: each ``acquire`` reserves the next free slot
    and sleeps until it, so concurrent callers are served in order without a lock and the
    limiter is not bound to an event loop. Up to ``burst`` requests go out at once; the
    sustained rate is lowered by the burst so that no 60-second window sees more than
    ``requests_per_minute`` grants.
    """

    def __init__(
        self,
        requests_per_minute: float,
        *,
        burst: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        if requests_per_minute <= 0:
            raise ValueError("requests_per_minute must be positive")
        if burst is None:
            burst = max(1, min(20, int(requests_per_minute // 20)))
        if not 1 <= burst <= requests_per_minute:
            raise ValueError("burst must be between 1 and requests_per_minute")
        self.requests_per_minute = requests_per_minute
        self.burst = burst
        # one slot of margin keeps float rounding and window edges from letting one more through
        self._interval = 60.0 / max(requests_per_minute - burst, 1)
        self._tolerance = (burst - 1) * self._interval
        self._clock = clock
        self._sleep = sleep
        self._next_slot = 0.0  # the theoretical arrival time of the next request
        self._paused_until = 0.0

    async def acquire(self) -> None:
        now = self._clock()
        slot = max(self._next_slot, now)
        if self._paused_until > now:  # after a 429 everyone restarts from the pause's end
            slot = max(slot, self._paused_until + self._tolerance)
        self._next_slot = slot + self._interval
        start_at = slot - self._tolerance
        if start_at > now:
            await self._sleep(start_at - now)
        # a pause that began while this caller slept still applies to it
        while (wait := self._paused_until - self._clock()) > 0:
            await self._sleep(wait)

    def pause(self, seconds: float) -> None:
        if seconds > 0:
            self._paused_until = max(self._paused_until, self._clock() + seconds)

    def __repr__(self) -> str:
        return f"TokenBucket(requests_per_minute={self.requests_per_minute}, burst={self.burst})"
