"""The API key never appears in a message, repr, log line or exception."""

from __future__ import annotations

import logging

import pytest

from firstpromoter_async import APIConnectionError, AsyncFirstPromoter, FirstPromoterError
from firstpromoter_async.testing import FakeFirstPromoter

SECRET = "sk_live_very_secret_value"


async def test_key_absent_from_reprs_errors_and_debug_logs(
    fake: FakeFirstPromoter, caplog: pytest.LogCaptureFixture
) -> None:
    fake.state.api_key = SECRET
    fake.state.v1_api_key = SECRET
    fake.seed_promoters(1)
    seen: list[str] = []
    with caplog.at_level(logging.DEBUG):
        async with fake.client(api_key=SECRET, v1_api_key=SECRET) as fp:
            fp.retry_policy.base_delay = 0.001
            seen += [repr(fp), repr(fp.promoters), repr(fp._endpoint("v2")), repr(fp._transport)]
            fake.inject("/company/promoters/1", status=503, times=1)
            await fp.promoters.retrieve(1)
            fake.inject(
                "/company/promoters/1",
                status=401,
                body=f'{{"message": "bad key {SECRET}"}}'.encode(),
            )
            for call in (fp.promoters.retrieve(1), fp.promoters.retrieve(404)):
                with pytest.raises(FirstPromoterError) as info:
                    await call
                seen += [str(info.value), repr(info.value), str(info.value.__dict__)]
        async with AsyncFirstPromoter(
            api_key=SECRET, account_id="1", base_url="http://127.0.0.1:9/api/v2", max_retries=0
        ) as down:
            with pytest.raises(APIConnectionError) as info:
                await down.promoters.retrieve(1)
            seen += [str(info.value), repr(info.value)]
    seen += [record.getMessage() for record in caplog.records]
    assert any("GET" in line for line in seen)  # the logs did record the traffic
    leaks = [line for line in seen if SECRET in line]
    assert leaks == []
