"""Event hooks: callables told about every try, for metrics and tracing."""

from __future__ import annotations

import inspect
import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypedDict

from ._exceptions import InvalidRequestError

__all__ = ["EventHooks", "Hooks", "RequestEvent", "ResponseEvent", "RetryEvent"]

log = logging.getLogger("firstpromoter")


@dataclass(frozen=True)
class RequestEvent:
    """A try is about to be sent.

    ``url`` has every credential replaced by ``***``; ``attempt`` is 1 for the first try.
    """

    method: str
    url: str
    attempt: int


@dataclass(frozen=True)
class ResponseEvent:
    """A try ended: ``status_code`` is the HTTP status, or ``None`` when no answer came
    (then ``error`` names the error class). ``elapsed`` is in seconds."""

    method: str
    url: str
    attempt: int
    status_code: int | None
    elapsed: float
    error: str | None = None


@dataclass(frozen=True)
class RetryEvent:
    """Try ``attempt`` failed and will be tried again after ``wait`` seconds.

    ``reason`` says why (``"HTTP 503"``, ``"APITimeoutError"``, ...); ``status_code`` is the
    failed try's status, or ``None`` when no answer came.
    """

    method: str
    url: str
    attempt: int
    wait: float
    reason: str
    status_code: int | None = None


class EventHooks(TypedDict, total=False):
    """The ``event_hooks=`` keyword: sync or async callables per event."""

    request: Sequence[Callable[[RequestEvent], object]]
    response: Sequence[Callable[[ResponseEvent], object]]
    retry: Sequence[Callable[[RetryEvent], object]]


_EVENTS = ("request", "response", "retry")


class Hooks:
    """The hooks of one client; a hook that raises is logged and the call goes on."""

    def __init__(self, hooks: Mapping[str, Any] | None, scrub: Callable[[str], str]) -> None:
        self._scrub = scrub
        self.request: tuple[Callable[[Any], object], ...] = ()
        self.response: tuple[Callable[[Any], object], ...] = ()
        self.retry: tuple[Callable[[Any], object], ...] = ()
        if hooks is None:
            return
        if not isinstance(hooks, Mapping):
            raise InvalidRequestError(
                "event_hooks", f"must be a mapping of event name to callables, got {hooks!r}"
            )
        for name, callables in hooks.items():
            if name not in _EVENTS:
                raise InvalidRequestError(
                    "event_hooks", f"unknown event {name!r}; expected one of {', '.join(_EVENTS)}"
                )
            if isinstance(callables, (str, bytes)) or not isinstance(callables, Sequence):
                raise InvalidRequestError(
                    "event_hooks", f"{name!r} must be a list of callables, got {callables!r}"
                )
            for hook in callables:
                if not callable(hook):
                    raise InvalidRequestError(
                        "event_hooks", f"{name!r} holds {hook!r}, which is not callable"
                    )
            setattr(self, name, tuple(callables))

    async def emit(self, hooks: tuple[Callable[[Any], object], ...], event: object) -> None:
        """Tell each hook about ``event``; awaits async hooks; never raises ``Exception``."""
        for hook in hooks:
            try:
                result = hook(event)
                if inspect.isawaitable(result):
                    await result
            except Exception as exc:
                log.warning(
                    "event hook %s failed on %s: %s: %s",
                    getattr(hook, "__qualname__", type(hook).__name__),
                    type(event).__name__,
                    type(exc).__name__,
                    self._scrub(str(exc)),
                )
