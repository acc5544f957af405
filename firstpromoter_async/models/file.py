"""A file answered by the API (a report download, an export, a document)."""

from __future__ import annotations

import msgspec


class FileResult(msgspec.Struct, kw_only=True):
    """A downloaded file.

    ``content`` is the file as sent; ``content_type`` its media type (e.g. ``text/csv``),
    ``charset`` the charset the server named, ``filename`` the name from
    ``Content-Disposition``. When the server chose to build the file in the background it
    answers 202: then ``ready`` is false, ``content`` holds no file and ``message`` says what
    happens next.
    """

    content: bytes
    content_type: str
    filename: str | None = None
    charset: str | None = None
    status: int = 200
    message: str | None = None

    @property
    def ready(self) -> bool:
        """Whether ``content`` is the file itself (not a 202 "processing" answer)."""
        return self.status != 202

    def text(self) -> str:
        """The content decoded with the server's charset (UTF-8 when it named none)."""
        return self.content.decode(self.charset or "utf-8-sig")
