"""The errors the SDK raises on purpose.

FirstPromoterError
├── APIConnectionError               the request never got a response
│   └── APITimeoutError              the timeout ran out
├── APIStatusError                   any non-2xx answer
│   ├── BadRequestError              400
│   ├── AuthenticationError          401
│   ├── PermissionDeniedError        403
│   ├── NotFoundError                404
│   ├── ConflictError                409
│   ├── UnprocessableEntityError     422
│   ├── RateLimitError               429
│   └── InternalServerError          >= 500
├── APIResponseValidationError       a 2xx body that is not what the model expects
├── BatchProcessError                a batch process ended failed or stopped
├── BatchProcessTimeoutError         a batch wait's deadline passed; the process goes on
├── InvalidRequestError (ValueError) the call's own arguments are wrong; nothing was sent
└── WebhookVerificationError         a webhook body whose signature does not match
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import msgspec

from ._headers import Headers

if TYPE_CHECKING:
    from .models.batch_process import BatchProcess

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "BatchProcessError",
    "BatchProcessTimeoutError",
    "ConflictError",
    "FirstPromoterError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "UnprocessableEntityError",
    "WebhookVerificationError",
]


class FirstPromoterError(Exception):
    """Base class of every error the SDK raises on purpose.

    Every error pickles with its fields (for multiprocessing and task queues), subclasses
    included: ``__reduce__`` restores the instance's attributes without calling ``__init__``.
    """

    message: str

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[Any, ...]:
        # the default calls ``cls(*args)``, which fails for keyword-only constructors
        return (_restore, (type(self), self.args), self.__dict__.copy())


def _restore(cls: type[FirstPromoterError], args: tuple[Any, ...]) -> FirstPromoterError:
    """Unpickle an error: an instance with ``args``; pickle then restores its ``__dict__``."""
    error = cls.__new__(cls)
    error.args = args
    return error


class APIConnectionError(FirstPromoterError):
    """The request never got a response (refused, reset, DNS, TLS).

    ``request_sent`` is ``False`` when the connection was never established, so the server
    certainly did not act on the request.
    """

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        method: str = "",
        url: str = "",
        request_sent: bool = True,
    ) -> None:
        super().__init__(message)
        self.method = method
        self.url = url
        self.request_sent = request_sent


class APITimeoutError(APIConnectionError):
    """The request's timeout ran out before a complete response arrived."""

    def __init__(
        self,
        message: str = "Request timed out.",
        *,
        method: str = "",
        url: str = "",
        request_sent: bool = True,
    ) -> None:
        super().__init__(message, method=method, url=url, request_sent=request_sent)


class APIStatusError(FirstPromoterError):
    """The server answered with a non-2xx status.

    Attributes:
        status_code: the HTTP status.
        body: the raw response body, exactly as received.
        message: the server's ``message`` (or ``error``) field, else a summary of the status.
        code: the server's ``code`` field when the body has one.
        response: the response headers, a ``Headers`` dict (lower-cased names,
            case-insensitive lookups).
    """

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: bytes,
        code: str | None = None,
        response: Mapping[str, str] | None = None,
        method: str = "",
        url: str = "",
    ) -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body
        self.code = code
        self.response: Mapping[str, str] = Headers(response)
        self.method = method
        self.url = url

    @property
    def text(self) -> str:
        """The body decoded as UTF-8 (invalid bytes replaced)."""
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        """The body parsed as JSON; raises ``msgspec.DecodeError`` when it is not JSON."""
        return msgspec.json.decode(self.body)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(status_code={self.status_code}, message={self.message!r})"


class BadRequestError(APIStatusError):
    """HTTP 400."""


class AuthenticationError(APIStatusError):
    """HTTP 401: the API key or account id was not accepted."""


class PermissionDeniedError(APIStatusError):
    """HTTP 403."""


class NotFoundError(APIStatusError):
    """HTTP 404."""


class ConflictError(APIStatusError):
    """HTTP 409."""


class UnprocessableEntityError(APIStatusError):
    """HTTP 422: the server rejected the request's content."""


class RateLimitError(APIStatusError):
    """HTTP 429: the account's rate limit was exceeded."""


class InternalServerError(APIStatusError):
    """HTTP 500 and above."""


class APIResponseValidationError(FirstPromoterError):
    """A 2xx answer whose body is not the JSON the model expects. ``body`` keeps it raw."""

    def __init__(self, message: str, *, body: bytes, status_code: int = 200) -> None:
        super().__init__(message)
        self.body = body
        self.status_code = status_code


class BatchProcessError(FirstPromoterError):
    """A batch process ended ``failed`` or ``stopped``; ``batch_process`` is its final state."""

    def __init__(self, batch_process: BatchProcess) -> None:
        errors = batch_process.processing_errors or []
        detail = f": {'; '.join(str(e) for e in errors[:5])}" if errors else ""
        super().__init__(
            f"Batch process {batch_process.id} ({batch_process.action_label}) ended "
            f"{batch_process.status}; {batch_process.failed_count or 0} of "
            f"{batch_process.total or 0} failed{detail}"
        )
        self.batch_process = batch_process


class BatchProcessTimeoutError(FirstPromoterError):
    """A batch wait's deadline passed before the process ended.

    ``batch_process`` is the last state seen (its ``progress`` as last polled); the process
    itself goes on on the server, and can be awaited again with ``batch_processes.wait``.
    """

    def __init__(self, batch_process: BatchProcess, timeout: float) -> None:
        seen = batch_process.status
        if batch_process.progress is not None:
            seen += f", {batch_process.progress:g} %"
        super().__init__(
            f"Batch process {batch_process.id} ({batch_process.action_label}) did not end "
            f"within {timeout:g} s (last seen: {seen}); it goes on on the server"
        )
        self.batch_process = batch_process
        self.timeout = timeout

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.batch_process, self.timeout))


class InvalidRequestError(FirstPromoterError, ValueError):
    """The call's own arguments are wrong; raised before anything is sent.

    ``param`` names the offending argument.
    """

    def __init__(self, param: str, problem: str) -> None:
        super().__init__(f"{param}: {problem}")
        self.param = param


class WebhookVerificationError(FirstPromoterError):
    """A webhook body whose signature is missing, malformed or does not match the secret.

    The message says which; it never contains the secret or the expected signature.
    """


_STATUS_ERRORS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def status_error_class(status: int) -> type[APIStatusError]:
    """The error class for an HTTP status."""
    if status >= 500:
        return InternalServerError
    return _STATUS_ERRORS.get(status, APIStatusError)
