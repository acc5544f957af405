"""FirstPromoter in a FastAPI service: one shared client, a route, and a webhook endpoint.

Run it with your credentials in the environment:

    export FIRSTPROMOTER_API_KEY=...  FIRSTPROMOTER_ACCOUNT_ID=...
    export FIRSTPROMOTER_WEBHOOK_SECRET=...   # the subscription's secret_key (see below)
    export FIRSTPROMOTER_WEBHOOK_TOKEN=some-long-random-string   # optional, see below
    uvicorn examples.fastapi_app:app

or, offline, against the fake API (`firstpromoter mock-server` prints the variables to set).

- The ``AsyncFirstPromoter`` is opened once, in the app's lifespan, and closed at shutdown:
  one connection pool, one rate limiter and one batch poller for every request the app serves.
- Routes receive it as a dependency (``FirstPromoterClient``), which tests can override.
- ``GET /promoters/{id}``: an API 404 becomes the app's 404, an id the SDK refuses before
  sending (``InvalidRequestError``, e.g. ``0``) a 422.
- ``POST /webhooks/firstpromoter`` reads the raw body with ``parse_event``. When
  ``FIRSTPROMOTER_WEBHOOK_SECRET`` is set (the ``secret_key`` that ``fp.webhooks.create``
  returned), the ``X-Webhook-Signature`` header must be the body's HMAC-SHA256 with it, or the
  app answers 401. FirstPromoter also sends the headers you gave to
  ``fp.webhooks.create(headers=...)`` with every delivery; here an ``X-Webhook-Token`` header
  must match ``FIRSTPROMOTER_WEBHOOK_TOKEN`` when that is set (a fallback while the vendor's
  signing is not settled). Either way, repeated deliveries are dropped by ``event_id``.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, HTTPException, Request

from firstpromoter_async import (
    APIResponseValidationError,
    AsyncFirstPromoter,
    InvalidRequestError,
    NotFoundError,
    WebhookEvent,
    WebhookVerificationError,
)
from firstpromoter_async.webhooks import SIGNATURE_HEADER, parse_event


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Open the client when the app starts and close it when the app stops."""
    # No arguments: the key, account id and base URL come from FIRSTPROMOTER_* variables.
    async with AsyncFirstPromoter() as fp:
        app.state.firstpromoter = fp
        app.state.seen_events = set()  # use your database in production (see the webhook)
        app.state.events = []
        yield


app = FastAPI(title="FirstPromoter example", lifespan=lifespan)


def get_firstpromoter(request: Request) -> AsyncFirstPromoter:
    """The app's shared client (a FastAPI dependency)."""
    fp: AsyncFirstPromoter = request.app.state.firstpromoter
    return fp


FirstPromoterClient = Annotated[AsyncFirstPromoter, Depends(get_firstpromoter)]


@app.get("/promoters/{promoter_id}")
async def read_promoter(promoter_id: int, fp: FirstPromoterClient) -> dict[str, Any]:
    """A promoter with their referral links, 404 when there is none, 422 for a bad id."""
    try:
        promoter = await fp.promoters.retrieve(promoter_id)
    except NotFoundError:
        raise HTTPException(status_code=404, detail="promoter not found") from None
    except InvalidRequestError as error:  # refused before anything was sent (e.g. id 0)
        raise HTTPException(status_code=422, detail=str(error)) from None
    # Models are msgspec Structs: pick fields, or return promoter.to_dict() for all of them.
    return {
        "id": promoter.id,
        "email": promoter.email,
        "name": promoter.name,
        "referral_links": [m.ref_link for m in promoter.promoter_campaigns or [] if m.ref_link],
        "revenue_cents": promoter.stats.revenue_amount if promoter.stats else None,
    }


@app.post("/webhooks/firstpromoter")
async def firstpromoter_webhook(
    request: Request, x_webhook_token: Annotated[str | None, Header()] = None
) -> dict[str, Any]:
    """Receive a FirstPromoter event; any 2xx answer acknowledges the delivery."""
    expected = os.environ.get("FIRSTPROMOTER_WEBHOOK_TOKEN")
    if expected and not hmac.compare_digest(x_webhook_token or "", expected):
        raise HTTPException(status_code=401, detail="bad webhook token")
    try:
        event = parse_event(
            await request.body(),  # the raw bytes, not request.json(): the signature covers them
            signature=request.headers.get(SIGNATURE_HEADER),
            secret=os.environ.get("FIRSTPROMOTER_WEBHOOK_SECRET") or None,  # None: not checked
        )
    except WebhookVerificationError:
        raise HTTPException(status_code=401, detail="bad webhook signature") from None
    except APIResponseValidationError:
        raise HTTPException(status_code=400, detail="not a FirstPromoter event") from None

    # Deliveries are retried, so the same event may arrive twice: dedupe by event_id.
    seen: set[str] = request.app.state.seen_events
    if event.event_id in seen:
        return {"ok": True, "duplicate": True}
    seen.add(event.event_id)
    handle_event(request.app, event)
    return {"ok": True}


def handle_event(app: FastAPI, event: WebhookEvent) -> None:
    """Your business logic. Keep it quick: hand slow work to a queue or background task."""
    if event.event_type == "referral.updated" and (state := event.change("state")):
        old, new = state
        app.state.events.append(f"referral {event.entity_id}: {old} -> {new}")
    elif event.event_type == "commission.created":
        amount = (event.data or {}).get("amount")
        app.state.events.append(f"commission {event.entity_id} created: {amount} cents")
    else:
        app.state.events.append(f"{event.event_type} {event.entity_id}")
