"""The FirstPromoter API for asyncio: ``from firstpromoter_async import AsyncFirstPromoter``."""

import msgspec as _msgspec

from ._batch import ProgressCallback
from ._client import DEFAULT_BASE_URL, DEFAULT_V1_BASE_URL, AsyncFirstPromoter
from ._exceptions import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    BatchProcessError,
    ConflictError,
    FirstPromoterError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
)
from ._pagination import AsyncPaginator, Page
from ._rate_limit import PausableRateLimiter, RateLimiter, TokenBucket
from ._redis_rate_limit import RedisRateLimiter, RedisUnavailableError
from ._retry import RetryPolicy
from ._version import __version__
from .models import *  # noqa: F403 - the models are part of the public surface
from .models import __all__ as _models_all
from .webhooks import parse_event

__all__ = [
    "APIConnectionError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncFirstPromoter",
    "AsyncPaginator",
    "AuthenticationError",
    "BadRequestError",
    "BatchProcessError",
    "ConflictError",
    "DEFAULT_BASE_URL",
    "DEFAULT_V1_BASE_URL",
    "FirstPromoterError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "Page",
    "PausableRateLimiter",
    "PermissionDeniedError",
    "ProgressCallback",
    "RateLimitError",
    "RateLimiter",
    "RedisRateLimiter",
    "RedisUnavailableError",
    "RetryPolicy",
    "TokenBucket",
    "UnprocessableEntityError",
    "__version__",
    "parse_event",
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
