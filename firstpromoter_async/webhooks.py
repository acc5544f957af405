"""Read the events FirstPromoter POSTs to your webhook endpoints.

Every delivery is a JSON object of the same shape for all event types; ``parse_event`` turns
the raw request body into a typed ``WebhookEvent``. Example with FastAPI::

    from fastapi import FastAPI, HTTPException, Request
    from firstpromoter_async import APIResponseValidationError
    from firstpromoter_async.webhooks import parse_event

    app = FastAPI()

    @app.post("/firstpromoter/webhooks")
    async def firstpromoter_webhook(request: Request) -> dict[str, bool]:
        try:
            event = parse_event(await request.body())
        except APIResponseValidationError:
            raise HTTPException(status_code=400, detail="not a FirstPromoter event") from None
        if await already_seen(event.event_id):  # deliveries may repeat: dedupe by event_id
            return {"ok": True}
        if event.event_type == "referral.updated" and (state := event.change("state")):
            old_state, new_state = state
            ...
        elif event.event_type == "commission.created":
            commission_id = event.entity_id
            ...
        return {"ok": True}  # any 2xx acknowledges the delivery

Answer quickly with a 2xx and do slow work in the background: deliveries that time out or get
another status are retried.
"""

from __future__ import annotations

import msgspec

from ._exceptions import APIResponseValidationError
from .models.webhook import WebhookEvent

__all__ = ["WebhookEvent", "parse_event"]

_DECODER = msgspec.json.Decoder(WebhookEvent)


def parse_event(body: bytes | bytearray | memoryview | str) -> WebhookEvent:
    """Decode a webhook request body into a ``WebhookEvent``.

    Args:
        body: the raw request body, as bytes or text (not parsed JSON).

    Returns:
        The event; ``changes`` and ``data`` are plain dicts whose fields depend on
        ``entity_type``.

    Raises:
        APIResponseValidationError: the body is not JSON, or not an event (e.g. it lacks
            ``event_id`` or ``event_type``). Its ``body`` attribute keeps the raw bytes.
    """
    if isinstance(body, str):
        raw = body.encode("utf-8")
    elif isinstance(body, (bytes, bytearray, memoryview)):
        raw = bytes(body)
    else:
        raise TypeError(f"body must be bytes or str, got {type(body).__name__}")
    try:
        event: WebhookEvent = _DECODER.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise APIResponseValidationError(
            f"The webhook body is not a FirstPromoter event: {exc}", body=raw
        ) from exc
    return event
