"""When a failed request is tried again, and how long to wait first."""

from __future__ import annotations

import email.utils
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass

from ._exceptions import APIConnectionError, APIStatusError, FirstPromoterError

__all__ = ["RETRY_STATUSES", "RetryPolicy", "parse_retry_after"]

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class RetryPolicy:
    """Retries with exponential backoff and full jitter.

    * 429 is always retried: the server did not act on the request.
    * 500, 502, 503, 504, timeouts and connections lost mid-request are retried only for
      idempotent requests (GET, PUT, DELETE, batch actions, tracking calls keyed by
      ``event_id``), because the server may have acted on a POST before failing.
    * A connection that was never established is always retried: nothing was sent.
    * ``Retry-After`` is honoured when it asks for at most ``max_retry_after`` seconds.
    """

    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0

    def should_retry(self, error: FirstPromoterError, *, idempotent: bool) -> bool:
        if isinstance(error, APIStatusError):
            if error.status_code == 429:
                return True
            return idempotent and error.status_code in RETRY_STATUSES
        if isinstance(error, APIConnectionError):
            return idempotent or not error.request_sent
        return False

    def delay(self, attempt: int, error: FirstPromoterError) -> float:
        """Seconds to wait before retry number ``attempt + 1``."""
        if isinstance(error, APIStatusError):
            retry_after = parse_retry_after(error.response)
            if retry_after is not None and 0 <= retry_after <= self.max_retry_after:
                return retry_after
        return random.uniform(0, min(self.max_delay, self.base_delay * 2**attempt))


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """``Retry-After`` (or ``retry-after-ms``) in seconds; ``None`` when absent or unreadable."""
    millis = headers.get("retry-after-ms")
    if millis is not None:
        try:
            return float(millis) / 1000
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        pass
    parsed = email.utils.parsedate_tz(value)
    if parsed is None:
        return None
    return max(0.0, email.utils.mktime_tz(parsed) - time.time())
