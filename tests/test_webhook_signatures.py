"""Webhook signatures: ``verify_signature`` and ``parse_event(signature=, secret=)``.

A delivery is signed with the hex HMAC-SHA256 of its raw body, keyed with the subscription's
``secret_key``; these tests sign bodies the way the vendor documents it and check that only an
untouched body with the right signature gets through.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import pickle

import pytest

import firstpromoter_async
import firstpromoter_sync
from firstpromoter_async import (
    APIResponseValidationError,
    FirstPromoterError,
    InvalidRequestError,
    WebhookVerificationError,
)
from firstpromoter_async.testing import FakeFirstPromoter
from firstpromoter_async.webhooks import SIGNATURE_HEADER, parse_event, verify_signature

SECRET = "9f2c4e6a8b0d1f3e5a7c9e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f1a3c5e7b9d1f"

BODY = json.dumps(
    {
        "event_id": "evt_1",
        "event_type": "commission.created",
        "action": "created",
        "entity_type": "commission",
        "entity_id": 42,
        "changes": {},
        "data": {"id": 42, "amount": 980},
        "timestamp": "2025-05-02T09:41:00Z",
    }
).encode()


def sign(body: bytes, secret: str = SECRET) -> str:
    """What FirstPromoter sends in ``X-Webhook-Signature``."""
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def test_a_correct_signature_is_accepted() -> None:
    signature = sign(BODY)
    assert verify_signature(BODY, signature, SECRET) is None
    # the header may come in either case and with stray whitespace; text bodies are UTF-8
    verify_signature(BODY.decode(), f" {signature.upper()}\n", SECRET.encode())
    event = parse_event(BODY, signature=signature, secret=SECRET)
    assert (event.event_id, event.entity_id) == ("evt_1", 42)


@pytest.mark.parametrize(
    "tampered",
    [
        BODY.replace(b"980", b"98000"),  # a changed amount
        BODY + b" ",  # one byte more
        BODY[:-1],  # one byte less
        json.dumps(json.loads(BODY), indent=2).encode(),  # same JSON, other bytes
    ],
)
def test_a_tampered_body_is_refused(tampered: bytes) -> None:
    signature = sign(BODY)
    with pytest.raises(WebhookVerificationError, match="does not match"):
        verify_signature(tampered, signature, SECRET)
    with pytest.raises(WebhookVerificationError):
        parse_event(tampered, signature=signature, secret=SECRET)


def test_a_body_signed_with_another_secret_is_refused() -> None:
    with pytest.raises(WebhookVerificationError, match="does not match") as info:
        verify_signature(BODY, sign(BODY, "another-secret"), SECRET)
    # neither the secret nor the expected signature is ever shown
    shown = f"{info.value} {info.value!r} {info.value.args}"
    assert SECRET not in shown
    assert sign(BODY) not in shown


@pytest.mark.parametrize(
    "signature",
    [
        "",
        "abc",
        sign(BODY)[:-1],  # one digit short
        sign(BODY) + "0",  # one digit long
        "z" * 64,  # not hex
        "sha256=" + sign(BODY),  # a scheme prefix the vendor does not send
        "é" * 64,
        hashlib.sha1(BODY).hexdigest(),  # another algorithm
    ],
)
def test_malformed_signatures_are_refused(signature: str) -> None:
    with pytest.raises(WebhookVerificationError, match="64 hex digits"):
        verify_signature(BODY, signature, SECRET)


def test_a_missing_signature_is_refused_when_a_secret_is_given() -> None:
    with pytest.raises(WebhookVerificationError, match=SIGNATURE_HEADER):
        verify_signature(BODY, None, SECRET)
    with pytest.raises(WebhookVerificationError, match=SIGNATURE_HEADER):
        parse_event(BODY, secret=SECRET)


def test_without_a_secret_nothing_is_verified() -> None:
    # an app may pass the header always and the secret once it has one
    event = parse_event(BODY, signature="not even hex")
    assert event.event_id == "evt_1"


@pytest.mark.parametrize("secret", ["", b""])
def test_an_empty_secret_is_a_usage_error(secret: str | bytes) -> None:
    # anyone can compute an HMAC with an empty key: refusing it beats accepting forgeries
    with pytest.raises(InvalidRequestError) as info:
        verify_signature(BODY, sign(BODY, ""), secret)
    assert info.value.param == "secret"


def test_a_secret_of_the_wrong_type_is_not_echoed() -> None:
    with pytest.raises(InvalidRequestError) as info:
        verify_signature(BODY, sign(BODY), 12345)  # type: ignore[arg-type]
    assert info.value.param == "secret"
    assert "12345" not in str(info.value)


def test_the_signature_is_checked_before_the_body_is_parsed() -> None:
    # garbage with a valid signature is a bad event; garbage with a bad one is a bad signature
    garbage = b"<html>nope</html>"
    with pytest.raises(APIResponseValidationError):
        parse_event(garbage, signature=sign(garbage), secret=SECRET)
    with pytest.raises(WebhookVerificationError):
        parse_event(garbage, signature=sign(BODY), secret=SECRET)


def test_the_comparison_is_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        compared.append((a, b))
        return real(a, b)

    monkeypatch.setattr(hmac, "compare_digest", spy)
    verify_signature(BODY, sign(BODY), SECRET)
    with pytest.raises(WebhookVerificationError):
        verify_signature(BODY, sign(BODY, "x"), SECRET)
    assert [len(a) for a, _ in compared] == [64, 64]
    assert compared[0][0] == compared[0][1]


def test_the_error_is_exported_and_pickles() -> None:
    assert issubclass(WebhookVerificationError, FirstPromoterError)
    assert firstpromoter_sync.WebhookVerificationError is WebhookVerificationError
    assert firstpromoter_sync.verify_signature is verify_signature
    assert firstpromoter_async.verify_signature is verify_signature
    assert repr(WebhookVerificationError).startswith("<class 'firstpromoter_async.")
    error = pickle.loads(pickle.dumps(WebhookVerificationError("The webhook has no signature.")))
    assert (type(error), error.message) == (
        WebhookVerificationError,
        "The webhook has no signature.",
    )


async def test_a_delivery_signed_with_the_subscriptions_secret(fake: FakeFirstPromoter) -> None:
    """The secret ``webhooks.create`` returns over HTTP is what verifies a delivery."""
    async with fake.client() as fp:
        subscription = await fp.webhooks.create(
            url="https://hooks.example.com/fp", event_types=["commission.created"]
        )
        await fp.webhooks.test(url="https://hooks.example.com/fp", event_type="commission.created")
        (delivery,) = [d async for d in fp.webhooks.deliveries.list(subscription.id)]
    assert subscription.secret_key
    body = json.dumps(delivery.payload).encode()
    signature = sign(body, subscription.secret_key)
    event = parse_event(body, signature=signature, secret=subscription.secret_key)
    assert event.event_type == "commission.created"
    with pytest.raises(WebhookVerificationError):
        parse_event(
            body.replace(b"commission", b"c0mmission", 1),
            signature=signature,
            secret=subscription.secret_key,
        )
