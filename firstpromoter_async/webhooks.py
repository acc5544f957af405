"""Read the events FirstPromoter POSTs to your webhook endpoints, and check their signatures.

Every delivery is a JSON object of the same shape for all event types; ``parse_event`` turns
the raw request body into a typed ``WebhookEvent``. Each delivery also carries an
``X-Webhook-Signature`` header: the hex HMAC-SHA256 of the raw body keyed with the
subscription's ``secret_key`` (returned once, by ``webhooks.create``). Give ``parse_event`` the
header and the secret and it refuses a body that was not signed with that secret. Example with
FastAPI::

    from fastapi import FastAPI, HTTPException, Request
    from firstpromoter_async import APIResponseValidationError, WebhookVerificationError
    from firstpromoter_async.webhooks import parse_event

    app = FastAPI()

    @app.post("/firstpromoter/webhooks")
    async def firstpromoter_webhook(request: Request) -> dict[str, bool]:
        try:
            event = parse_event(
                await request.body(),  # the raw bytes: the signature covers them exactly
                signature=request.headers.get("X-Webhook-Signature"),
                secret=WEBHOOK_SECRET,
            )
        except WebhookVerificationError:
            raise HTTPException(status_code=401, detail="bad signature") from None
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

import hashlib
import hmac

import msgspec

from ._exceptions import APIResponseValidationError, InvalidRequestError, WebhookVerificationError
from .models.webhook import WebhookEvent

__all__ = ["SIGNATURE_HEADER", "WebhookEvent", "parse_event", "verify_signature"]

SIGNATURE_HEADER = "X-Webhook-Signature"
"""The request header that carries a delivery's signature."""

_DECODER = msgspec.json.Decoder(WebhookEvent)
_HEX_DIGITS = frozenset("0123456789abcdef")
_SIGNATURE_LENGTH = hashlib.sha256().digest_size * 2


def verify_signature(
    body: bytes | bytearray | memoryview | str,
    signature: str | bytes | None,
    secret: str | bytes,
) -> None:
    """Check that ``signature`` is the HMAC-SHA256 of ``body`` keyed with ``secret``.

    The comparison takes constant time (``hmac.compare_digest``), so timing tells an attacker
    nothing about the expected signature.

    Args:
        body: the raw request body, exactly as received (text is encoded as UTF-8).
        signature: the ``X-Webhook-Signature`` header: 64 hex digits (either case; surrounding
            whitespace is ignored). ``None`` (the header is missing) is refused.
        secret: the subscription's ``secret_key``, as ``webhooks.create`` returned it.

    Raises:
        WebhookVerificationError: the signature is missing, is not 64 hex digits, or does not
            match. The message never contains the secret or the expected signature.
        InvalidRequestError: ``secret`` is empty (``param="secret"``): anyone can sign with
            an empty key.
    """
    key = _secret_bytes(secret)
    raw = _body_bytes(body)
    given = _signature_text(signature)
    expected = hmac.new(key, raw, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode("ascii"), expected.encode("ascii")):
        raise WebhookVerificationError(
            "The webhook signature does not match the body: it was not signed with this "
            "secret, or the body was changed on the way."
        )


def parse_event(
    body: bytes | bytearray | memoryview | str,
    *,
    signature: str | bytes | None = None,
    secret: str | bytes | None = None,
) -> WebhookEvent:
    """Decode a webhook request body into a ``WebhookEvent``, verifying it first if asked.

    Args:
        body: the raw request body, as bytes or text (not parsed JSON).
        signature: the ``X-Webhook-Signature`` header; checked when ``secret`` is given.
        secret: the subscription's ``secret_key``. When given, the body is decoded only if
            ``signature`` matches it (a missing signature is refused). When ``None``, nothing
            is verified, so an app can pass the header always and the secret once it has one.

    Returns:
        The event; ``changes`` and ``data`` are plain dicts whose fields depend on
        ``entity_type``.

    Raises:
        WebhookVerificationError: a secret was given and the signature is missing, malformed
            or does not match (see ``verify_signature``).
        InvalidRequestError: ``secret`` is empty or not text/bytes (``param="secret"``).
        APIResponseValidationError: the body is not JSON, or not an event (e.g. it lacks
            ``event_id`` or ``event_type``). Its ``body`` attribute keeps the raw bytes.
    """
    raw = _body_bytes(body)
    if secret is not None:
        verify_signature(raw, signature, secret)
    try:
        event: WebhookEvent = _DECODER.decode(raw)
    except (msgspec.ValidationError, msgspec.DecodeError) as exc:
        raise APIResponseValidationError(
            f"The webhook body is not a FirstPromoter event: {exc}", body=raw
        ) from exc
    return event


def _body_bytes(body: object) -> bytes:
    if isinstance(body, str):
        return body.encode("utf-8")
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    raise TypeError(f"body must be bytes or str, got {type(body).__name__}")


def _secret_bytes(secret: object) -> bytes:
    if isinstance(secret, str):
        key = secret.encode("utf-8")
    elif isinstance(secret, (bytes, bytearray)):
        key = bytes(secret)
    else:  # never show the value: it may be the secret in the wrong type
        raise InvalidRequestError("secret", f"must be str or bytes, got {type(secret).__name__}")
    if not key:
        raise InvalidRequestError("secret", "must not be empty")
    return key


def _signature_text(signature: object) -> str:
    """The header as lowercase hex, or a ``WebhookVerificationError`` saying what is wrong."""
    if signature is None:
        raise WebhookVerificationError(f"The webhook has no signature ({SIGNATURE_HEADER}).")
    if isinstance(signature, (bytes, bytearray)):
        signature = bytes(signature).decode("ascii", "replace")
    if not isinstance(signature, str):
        raise WebhookVerificationError(
            f"The webhook signature must be text, got {type(signature).__name__}."
        )
    text = signature.strip().lower()
    if len(text) != _SIGNATURE_LENGTH or not _HEX_DIGITS.issuperset(text):
        raise WebhookVerificationError(
            f"The webhook signature is not {_SIGNATURE_LENGTH} hex digits (an HMAC-SHA256)."
        )
    return text
