"""File answers: the bytes, media type, charset and name of a download, or its 202 notice."""

from __future__ import annotations

from collections.abc import Mapping
from email.message import Message
from typing import TypeVar

import msgspec

from .models.file import FileResult

__all__ = ["FileT", "file_result"]

FileT = TypeVar("FileT", bound=FileResult)


def file_result(
    file_type: type[FileT], status: int, headers: Mapping[str, str], body: bytes
) -> FileT:
    """The answer as ``file_type``: ``Content-Type`` gives the media type and charset,
    ``Content-Disposition`` the file name; a 202's JSON ``message`` is kept."""
    parsed = Message()
    parsed["Content-Type"] = headers.get("Content-Type") or "application/octet-stream"
    disposition = headers.get("Content-Disposition")
    if disposition:
        parsed["Content-Disposition"] = disposition
    message: str | None = None
    if status == 202:
        try:
            answer = msgspec.json.decode(body)
        except msgspec.DecodeError:
            answer = None
        if isinstance(answer, dict) and answer.get("message") is not None:
            message = str(answer["message"])
    return file_type(
        content=body,
        content_type=parsed.get_content_type(),
        filename=parsed.get_filename(),
        charset=parsed.get_content_charset(),
        status=status,
        message=message,
    )
