"""The upload mechanism on its own: ``read_file`` and ``encode_multipart`` (``_multipart.py``),
checked against the fake server's multipart parser."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

import pytest

from firstpromoter_async import InvalidRequestError
from firstpromoter_async._multipart import FilePart, encode_multipart, read_file
from firstpromoter_async.testing._http import _multipart


def test_fields_and_file_round_trip_through_the_fakes_parser() -> None:
    data = bytes(range(256)) * 4 + b"\r\n--\r\n\r\n"
    file = FilePart('a "quoted"\r\nname.png', "image/png", data)
    body, content_type = encode_multipart(
        {"name": "Bänner ✓", "ids": [1, 2], "flag": True, "filters": {"a": "b"}, "file": file}
    )
    assert content_type.startswith("multipart/form-data; boundary=")
    assert _multipart(body, content_type) == {
        "name": "Bänner ✓",
        "ids": ["1", "2"],
        "flag": "true",
        "filters": {"a": "b"},
        "file": {
            "filename": "a %22quoted%22%0D%0Aname.png",
            "content_type": "image/png",
            "data": data,
        },
    }


def test_a_boundary_found_in_the_data_is_drawn_again(monkeypatch: pytest.MonkeyPatch) -> None:
    taken, fresh = uuid.UUID(int=1), uuid.UUID(int=2)
    draws = iter([taken, fresh])
    monkeypatch.setattr(uuid, "uuid4", lambda: next(draws))
    body, content_type = encode_multipart({"file": FilePart("x", "text/plain", taken.hex.encode())})
    assert content_type.endswith(fresh.hex)
    assert _multipart(body, content_type)["file"]["data"] == taken.hex.encode()


def test_inputs_read_as_file_parts(tmp_path: Path) -> None:
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert read_file(tmp_path / "notes.pdf", "file") == FilePart(
        "notes.pdf", "application/pdf", b"%PDF"
    )
    assert read_file(bytearray(b"ab"), "file") == FilePart(
        "file", "application/octet-stream", b"ab"
    )
    assert read_file(memoryview(b"cd"), "file").data == b"cd"
    named = io.BytesIO(b"x")
    named.name = "/tmp/report.csv"
    assert read_file(named, "file") == FilePart("report.csv", "text/csv", b"x")
    assert "5 bytes" in repr(FilePart("f", "text/plain", b"12345"))  # the bytes stay out of reprs


@pytest.mark.parametrize("value", ["/nonexistent/dir/file.png", io.StringIO("text"), 3.5])
def test_what_cannot_be_read_is_refused_naming_the_argument(value: object) -> None:
    with pytest.raises(InvalidRequestError) as info:
        read_file(value, "file")
    assert info.value.param == "file"
