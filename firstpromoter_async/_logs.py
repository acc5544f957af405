"""``FIRSTPROMOTER_LOG=debug|info``: the SDK's log lines on stderr without any logging setup."""

from __future__ import annotations

import logging
import os

__all__ = ["LOG_ENV", "setup_logging"]

LOG_ENV = "FIRSTPROMOTER_LOG"
_LEVELS = {"debug": logging.DEBUG, "info": logging.INFO}
_FORMAT = "[%(asctime)s %(name)s %(levelname)s] %(message)s"


class _EnvHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """The stderr handler attached because of ``FIRSTPROMOTER_LOG`` (recognised by its class)."""


def setup_logging() -> None:
    """Attach one stderr handler to the ``firstpromoter`` logger when ``FIRSTPROMOTER_LOG`` asks.

    Called at import and by each client; attaches at most one handler per process. Other
    values than ``debug`` and ``info`` leave logging to the application. The SDK scrubs the
    API key from every line it logs.
    """
    level = _LEVELS.get(os.environ.get(LOG_ENV, "").strip().lower())
    if level is None:
        return
    logger = logging.getLogger("firstpromoter")
    logger.setLevel(level)
    if any(isinstance(handler, _EnvHandler) for handler in logger.handlers):
        return
    handler = _EnvHandler()  # writes to sys.stderr
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
