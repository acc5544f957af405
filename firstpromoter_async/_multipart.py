"""File uploads: a ``File`` argument read once into a ``FilePart``; a body holding one is sent
as ``multipart/form-data`` (the other fields as Rails-style form fields).

``_operation.prepare`` names the fields typed ``File``; ``APIResource._call`` reads them with
``read_files`` once every argument is checked (a refused call reads nothing), in a worker
thread so the event loop never waits on a disk; ``Transport.request`` encodes a body with a
``FilePart`` in it once, and a retry sends the same bytes again: a file is never re-read.
"""

from __future__ import annotations

import asyncio
import mimetypes
import os
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ._exceptions import InvalidRequestError
from ._query import encode_query

__all__ = ["FILE", "FilePart", "encode_multipart", "has_files", "read_file", "read_files"]

FILE = "firstpromoter:file"
"""The mark of a ``File`` argument in its ``Annotated`` type (see ``_fields.File``)."""


@dataclass(frozen=True)
class FilePart:
    """A file's bytes, ready to send."""

    filename: str
    content_type: str
    data: bytes = b""

    def __repr__(self) -> str:  # never the bytes
        return f"FilePart({self.filename!r}, {self.content_type!r}, {len(self.data)} bytes)"


def read_file(value: Any, param: str) -> FilePart:
    """``value`` (bytes, a path, or a binary file object) as a ``FilePart``.

    A path is opened, read and closed here; a file object is read once and left open (its
    owner closes it). Raises ``InvalidRequestError`` when it cannot be read.
    """
    name: Any = "file"
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
    elif isinstance(value, (str, os.PathLike)):
        name = value
        try:
            with open(value, "rb") as file:
                data = file.read()
        except OSError as error:
            raise InvalidRequestError(param, f"cannot be read: {error}") from None
    elif callable(getattr(value, "read", None)):
        name = getattr(value, "name", name)
        data = value.read()
        if not isinstance(data, (bytes, bytearray)):
            raise InvalidRequestError(param, "must be a file opened in binary mode ('rb')")
        data = bytes(data)
    else:
        raise InvalidRequestError(param, f"must be bytes, a path or a binary file, got {value!r}")
    filename = os.path.basename(os.fsdecode(name)) if isinstance(name, (str, os.PathLike)) else ""
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return FilePart(filename or "file", content_type, data)


async def read_files(body: dict[str, Any], names: Iterable[str]) -> None:
    """Replace each named field of ``body`` by its ``FilePart``, read in a worker thread."""
    for name in names:
        body[name] = await asyncio.to_thread(read_file, body[name], name)


def has_files(body: Mapping[str, Any]) -> bool:
    return any(isinstance(value, FilePart) for value in body.values())


def encode_multipart(body: Mapping[str, Any]) -> tuple[bytes, str]:
    """``body`` as ``multipart/form-data``: the bytes and the ``Content-Type`` header."""
    files = {key: value for key, value in body.items() if isinstance(value, FilePart)}
    fields = encode_query({key: value for key, value in body.items() if key not in files})
    parts: list[tuple[bytes, bytes]] = [
        (f'Content-Disposition: form-data; name="{_quoted(key)}"'.encode(), value.encode())
        for key, value in fields
    ]
    for key, file in files.items():
        head = (
            f'Content-Disposition: form-data; name="{_quoted(key)}"; '
            f'filename="{_quoted(file.filename)}"\r\nContent-Type: {file.content_type}'
        )
        parts.append((head.encode(), file.data))
    boundary = uuid.uuid4().hex
    while any(boundary.encode() in data for _, data in parts):
        boundary = uuid.uuid4().hex
    dash = b"--" + boundary.encode()
    encoded = b"".join(dash + b"\r\n" + head + b"\r\n\r\n" + data + b"\r\n" for head, data in parts)
    return encoded + dash + b"--\r\n", f"multipart/form-data; boundary={boundary}"


def _quoted(text: str) -> str:
    """A header parameter value, as browsers write it (quotes and line breaks escaped)."""
    return text.replace('"', "%22").replace("\r", "%0D").replace("\n", "%0A")
