"""Checks of the clients' constructor keywords: each bad value is refused at construction.

Every check raises ``InvalidRequestError`` naming the keyword, never echoing a credential, so a
mistake surfaces where it was made instead of as an ``AttributeError`` at the first request.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from ._exceptions import InvalidRequestError

__all__ = [
    "check_base_url",
    "check_count",
    "check_headers",
    "check_rate_limiter",
    "check_seconds",
    "check_session",
    "derive_admin_base_url",
    "requests_per_minute_setting",
    "secret_setting",
    "text_setting",
]


def _from_env(value: Any, env_var: str | None) -> tuple[Any, str]:
    """``value``, else the environment variable's; and where it came from, for messages."""
    if (value is None or value == "") and env_var is not None:
        return os.environ.get(env_var), f" (from {env_var})"
    return value, ""


def _check_text(keyword: str, value: str, origin: str) -> str:
    value = value.strip()  # a key read from a file often ends with "\n"
    if not value.isprintable():  # never echoed: it may be a credential
        raise InvalidRequestError(
            keyword,
            f"contains a control or non-printable character{origin}; "
            "check where the value was read from",
        )
    return value


def secret_setting(keyword: str, value: Any, env_var: str | None) -> str | None:
    """An API key: a string, else the environment's; surrounding whitespace stripped.

    Never echoed in a message. ``None`` when neither is set (or both are blank).
    """
    value, origin = _from_env(value, env_var)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidRequestError(keyword, f"must be a string, got {type(value).__name__}")
    return _check_text(keyword, value, origin) or None


def text_setting(
    keyword: str, value: Any, env_var: str | None, *, allow_int: bool = False
) -> str | None:
    """A plain setting such as ``account_id`` or ``wid``: stripped, printable, or ``None``."""
    value, origin = _from_env(value, env_var)
    if value is None:
        return None
    if allow_int and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        wanted = "a string or an integer" if allow_int else "a string"
        raise InvalidRequestError(keyword, f"must be {wanted}, got {type(value).__name__}")
    return _check_text(keyword, value, origin) or None


def check_base_url(keyword: str, value: Any, env_var: str | None, default: str) -> str:
    """An absolute ``http(s)://host/...`` URL without query or fragment; trailing ``/`` dropped."""
    value, origin = _from_env(value, env_var)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise InvalidRequestError(keyword, f"must be a string, got {type(value).__name__}")
    value = _check_text(keyword, value, origin)
    example = f"e.g. {default}"
    try:
        parts = urlsplit(value)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        parts, port_ok = None, False
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidRequestError(
            keyword, f"must be an absolute http:// or https:// URL with a host{origin}, {example}"
        )
    if not port_ok or " " in value:
        raise InvalidRequestError(keyword, f"is not a valid URL{origin}, {example}")
    if parts.query or parts.fragment:
        raise InvalidRequestError(keyword, f"must not have a query or a fragment{origin}")
    url: str = value.rstrip("/")
    return url


def derive_admin_base_url(base_url: str) -> str:
    """The admin API's base on the same scheme and host as ``base_url``."""
    parts = urlsplit(base_url)
    return f"{parts.scheme}://{parts.netloc}/api/admin/v1"


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def check_seconds(keyword: str, value: Any) -> float:
    """A finite, positive number of seconds."""
    if not _is_number(value):
        raise InvalidRequestError(
            keyword, f"must be a number of seconds, got {type(value).__name__}"
        )
    if not math.isfinite(value) or value <= 0:
        raise InvalidRequestError(keyword, f"must be a finite number of seconds > 0, got {value!r}")
    return float(value)


def check_count(keyword: str, value: Any) -> int:
    """An integer >= 0."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRequestError(keyword, f"must be an integer >= 0, got {type(value).__name__}")
    if value < 0:
        raise InvalidRequestError(keyword, f"must be an integer >= 0, got {value!r}")
    return value


def requests_per_minute_setting(value: Any) -> float | None:
    """``None`` (no client-side limit) or a finite rate of at least 1 request per minute."""
    if value is None:
        return None
    keyword = "requests_per_minute"
    if not _is_number(value):
        raise InvalidRequestError(
            keyword, f"must be a number, or None for no limit, got {type(value).__name__}"
        )
    if not math.isfinite(value) or value < 1:
        raise InvalidRequestError(
            keyword, f"must be a finite number >= 1, or None for no limit, got {value!r}"
        )
    rate: float = value  # kept as given: 400 stays 400 in reprs
    return rate


def check_rate_limiter(value: Any) -> None:
    """``None`` or an object with an ``acquire()`` method (the ``RateLimiter`` protocol)."""
    if value is not None and not callable(getattr(value, "acquire", None)):
        raise InvalidRequestError(
            "rate_limiter",
            f"must have an async acquire() method (see RateLimiter), got {type(value).__name__}",
        )


def check_session(value: Any) -> None:
    """``None`` or an open ``aiohttp.ClientSession``."""
    if value is None:
        return
    if not isinstance(value, aiohttp.ClientSession):
        raise InvalidRequestError(
            "session", f"must be an aiohttp.ClientSession, got {type(value).__name__}"
        )
    if value.closed:
        raise InvalidRequestError("session", "is closed")


def check_headers(keyword: str, value: Any) -> dict[str, str]:
    """Extra request headers: a mapping of printable strings (no CR/LF header injection)."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidRequestError(
            keyword, f"must be a mapping of header names to values, got {type(value).__name__}"
        )
    headers: dict[str, str] = {}
    for name, text in value.items():
        if not isinstance(name, str) or not isinstance(text, str):
            raise InvalidRequestError(keyword, "names and values must be strings")
        if not name or not name.isprintable() or any(c in name for c in " :"):
            raise InvalidRequestError(keyword, f"{name!r} is not a valid header name")
        if not text.isprintable():
            raise InvalidRequestError(
                keyword, f"the value of {name!r} contains a control character"
            )
        headers[name] = text
    return headers
