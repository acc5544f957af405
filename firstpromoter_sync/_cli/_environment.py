"""The operator commands' client, built from ``FIRSTPROMOTER_*`` variables checked first.

A shell user's mistakes in the environment are usage errors (exit status 2, one line): a base
URL that is not an http(s) URL would otherwise be retried as a network failure, and a key
pasted with its newline would fail inside aiohttp. Surrounding whitespace is stripped; other
control characters are refused. No message shows a credential.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from firstpromoter_async import (
    DEFAULT_BASE_URL,
    DEFAULT_V1_BASE_URL,
    AsyncFirstPromoter,
    FirstPromoterError,
    InvalidRequestError,
)

__all__ = ["CREDENTIALS", "URLS", "environment_settings", "open_client"]

CREDENTIALS = {
    "api_key": "FIRSTPROMOTER_API_KEY",
    "account_id": "FIRSTPROMOTER_ACCOUNT_ID",
    "v1_api_key": "FIRSTPROMOTER_V1_API_KEY",
}
"""Client keywords sent as headers, and the variables they come from."""

URLS = {"base_url": "FIRSTPROMOTER_BASE_URL", "v1_base_url": "FIRSTPROMOTER_V1_BASE_URL"}
"""Client keywords that are base URLs, and their variables."""

_EXAMPLE_URLS = {"base_url": DEFAULT_BASE_URL, "v1_base_url": DEFAULT_V1_BASE_URL}


def environment_settings() -> dict[str, Any]:
    """The client keywords the environment sets, checked and stripped.

    Unset variables are left out (the client then applies its defaults, or says the value
    is required).

    Raises:
        InvalidRequestError: a credential is blank or holds a control character, or a base
            URL is not an ``http://`` or ``https://`` URL with a host. ``param`` names the
            client keyword; the message names the variable, never its value.
    """
    settings: dict[str, Any] = {}
    for param, name in CREDENTIALS.items():
        raw = os.environ.get(name)
        if raw is None:
            continue
        value = raw.strip()
        if not value:
            raise InvalidRequestError(param, f"is required: {name} is blank")
        if any(ord(char) < 32 or ord(char) == 127 for char in value):
            raise InvalidRequestError(param, f"{name} contains a control character")
        settings[param] = value
    for param, name in URLS.items():
        raw = os.environ.get(name)
        if raw is None or not raw.strip():
            continue
        value = raw.strip()
        if not _is_http_url(value):
            raise InvalidRequestError(
                param, f"{name} must be an http:// or https:// URL, like {_EXAMPLE_URLS[param]}"
            )
        settings[param] = value
    return settings


def open_client(**options: Any) -> AsyncFirstPromoter:
    """An ``AsyncFirstPromoter`` from the environment's settings and ``options``.

    Raises:
        InvalidRequestError: the environment or ``options`` are not usable, including any
            plain ``ValueError`` the constructor raises (its message without credentials).
    """
    settings = environment_settings()
    try:
        return AsyncFirstPromoter(**settings, **options)
    except FirstPromoterError:
        raise
    except ValueError as exc:
        message = str(exc)
        for param in CREDENTIALS:
            if settings.get(param):
                message = message.replace(settings[param], "***")
        raise InvalidRequestError("settings", message) from None


def _is_http_url(value: str) -> bool:
    try:
        parts = urlsplit(value)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(host)
