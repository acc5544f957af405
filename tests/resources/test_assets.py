"""Assets and asset categories: every operation on the wire, uploads, and state in the fake."""

from __future__ import annotations

import io
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from firstpromoter_async import (
    Asset,
    AssetCategory,
    AsyncFirstPromoter,
    BatchProcess,
    InvalidRequestError,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.testing.domain.assets import change_categories, new_asset

from ..conftest import Caller
from ..operations import Invalid, bad, bad_from, row

BANNER = {"name": "Banner", "asset_type": "image", "category_id": 1, "allowed_campaign_ids": [1]}
GUIDE = {"name": "Guide", "asset_type": "text", "content": "Hi", "category_id": 2}
OCTETS = "application/octet-stream"
CHANGES = {
    "asset_categories": [{"id": 1, "name": "Ads", "position": 3}, {"name": "New", "position": 1}]
}


def _seed(fake: FakeFirstPromoter) -> None:
    change_categories(
        fake.state, [{"name": "Banners", "position": 1}, {"name": "Docs", "position": 2}]
    )
    for asset in (BANNER, {"name": "Site", "asset_type": "link", "url": "https://a.test"}):
        new_asset(fake.state, asset)


A = "/company/assets"
OPERATIONS = [
    row(
        "assets.list",
        f"GET {A}?q=site&filters[asset_type]=link&filters[category_id]=not_set",
        Asset,
        _seed,
        q="site",
        filters={"asset_type": "link", "category_id": "not_set"},
    ),
    row("assets.create", f"POST {A}", Asset, _seed, **GUIDE),
    row("assets.retrieve", f"GET {A}/1", Asset, _seed, 1),
    row("assets.update", f"PUT {A}/2", Asset, _seed, 2, name="Home", allowed_campaign_ids=[3]),
    row(
        "assets.update_category",
        f"PUT {A}/update_category",
        BatchProcess,
        _seed,
        ids=[1, 2],
        category_id=None,
    ),
    row("assets.delete", f"DELETE {A}/destroy", BatchProcess, _seed, ids=[1, 2]),
    row("assets.categories.list", f"GET {A}/categories", AssetCategory, _seed),
    row("assets.categories.update", f"PUT {A}/categories", AssetCategory, _seed, **CHANGES),
]


class OneRead(io.BytesIO):
    """A binary file that counts its reads."""

    reads, thread = 0, threading.current_thread()

    def read(self, size: int | None = -1) -> bytes:
        self.reads, self.thread = self.reads + 1, threading.current_thread()
        return super().read(size)


def _is_open(path: Path) -> bool:
    fds = os.listdir("/proc/self/fd")
    return os.path.realpath(path) in {os.path.realpath(f"/proc/self/fd/{fd}") for fd in fds}


async def test_a_file_is_sent_as_multipart_and_read_once(
    call: Caller, fake: FakeFirstPromoter, tmp_path: Path
) -> None:
    _seed(fake)
    path, data = tmp_path / "logo.png", b"\x89PNG\r\n\x00\xff" * 100
    path.write_bytes(data)
    asset = await call(lambda fp: fp.assets.create(file=str(path), **BANNER))
    assert not _is_open(path)  # the SDK opened the path, and closed it
    sent = fake.requests("POST", "/company/assets")[0]
    assert sent.headers["Content-Type"].startswith("multipart/form-data; boundary=")
    assert sent.form == {
        **{k: str(v) for k, v in BANNER.items() if k != "allowed_campaign_ids"},
        "allowed_campaign_ids": ["1"],
        "file": {"filename": "logo.png", "content_type": "image/png", "data": data},
    }
    assert (asset.details.file_size, asset.url[-9:]) == (len(data), "/logo.png")
    fake.inject("/company/assets/1", method="PUT", status=503)  # retried: the same bytes again
    file = OneRead(b"%PDF-1.7")
    await call(lambda fp: fp.assets.update(1, file=file))
    tries = [r.form["file"] for r in fake.requests("PUT", "/company/assets/1")]
    assert tries == [{"filename": "file", "content_type": OCTETS, "data": b"%PDF-1.7"}] * 2
    assert (file.reads, file.closed) == (1, False)  # read once; the caller's file stays open
    assert file.thread is not threading.current_thread()  # not on the event loop's thread
    await call(lambda fp: fp.assets.update(1, file=path))  # a pathlib.Path
    await call(lambda fp: fp.assets.update(1, file=b"raw", name="Raw"))
    assert fake.requests("PUT", "/company/assets/1")[-1].form["file"]["data"] == b"raw"
    assert (await call(lambda fp: fp.assets.retrieve(1))).name == "Raw"
    unread = OneRead(b"x")  # a call refused for another argument reads no file
    with pytest.raises(InvalidRequestError):
        await call(lambda fp: fp.assets.update(1, asset_type="video", file=unread))
    assert unread.reads == 0


async def test_assets_lifecycle(client: AsyncFirstPromoter, fake: FakeFirstPromoter) -> None:
    _seed(fake)
    created = [await client.assets.create(name=f"Ad {n}", asset_type="link") for n in range(6)]
    listed = await client.assets.list(
        filters={"campaign_id": [1], "created_at": {"from": "2020-01-01"}}
    ).to_list()
    assert [a.name for a in listed] == ["Banner"]
    assert listed[0].category == AssetCategory(id=1, name="Banners", position=1)
    assert [c.name for c in listed[0].allowed_campaigns or []] == ["Campaign 1"]
    ids = [a.id for a in created]
    pending = await client.assets.update_category(ids=ids, category_id=2, wait=False)
    assert (pending.status, pending.total) == ("pending", 6)
    await client.batch_processes.wait(pending)
    in_docs = await client.assets.list(filters={"category_id": 2}).to_list()
    assert [a.id for a in in_docs] == ids
    done = await client.assets.delete(ids=[*ids, 404])
    assert (done.failed_count, done.processing_errors) == (1, ["Asset 404 not found"])
    assert [a.name async for a in client.assets.list()] == ["Banner", "Site"]
    kept = await client.assets.categories.update(
        asset_categories=[{"id": 1, "name": "Banners", "position": 1, "_destroy": True}]
    )
    assert [c.name for c in kept] == ["Docs"]
    assert (await client.assets.retrieve(1)).category is None


_bad = bad_from("assets.create", name="x", asset_type="image")


def _categories(param: str, change: Any) -> Invalid:
    return bad("assets.categories.update", param, asset_categories=[change])


INVALID = [
    _bad("asset_type", asset_type="video"),
    _bad("name", name=None),
    _bad("file", file=123),
    _bad("file", file="/nonexistent/logo.png"),
    _bad("file", file=io.StringIO("text")),
    _bad("allowed_campaign_ids", allowed_campaign_ids=[0]),
    bad("assets.update", "fields", 1),
    bad("assets.update", "id", 0, name="x"),
    bad("assets.update_category", "ids", ids=[], category_id=1),
    bad("assets.update_category", "category_id", ids=[1], category_id=0),
    bad("assets.delete", "ids", ids=[True]),
    bad("assets.list", "filters.asset_type", filters={"asset_type": "video"}),
    bad("assets.list", "filters.status", filters={"status": "x"}),
    _categories("asset_categories.position", {"name": "x"}),
    _categories("asset_categories", {"name": "x", "position": "1"}),
    _categories("asset_categories", {"name": "x", "position": 1, "_destroy": "yes"}),
]
