"""The examples in ``examples/`` run as a user would run them, against the fake API."""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from firstpromoter_async.testing import FakeFirstPromoter, ThreadedFakeFirstPromoter

with warnings.catch_warnings():
    # Starlette >= 1.x asks for the `httpx2` package instead of `httpx` for its test client,
    # with a warning at import time; that choice is the test environment's, not the example's.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from fastapi.testclient import TestClient

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

ENV_NAMES = {
    "api_key": "FIRSTPROMOTER_API_KEY",
    "account_id": "FIRSTPROMOTER_ACCOUNT_ID",
    "base_url": "FIRSTPROMOTER_BASE_URL",
    "v1_base_url": "FIRSTPROMOTER_V1_BASE_URL",
}


def env_for(fake: FakeFirstPromoter) -> dict[str, str]:
    """The environment variables that point a client at ``fake``."""
    settings = fake.client_settings()
    return {name: str(settings[key]) for key, name in ENV_NAMES.items()}


def load_example(name: str) -> ModuleType:
    """Import ``examples/<name>.py`` afresh (the folder is not a package)."""
    spec = importlib.util.spec_from_file_location(f"example_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_example(name: str, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``python examples/<name>.py args...`` with only ``env`` as FirstPromoter settings."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("FIRSTPROMOTER_")}
    return subprocess.run(
        [sys.executable, str(EXAMPLES / f"{name}.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def statuses(fake: FakeFirstPromoter) -> set[str]:
    return {c["status"] for c in fake.state.table("commissions")}


# -- fastapi_app.py ------------------------------------------------------------------------


@pytest.fixture
def fake_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadedFakeFirstPromoter]:
    """A fake in a thread, and FIRSTPROMOTER_* pointing at it (as the app reads them)."""
    with ThreadedFakeFirstPromoter() as fake:
        for name, value in env_for(fake).items():
            monkeypatch.setenv(name, value)
        monkeypatch.delenv("FIRSTPROMOTER_WEBHOOK_TOKEN", raising=False)
        monkeypatch.delenv("FIRSTPROMOTER_WEBHOOK_SECRET", raising=False)
        yield fake


def event(event_id: str, **fields: Any) -> bytes:
    body = {
        "event_id": event_id,
        "event_type": "referral.updated",
        "action": "updated",
        "entity_type": "referral",
        "entity_id": 7,
        "changes": {"state": ["signup", "active"]},
        "data": {"id": 7, "state": "active"},
        "timestamp": "2025-04-25T09:39:42.289Z",
        **fields,
    }
    return json.dumps(body).encode()


def test_fastapi_route_uses_the_shared_client(fake_env: ThreadedFakeFirstPromoter) -> None:
    promoter = fake_env.seed_promoters(2)[1]
    example = load_example("fastapi_app")
    with TestClient(example.app) as http:
        found = http.get(f"/promoters/{promoter['id']}")
        missing = http.get("/promoters/999")
        again = http.get(f"/promoters/{promoter['id']}")
    assert found.status_code == 200
    body = found.json()
    assert (body["id"], body["email"], body["name"]) == (
        promoter["id"],
        promoter["email"],
        promoter["name"],
    )
    assert body["referral_links"][0].startswith("https://example.com/?fpr=")
    assert again.json() == body
    assert missing.status_code == 404
    assert missing.json() == {"detail": "promoter not found"}
    requests = fake_env.requests("GET")
    assert [r.path for r in requests] == [
        f"/api/v2/company/promoters/{promoter['id']}",
        "/api/v2/company/promoters/999",
        f"/api/v2/company/promoters/{promoter['id']}",
    ]
    # one client, one connection pool: the three requests share a kept-alive connection
    assert len({r.peer for r in requests}) == 1


def test_fastapi_webhook_parses_and_dedupes_events(fake_env: ThreadedFakeFirstPromoter) -> None:
    example = load_example("fastapi_app")
    with TestClient(example.app) as http:
        first = http.post("/webhooks/firstpromoter", content=event("evt-1"))
        repeat = http.post("/webhooks/firstpromoter", content=event("evt-1"))
        commission = http.post(
            "/webhooks/firstpromoter",
            content=event(
                "evt-2",
                event_type="commission.created",
                action="created",
                entity_type="commission",
                entity_id=42,
                changes={},
                data={"id": 42, "amount": 980},
            ),
        )
        garbage = http.post("/webhooks/firstpromoter", content=b"<html>nope</html>")
        not_an_event = http.post("/webhooks/firstpromoter", content=b'{"hello": "world"}')
        events = list(example.app.state.events)
    assert (first.status_code, first.json()) == (200, {"ok": True})
    assert repeat.json() == {"ok": True, "duplicate": True}
    assert commission.status_code == 200
    assert events == ["referral 7: signup -> active", "commission 42 created: 980 cents"]
    assert garbage.status_code == 400
    assert not_an_event.status_code == 400
    assert fake_env.state.journal == []  # webhooks need no API call


def test_fastapi_webhook_checks_the_shared_token(
    fake_env: ThreadedFakeFirstPromoter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIRSTPROMOTER_WEBHOOK_TOKEN", "s3cret")
    example = load_example("fastapi_app")
    with TestClient(example.app) as http:
        refused = http.post("/webhooks/firstpromoter", content=event("evt-1"))
        wrong = http.post(
            "/webhooks/firstpromoter", content=event("evt-1"), headers={"X-Webhook-Token": "no"}
        )
        accepted = http.post(
            "/webhooks/firstpromoter",
            content=event("evt-1"),
            headers={"X-Webhook-Token": "s3cret"},
        )
    assert (refused.status_code, wrong.status_code, accepted.status_code) == (401, 401, 200)


def test_fastapi_route_answers_422_for_an_id_the_sdk_refuses(
    fake_env: ThreadedFakeFirstPromoter,
) -> None:
    example = load_example("fastapi_app")
    with TestClient(example.app, raise_server_exceptions=False) as http:
        zero = http.get("/promoters/0")
        negative = http.get("/promoters/-5")
        missing = http.get("/promoters/999")
    assert (zero.status_code, zero.json()) == (
        422,
        {"detail": "id: must be a positive id, got 0"},
    )
    assert negative.status_code == 422
    assert "Traceback" not in zero.text
    assert missing.status_code == 404  # the API's 404 keeps its mapping
    # refused before sending: only the 999 lookup reached the API
    assert [r.path for r in fake_env.requests("GET")] == ["/api/v2/company/promoters/999"]


WEBHOOK_SECRET = "4c1d3f5e7a9b0c2d4e6f8a1b3c5d7e9f0a2b4c6d8e1f3a5b7c9d0e2f4a6b8c1d"


def signed(body: bytes, secret: str = WEBHOOK_SECRET) -> dict[str, str]:
    """The signature header FirstPromoter sends with ``body``."""
    digest = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return {"X-Webhook-Signature": digest}


def test_fastapi_webhook_verifies_signatures_when_a_secret_is_set(
    fake_env: ThreadedFakeFirstPromoter, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FIRSTPROMOTER_WEBHOOK_SECRET", WEBHOOK_SECRET)
    example = load_example("fastapi_app")
    body = event("evt-1")
    tampered = body.replace(b'"entity_id": 7', b'"entity_id": 8')
    assert tampered != body
    with TestClient(example.app) as http:
        unsigned = http.post("/webhooks/firstpromoter", content=body)
        forged = http.post("/webhooks/firstpromoter", content=body, headers=signed(body, "x"))
        altered = http.post("/webhooks/firstpromoter", content=tampered, headers=signed(body))
        garbled = http.post(
            "/webhooks/firstpromoter", content=body, headers={"X-Webhook-Signature": "00ff"}
        )
        events_after_refusals = list(example.app.state.events)
        accepted = http.post("/webhooks/firstpromoter", content=body, headers=signed(body))
        events = list(example.app.state.events)
    assert [r.status_code for r in (unsigned, forged, altered, garbled)] == [401] * 4
    assert altered.json() == {"detail": "bad webhook signature"}
    assert WEBHOOK_SECRET not in altered.text
    assert events_after_refusals == []  # nothing refused reached the business logic
    assert (accepted.status_code, accepted.json()) == (200, {"ok": True})
    assert events == ["referral 7: signup -> active"]


def test_fastapi_webhook_without_a_secret_ignores_the_signature(
    fake_env: ThreadedFakeFirstPromoter,
) -> None:
    example = load_example("fastapi_app")
    with TestClient(example.app) as http:
        answer = http.post(
            "/webhooks/firstpromoter",
            content=event("evt-1"),
            headers={"X-Webhook-Signature": "anything"},
        )
    assert (answer.status_code, answer.json()) == (200, {"ok": True})


# -- legacy_script.py ----------------------------------------------------------------------


def test_legacy_script_approves_pending_commissions() -> None:
    with ThreadedFakeFirstPromoter(batch_steps=1) as fake:
        fake.seed_promoters(3)
        fake.seed_commissions(4, status="approved")
        pending = fake.seed_commissions(12, status="pending")
        done = run_example("legacy_script", env=env_for(fake))
        assert (done.returncode, done.stderr) == (0, "")
        assert statuses(fake) == {"approved"}
        (approve,) = fake.requests("POST", "/company/commissions/approve")
        assert approve.json == {"ids": [c["id"] for c in pending]}
    cash = sum(c["amount"] for c in pending) / 100
    lines = done.stdout.splitlines()
    assert lines[0] == f"12 pending commissions, {cash:,.2f} in cash rewards"
    assert lines[-1] == "Approved 12 of 12 commissions (0 refused)."
    assert any(line.endswith(": 100%") for line in lines)


def test_legacy_script_without_credentials() -> None:
    done = run_example("legacy_script", env={})
    assert done.returncode == 1
    assert done.stderr.startswith("error: api_key: is required")
    assert "Traceback" not in done.stderr


# -- bulk_approve.py -----------------------------------------------------------------------


async def test_bulk_approve_runs_concurrent_batches(
    fake: FakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    example = load_example("bulk_approve")
    fake.seed_promoters(10)
    fake.seed_commissions(2_400, status="pending")
    async with fake.client(batch_poll_interval=0.01) as fp:
        ids = await example.pending_ids(fp)
        processes = await example.approve_all(fp, ids, batch_size=500, concurrency=5)
    assert len(ids) == 2_400
    assert [p.total for p in processes] == [500, 500, 500, 500, 400]
    assert all(p.succeeded for p in processes)
    assert statuses(fake) == {"approved"}
    # all five batches awaited together: one progress poll per step, not one per batch
    polls = fake.requests("GET", "/company/batch_processes/progress")
    assert len(polls) <= fake.state.batch_steps + 2
    assert capsys.readouterr().err.splitlines()[-1] == "approving: 2,400/2,400 (100%)"


def test_bulk_approve_script() -> None:
    with ThreadedFakeFirstPromoter(batch_steps=1) as fake:
        fake.seed_commissions(30, status="pending")
        everything = run_example("bulk_approve", env=env_for(fake))
        assert statuses(fake) == {"approved"}
        fake.seed_commissions(10, status="pending")
        some = run_example("bulk_approve", "31", "32", "33", env=env_for(fake))
        counts = {c["id"]: c["status"] for c in fake.state.table("commissions")}
    assert everything.returncode == 0, everything.stderr
    assert everything.stdout.startswith("Approved 30 of 30 commissions in 1 batches (0 refused")
    assert some.returncode == 0, some.stderr
    assert some.stdout.startswith("Approved 3 of 3 commissions")
    assert [counts[i] for i in range(31, 41)] == ["approved"] * 3 + ["pending"] * 7


def test_bulk_approve_script_rejects_bad_ids() -> None:
    done = run_example("bulk_approve", "12", "twelve", env={})
    assert (done.returncode, done.stderr) == (2, "usage: bulk_approve.py [COMMISSION_ID ...]\n")
