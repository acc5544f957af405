"""The one line the CLI prints for an SDK error: ``error: <class>[ <status>]: <what failed>``."""

from __future__ import annotations

import re

from firstpromoter_async import APIConnectionError, APIStatusError, FirstPromoterError

__all__ = ["error_line"]

# aiohttp's wording, kept in the SDK's message: "Cannot connect to host 127.0.0.1:1
# ssl:default [Connect call failed ('127.0.0.1', 1)]" (the TLS setting says nothing useful)
_CANNOT_CONNECT = re.compile(
    r"^(?:Could not connect to (?P<api>\S+) API: )?"
    r"Cannot connect to host (?P<address>\S+) ssl:\S+ \[(?P<reason>.*)\]$"
)
_TLS_SETTING = re.compile(r" ssl:\S+")
_REASONS = (
    (("Connect call failed", "Connection refused", "[Errno 111]"), "connection refused"),
    (
        (
            "Name or service not known",
            "nodename nor servname",
            "Temporary failure in name resolution",
            "No address associated",
            "getaddrinfo failed",
        ),
        "host not found",
    ),
    (("Network is unreachable",), "network unreachable"),
    (("No route to host",), "no route to host"),
    (("timed out",), "timed out"),
)


def error_line(exc: FirstPromoterError) -> str:
    """``error: NotFoundError 404: Promoter not found``: the class, the status, the message."""
    name = type(exc).__name__
    status = f" {exc.status_code}" if isinstance(exc, APIStatusError) else ""
    message = " ".join(str(exc.message).split())  # one line, whatever the server said
    if isinstance(exc, APIConnectionError):
        message = connection_problem(message)
    return f"error: {name}{status}: {message}"


def connection_problem(message: str) -> str:
    """aiohttp's "Cannot connect to host ..." in words: what could not be reached, and why.

    ``could not connect to the v2 API at 127.0.0.1:1 (connection refused)``; any other
    message comes back as it was, without aiohttp's ``ssl:default``.
    """
    found = _CANNOT_CONNECT.match(message)
    if found is None:
        return _TLS_SETTING.sub("", message)
    api = f"the {found['api']} API at " if found["api"] else ""
    return f"could not connect to {api}{found['address']} ({_reason(found['reason'])})"


def _reason(detail: str) -> str:
    for markers, reason in _REASONS:
        if any(marker.lower() in detail.lower() for marker in markers):
            return reason
    return re.sub(r"^\[Errno -?\d+\] ", "", detail) or "unknown reason"
