"""Records of marketing assets and their categories: factories and renderers, no HTTP."""

from __future__ import annotations

from typing import Any

from .._state import FakeState, Record, Refused, now_iso
from .promoters import ensure_campaign

__all__ = ["change_asset", "change_categories", "new_asset", "render_asset"]

TYPES = ("image", "document", "link", "text")
SHOWN = ("name", "asset_type", "url", "content", "landing_page_url")


def new_asset(state: FakeState, body: dict[str, Any]) -> Record:
    """Create an asset from a create body (JSON, or multipart fields and a file part)."""
    for name in ("name", "asset_type"):
        if not body.get(name):
            raise Refused(422, f"{name} can't be blank")
    record = dict.fromkeys(("url", "content", "landing_page_url", "details", "category_id"))
    record.update(uploading=False, allowed_campaign_ids=[], created_at=now_iso())
    record["id"] = state.table("assets").next_id()
    change_asset(state, record, body)
    return state.table("assets").insert(record)


def change_asset(state: FakeState, record: Record, body: dict[str, Any]) -> None:
    """Apply the fields of a create or update body (multipart values come as strings)."""
    if body.get("asset_type", "link") not in TYPES:
        raise Refused(422, "Asset type is not included in the list")
    if body.get("category_id") is not None:
        if state.table("asset_categories").get(int(body["category_id"])) is None:
            raise Refused(422, "Category not found")
        body = {**body, "category_id": int(body["category_id"])}
    if "category_id" in body:
        record["category_id"] = body["category_id"]
    if "allowed_campaign_ids" in body:
        ids = [ensure_campaign(state, int(i))["id"] for i in body["allowed_campaign_ids"]]
        record["allowed_campaign_ids"] = ids
    file = body.get("file")
    if isinstance(file, dict):  # a multipart file part
        name, size = file["filename"], len(file["data"])
        record["url"] = f"https://assets.fake.firstpromoter.test/{record['id']}/{name}"
        record["details"] = {"file_format": name.partition(".")[2] or None, "file_size": size}
    record.update({name: body[name] for name in SHOWN if name in body})


def render_asset(state: FakeState, record: Record) -> Record:
    """An asset as the API shows it: its category and campaigns embedded."""
    category = state.table("asset_categories").get(record["category_id"] or 0)
    campaigns = [state.table("campaigns").get(i) for i in record["allowed_campaign_ids"]]
    return {
        **record,
        "category": {k: category[k] for k in ("id", "name", "position")} if category else None,
        "allowed_campaigns": [{k: c[k] for k in ("id", "name", "color")} for c in campaigns if c],
    }


def change_categories(state: FakeState, changes: Any) -> list[Record]:
    """Create (no ``id``), update, or delete (``_destroy``) categories; all, by position."""
    table = state.table("asset_categories")
    for change in changes if isinstance(changes, list) else []:
        record: Record | None = table.get(int(change["id"])) if change.get("id") else {}
        if record is None:
            raise Refused(404, f"Asset category {change['id']} not found", "not_found")
        if change.get("_destroy"):
            table.delete(record.get("id", 0))
            continue
        if not change.get("name") or not isinstance(change.get("position"), int):
            raise Refused(422, "name and position are required")
        record.setdefault("created_at", now_iso())
        record.update(name=change["name"], position=change["position"], updated_at=now_iso())
        table.insert(record)
    return sorted(table, key=lambda category: category["position"])
