"""The FirstPromoter API for asyncio: ``from firstpromoter_async import AsyncFirstPromoter``."""

import msgspec as _msgspec

from ._batch import BatchWait, ProgressCallback
from ._client import (
    DEFAULT_ADMIN_BASE_URL,
    DEFAULT_BASE_URL,
    DEFAULT_V1_BASE_URL,
    AsyncFirstPromoter,
)
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BatchProcessError,
    BatchProcessTimeoutError,
    ConflictError,
    FirstPromoterError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    WebhookVerificationError,
)
from ._fields import ChartPeriod, Filtered, Paging, Search
from ._hooks import EventHooks, RequestEvent, ResponseEvent, RetryEvent
from ._logs import setup_logging as _setup_logging
from ._operation import NOT_GIVEN, NotGiven
from ._pagination import AsyncPaginator, Page
from ._rate_limit import PausableRateLimiter, RateLimiter, TokenBucket
from ._redis_rate_limit import RedisRateLimiter, RedisUnavailableError
from ._response import APIResponse
from ._retry import RetryPolicy
from ._version import __version__
from .models import *  # noqa: F403 - the models are part of the public surface
from .models import __all__ as _models_all
from .resources.v1._rules import V1Listing
from .webhooks import parse_event, verify_signature

__all__ = [
    "APIConnectionError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFirstPromoter",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BatchProcessError",
    "BatchProcessTimeoutError",
    "BatchWait",
    "ChartPeriod",
    "ConflictError",
    "DEFAULT_ADMIN_BASE_URL",
    "DEFAULT_BASE_URL",
    "DEFAULT_V1_BASE_URL",
    "EventHooks",
    "Filtered",
    "FirstPromoterError",
    "InternalServerError",
    "InvalidRequestError",
    "NOT_GIVEN",
    "NotFoundError",
    "NotGiven",
    "Page",
    "Paging",
    "PausableRateLimiter",
    "PermissionDeniedError",
    "ProgressCallback",
    "RateLimitError",
    "RateLimiter",
    "RedisRateLimiter",
    "RedisUnavailableError",
    "RequestEvent",
    "ResponseEvent",
    "RetryEvent",
    "RetryPolicy",
    "Search",
    "TokenBucket",
    "UnprocessableEntityError",
    "V1Listing",
    "WebhookVerificationError",
    "__version__",
    "parse_event",
    "verify_signature",
    *_models_all,
]

# show the public import path in reprs and docs; Structs keep theirs, since msgspec resolves
# their postponed annotations through their defining module
for _name in __all__:
    _obj = globals().get(_name)
    if (
        isinstance(_obj, type)
        and not issubclass(_obj, _msgspec.Struct)
        and _obj.__module__.startswith("firstpromoter_async.")
    ):
        _obj.__module__ = "firstpromoter_async"
del _name, _obj

_setup_logging()  # FIRSTPROMOTER_LOG=debug|info
