"""The base of every resource: resources declare requests, mechanisms live elsewhere."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import msgspec

from ._batch import ProgressCallback, check_wait_options
from ._pagination import AsyncPaginator, ListEnvelope, Page, check_prefetch
from ._transport import RawResponse
from ._validation import check_ids, check_page, check_url_length
from .models._base import decode
from .models.batch_process import BatchProcess

if TYPE_CHECKING:
    from ._client import AsyncFirstPromoter

__all__ = ["APIResource"]

T = TypeVar("T")


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
    ) -> RawResponse:
        """Send a request; the body goes as JSON (v2) or form fields (v1)."""
        endpoint = self._client._endpoint(self._api)
        if params:
            check_url_length(endpoint.url(path), params)
        if endpoint.form_encoded:
            return await self._client._transport.request(
                endpoint,
                method,
                path,
                params=params,
                form=body,
                idempotent=idempotent,
                headers=headers,
            )
        return await self._client._transport.request(
            endpoint, method, path, params=params, json=body, idempotent=idempotent, headers=headers
        )

    async def _request(
        self,
        method: str,
        path: str,
        *,
        cast_to: type[T] | Any,
        params: Mapping[str, Any] | None = None,
        body: Mapping[str, Any] | None = None,
        idempotent: bool | None = None,
    ) -> T:
        """Send a request and decode its JSON answer into ``cast_to``."""
        response = await self._raw(method, path, params=params, body=body, idempotent=idempotent)
        result: T = decode(
            response.body, cast_to, status_code=response.status, method=method, url=response.url
        )
        return result

    def _list(
        self,
        path: str,
        item_type: type[T],
        *,
        params: Mapping[str, Any] | None = None,
        page: int = 1,
        per_page: int = 100,
        prefetch: int = 1,
    ) -> AsyncPaginator[T]:
        """A lazy paginator over ``path``; accepts a bare array or ``{"data", "meta"}``.

        ``prefetch`` pages are kept in flight ahead of the caller (0: one after another).
        """
        check_page(page, per_page)
        check_prefetch(prefetch)
        base_params = dict(params or {})
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
        self,
        path: str,
        *,
        ids: Any,
        body: Mapping[str, Any] | None = None,
        wait: bool = True,
        on_progress: ProgressCallback | None = None,
        wait_timeout: float | None = None,
        method: str = "POST",
        envelope: bool = False,
    ) -> BatchProcess:
        """Run a batch action on ``ids`` and, with ``wait``, await the process's end.

        The wait options are checked before anything is sent. ``envelope`` is for endpoints
        that wrap the process as ``{"data": ..., "meta": ...}``.
        """
        check_wait_options(wait=wait, on_progress=on_progress, timeout=wait_timeout)
        payload = {**(body or {}), "ids": check_ids(ids)}
        response = await self._raw(method, path, body=payload, idempotent=True)
        process: BatchProcess
        if envelope:
            process = decode(response.body, _ProcessEnvelope).data
        else:
            process = decode(response.body, BatchProcess)
        if not wait:
            return process
        return await self._client._batch_poller.wait(process, on_progress, timeout=wait_timeout)


class _ProcessEnvelope(msgspec.Struct):
    data: BatchProcess
    meta: dict[str, Any] | None = None
