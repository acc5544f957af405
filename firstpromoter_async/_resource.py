"""The base of every resource: resources declare requests, mechanisms live elsewhere."""

from __future__ import annotations

import typing
from collections.abc import Awaitable, Callable, Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Generic, TypeVar
from urllib.parse import urlsplit

import msgspec

from ._batch import ProgressCallback, check_wait_options
from ._exceptions import APIResponseValidationError
from ._files import FileT, file_result
from ._multipart import read_files
from ._operation import Prepared, prepare, returns
from ._pagination import AsyncPaginator, ListEnvelope, Page, check_prefetch
from ._transport import RawResponse
from ._validation import check_page, check_url_length
from .models._base import decode
from .models.batch_process import BatchProcess

if TYPE_CHECKING:
    from ._client import AsyncFirstPromoter

__all__ = ["APIResource"]

T = TypeVar("T")
R = TypeVar("R")


class APIResource:
    """A group of operations of one API generation (``v2`` unless ``_api = "v1"``)."""

    _api: ClassVar[str] = "v2"

    def __init__(self, client: AsyncFirstPromoter) -> None:
        self._client = client

    def __repr__(self) -> str:
        return f"<{type(self).__name__} resource>"

    async def _raw(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
        headers: Mapping[str, str] | None = None,
        api: str | None = None,
    ) -> RawResponse:
        """Send a request; the transport encodes the body as the endpoint wants it."""
        endpoint = self._client._endpoint(api or self._api)
        if params:
            check_url_length(endpoint.url(path), params)
        return await self._client._transport.request(
            endpoint, method, path, params=params, body=body, idempotent=idempotent, headers=headers
        )

    async def _send(self, call: Prepared) -> RawResponse:
        """Send a prepared call as its operation declares it (method, API, retry, ``Accept``)."""
        operation = call.operation
        accept = {"Accept": operation.accept} if operation.accept else None
        if call.files:  # read only now: every argument is checked
            await read_files(call.body, call.files)
        return await self._raw(
            operation.method,
            call.path,
            params=call.query,
            body=call.body or None,
            idempotent=operation.idempotent,
            headers=accept,
            api=operation.api,
        )

    async def _call(self, method: Callable[..., Awaitable[R]], args: Mapping[str, Any]) -> R:
        """Send the request ``method`` declares (``@op``) with ``args`` (its ``locals()``),
        checked first, and decode the answer into its declared result type."""
        call = prepare(method, args)
        operation = call.operation
        response = await self._send(call)
        result_type = returns(method)
        if result_type is type(None):
            return None  # type: ignore[return-value]  # the answer (204 or a message) is dropped
        if not response.body.strip() and type(None) in typing.get_args(result_type):
            return None  # type: ignore[return-value]  # e.g. a 204: "not a referral"
        for kind in typing.get_args(result_type) or (result_type,):  # a model read otherwise
            read = getattr(kind, "from_answer", None)
            built = read(response.status, response.headers, response.body) if read else None
            if built is not None:
                return built  # type: ignore[no-any-return]
        if operation.envelope:  # a list may also come bare
            bare = typing.get_origin(result_type) is list
            result_type = Envelope[result_type] | result_type if bare else Envelope[result_type]  # type: ignore[valid-type]
        result: Any = decode(
            response.body,
            result_type,
            status_code=response.status,
            method=operation.method,
            url=response.url,
        )
        return result.data if isinstance(result, Envelope) else result  # type: ignore[no-any-return]

    async def _download(
        self, method: Callable[..., Awaitable[FileT]], args: Mapping[str, Any]
    ) -> FileT:
        """Send the request ``method`` declares (``@op(..., accept="text/csv, ...")``) with
        ``args`` checked first, and return the answer as a file of its declared result type
        (a ``FileResult``): bytes, content type, charset, file name; a 202 ("built in the
        background") gives ``ready`` false and the server's ``message``."""
        response = await self._send(prepare(method, args))
        file_type: type[FileT] = returns(method)
        return file_result(file_type, response.status, response.headers, response.body)

    def _paginate(
        self, method: Callable[..., AsyncPaginator[T]], args: Mapping[str, Any]
    ) -> AsyncPaginator[T]:
        """A lazy paginator over the list ``method`` declares, ``args`` checked first; it
        accepts a bare array or ``{"data", "meta"}`` and keeps ``prefetch`` pages in flight
        ahead of the caller (0: one after another)."""
        call = prepare(method, args)
        path, base_params = call.path, call.query
        page, per_page, prefetch = (call.control[name] for name in ("page", "per_page", "prefetch"))
        check_page(page, per_page)
        check_prefetch(prefetch)
        item_type = returns(method)
        page_type: Any = list[item_type] | ListEnvelope[item_type]  # type: ignore[valid-type]

        async def fetch(number: int, url: str | None) -> Page[T]:
            if url is not None:
                response = await self._raw("GET", url)
            else:
                query = {**base_params, "page": number, "per_page": per_page}
                response = await self._raw("GET", path, params=query)
            decoded: list[T] | ListEnvelope[T] = decode(response.body, page_type)
            if isinstance(decoded, ListEnvelope):
                data, meta = decoded.data, decoded.meta
            else:
                data, meta = decoded, None
            return Page(
                data=data,
                page=number,
                per_page=per_page,
                meta=meta,
                next_url=response.next_url,
                has_links=response.has_links,
                _url=response.url,
                _body=response.body,
            )

        return AsyncPaginator(fetch, page=page, per_page=per_page, prefetch=prefetch, path=path)

    async def _batch(
        self, method: Callable[..., Awaitable[BatchProcess]], args: Mapping[str, Any]
    ) -> BatchProcess:
        """Run the batch action ``method`` declares (``ids`` and fields in the body) and, unless
        ``wait=False``, await the process's end (``on_progress``, ``wait_timeout``)."""
        call = prepare(method, args, all_body=True)
        wait, on_progress, timeout = (
            call.control[name] for name in ("wait", "on_progress", "wait_timeout")
        )
        check_wait_options(wait=wait, on_progress=on_progress, timeout=timeout)
        operation = call.operation
        return await self._start_batch(
            operation.method,
            call.path,
            call.body,
            envelope=operation.envelope,
            idempotent=operation.retry in (None, "idempotent"),
            wait=wait,
            on_progress=on_progress,
            wait_timeout=timeout,
            params=call.query,
        )

    async def _start_batch(
        self,
        method: str,
        path: str,
        body: Mapping[str, Any],
        *,
        envelope: bool,
        idempotent: bool,
        wait: bool,
        on_progress: ProgressCallback | None,
        wait_timeout: float | None,
        params: Mapping[str, Any] | None = None,
    ) -> BatchProcess:
        """The one batch mechanism: start the process, then hand it to the client's poller."""
        response = await self._raw(
            method, path, params=params, body=body or None, idempotent=idempotent
        )
        process: BatchProcess
        if envelope:
            process = decode(response.body, Envelope[BatchProcess]).data
        else:
            process = decode(response.body, BatchProcess)
        if process.id < 1:  # no process to await or look up: the answer is wrong, not the call
            raise APIResponseValidationError(
                f"{method} {urlsplit(response.url).path} answered a batch process with id "
                f"{process.id}; a process id is a positive integer",
                body=response.body,
                status_code=response.status,
            )
        if not wait:
            return process
        return await self._client._batch_poller.wait(process, on_progress, timeout=wait_timeout)


class Envelope(msgspec.Struct, Generic[T]):
    """An answer wrapped as ``{"data": ..., "meta": ...}``."""

    data: T
    meta: dict[str, Any] | None = None
