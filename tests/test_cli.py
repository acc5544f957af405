"""The ``firstpromoter`` command: each command against the fake API, output, exit statuses."""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from firstpromoter_async import (
    APIConnectionError,
    AsyncFirstPromoter,
    InvalidRequestError,
    NotFoundError,
)
from firstpromoter_async.testing import ThreadedFakeFirstPromoter
from firstpromoter_sync._cli import _environment as cli_environment
from firstpromoter_sync._cli import error_line, main
from firstpromoter_sync._cli._output import Column, Progress, table

ENV_NAMES = {
    "api_key": "FIRSTPROMOTER_API_KEY",
    "account_id": "FIRSTPROMOTER_ACCOUNT_ID",
    "base_url": "FIRSTPROMOTER_BASE_URL",
    "v1_base_url": "FIRSTPROMOTER_V1_BASE_URL",
}


def env_for(fake: ThreadedFakeFirstPromoter) -> dict[str, str]:
    """The environment that points the CLI at ``fake``."""
    settings = fake.client_settings()
    return {name: str(settings[key]) for key, name in ENV_NAMES.items()}


@pytest.fixture
def fake_api(monkeypatch: pytest.MonkeyPatch) -> Iterator[ThreadedFakeFirstPromoter]:
    """A fake API in a thread, with the environment pointing the CLI at it."""
    with ThreadedFakeFirstPromoter() as server:
        for name, value in env_for(server).items():
            monkeypatch.setenv(name, value)
        yield server


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``main(argv)`` in-process: (exit status, stdout, stderr)."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def assert_one_line_error(err: str, pattern: str) -> None:
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert re.search(pattern, lines[0]), lines[0]


# -- promoters list ------------------------------------------------------------------------


def test_promoters_list_json_matches_the_server(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = fake_api.seed_promoters(7)
    status, out, err = run(capsys, "promoters", "list", "--json")
    assert (status, err) == (0, "")
    listed = json.loads(out)
    assert [p["id"] for p in listed] == [p["id"] for p in seeded]
    assert [p["email"] for p in listed] == [p["email"] for p in seeded]
    assert listed[0]["stats"]["revenue_amount"] == seeded[0]["stats"]["revenue_amount"]


def test_promoters_list_table_with_limit_fetches_one_small_page(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    seeded = fake_api.seed_promoters(30)
    status, out, _ = run(capsys, "promoters", "list", "--limit", "5")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split() == [
        "ID",
        "EMAIL",
        "NAME",
        "REFERRALS",
        "CUSTOMERS",
        "REVENUE",
        "JOINED",
    ]
    rows = lines[2:7]
    assert [row.split()[1] for row in rows] == [p["email"] for p in seeded[:5]]
    assert lines[-1] == "5 promoters"
    (request,) = fake_api.requests("GET", "/company/promoters")
    assert request.query_dict()["per_page"] == ["5"]


def test_limit_spans_pages(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_promoters(150)
    status, out, _ = run(capsys, "promoters", "list", "--limit", "120", "--json")
    assert status == 0
    assert [p["id"] for p in json.loads(out)] == list(range(1, 121))
    assert len(fake_api.requests("GET", "/company/promoters")) == 2


def test_empty_list_says_so(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "promoters", "list") == (0, "No promoters.\n", "")
    status, out, _ = run(capsys, "promoters", "list", "--json")
    assert (status, json.loads(out)) == (0, [])


# -- commissions list ----------------------------------------------------------------------


def test_commissions_list_filters_by_status(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_promoters(3)
    fake_api.seed_commissions(6, status="pending")
    approved = fake_api.seed_commissions(4, status="approved")
    status, out, _ = run(capsys, "commissions", "list", "--status", "approved", "--json")
    assert status == 0
    listed = json.loads(out)
    assert [c["id"] for c in listed] == [c["id"] for c in approved]
    assert {c["status"] for c in listed} == {"approved"}
    assert [c["amount"] for c in listed] == [c["amount"] for c in approved]
    (request,) = fake_api.requests("GET", "/company/commissions")
    assert request.query_dict()["filters[status]"] == ["approved"]


def test_commissions_list_table(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    promoter = fake_api.seed_promoters(1)[0]
    commission = fake_api.seed_commissions(1)[0]
    status, out, _ = run(capsys, "commissions", "list")
    assert status == 0
    header, _rule, row, _blank, footer = out.splitlines()
    assert header.split() == [
        "ID",
        "STATUS",
        "PROMOTER",
        "AMOUNT",
        "UNIT",
        "SALE",
        "PAID",
        "CREATED",
    ]
    cells = row.split()
    assert cells[:5] == [
        str(commission["id"]),
        "pending",
        promoter["email"],
        f"{commission['amount'] / 100:,.2f}",
        "cash",
    ]
    assert footer == "1 commission"


# -- commissions approve -------------------------------------------------------------------


def _statuses(fake_api: ThreadedFakeFirstPromoter) -> dict[int, str]:
    return {c["id"]: c["status"] for c in fake_api.state.table("commissions")}


def test_approve_ids(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_commissions(5)
    status, out, err = run(capsys, "commissions", "approve", "--ids", "1", "2", "3", "--json")
    assert (status, err) == (0, "")
    summary = json.loads(out)
    assert (summary["requested"], summary["approved"], summary["failed"]) == (3, 3, 0)
    assert summary["batches"][0]["status"] == "completed"
    assert _statuses(fake_api) == {
        1: "approved",
        2: "approved",
        3: "approved",
        4: "pending",
        5: "pending",
    }
    (request,) = fake_api.requests("POST", "/company/commissions/approve")
    assert request.json == {"ids": [1, 2, 3]}


def test_approve_all_pending_in_concurrent_batches(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_promoters(5)
    fake_api.seed_commissions(20, status="approved")
    fake_api.seed_commissions(1_180, status="pending")
    status, out, err = run(
        capsys,
        "commissions",
        "approve",
        "--all-pending",
        "--batch-size",
        "500",
        "--poll-interval",
        "0.01",
        "--json",
    )
    assert (status, err) == (0, "")  # no progress bar off a terminal
    summary = json.loads(out)
    assert (summary["requested"], summary["approved"], summary["failed"]) == (1_180, 1_180, 0)
    assert sorted(b["total"] for b in summary["batches"]) == [180, 500, 500]
    assert set(_statuses(fake_api).values()) == {"approved"}
    assert len(fake_api.requests("POST", "/company/commissions/approve")) == 3


def test_approve_table_output(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_commissions(8)
    status, out, _ = run(
        capsys, "commissions", "approve", "--all-pending", "--poll-interval", "0.01"
    )
    assert status == 0
    assert out.splitlines()[0] == "Approved 8 of 8 commissions in 1 batch process(es)."
    assert re.search(r"^\s+1\s+completed\s+8\s+0$", out, re.MULTILINE)


def test_approve_with_nothing_pending(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_commissions(3, status="denied")
    status, out, _ = run(capsys, "commissions", "approve", "--all-pending")
    assert (status, out) == (0, "No pending commissions: nothing to approve.\n")
    assert fake_api.requests("POST", "/company/commissions/approve") == []


def test_approve_with_refused_ids_exits_1_after_the_summary(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_commissions(6)
    argv = ["commissions", "approve", "--ids", "1", "2", "3", "4", "5", "6", "999"]
    status, out, err = run(capsys, *argv, "--poll-interval", "0.01", "--json")
    assert status == 1
    summary = json.loads(out)
    assert (summary["approved"], summary["failed"]) == (6, 1)
    assert summary["errors"] == ["Commission 999 not found"]
    assert_one_line_error(err, r"^error: 1 of 7 commissions were not approved: Commission 999")


# -- batch status --------------------------------------------------------------------------


def test_batch_status(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.seed_commissions(10)
    with fake_api.sync_client() as fp:
        started = fp.commissions.approve(ids=range(1, 11), wait=False)
    status, out, _ = run(capsys, "batch", "status", str(started.id), "--json")
    assert status == 0
    process = json.loads(out)
    server_side = fake_api.state.batches[started.id].process
    for key in ("id", "status", "total", "processed_count", "action_label"):
        assert process[key] == server_side[key]

    status, out, _ = run(capsys, "batch", "status", str(started.id))
    assert status == 0
    assert re.search(rf"^id\s+{started.id}$", out, re.MULTILINE)
    assert re.search(r"^status\s+pending$", out, re.MULTILINE)
    assert re.search(r"^processed\s+0 of 10$", out, re.MULTILINE)


# -- errors --------------------------------------------------------------------------------


def test_not_found_is_exit_1_with_one_line(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, "batch", "status", "999")
    assert (status, out) == (1, "")
    assert err == "error: NotFoundError 404: Batch process not found\n"


def test_authentication_error_is_exit_1(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("FIRSTPROMOTER_API_KEY", "not-the-key")
    status, out, err = run(capsys, "promoters", "list", "--json")
    assert (status, out) == (1, "")
    assert_one_line_error(err, r"^error: AuthenticationError 401: ")
    assert "not-the-key" not in err


def test_injected_401(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    fake_api.inject("/company/commissions", status=401)
    status, _, err = run(capsys, "commissions", "list")
    assert status == 1
    assert_one_line_error(err, r"^error: AuthenticationError 401: ")


@pytest.mark.parametrize(
    ("missing", "param"),
    [("FIRSTPROMOTER_API_KEY", "api_key"), ("FIRSTPROMOTER_ACCOUNT_ID", "account_id")],
)
def test_missing_credentials_are_a_usage_error(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    missing: str,
    param: str,
) -> None:
    monkeypatch.delenv(missing)
    status, out, err = run(capsys, "promoters", "list")
    assert (status, out) == (2, "")
    assert_one_line_error(err, rf"^error: InvalidRequestError: {param}: is required")
    assert fake_api.state.journal == []


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["nope"],
        ["promoters"],
        ["promoters", "list", "--limit", "0"],
        ["promoters", "list", "--limit", "many"],
        ["commissions", "list", "--status", "paid"],
        ["commissions", "approve"],
        ["commissions", "approve", "--ids"],
        ["commissions", "approve", "--ids", "1", "x"],
        ["commissions", "approve", "--ids", "0"],
        ["commissions", "approve", "--ids", "1", "--all-pending"],
        ["commissions", "approve", "--all-pending", "--poll-interval", "0"],
        ["batch", "status"],
        ["batch", "status", "abc"],
        ["demo", "--commissions", "-1"],
        ["mock-server", "--port", "70000"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    fake_api: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert_one_line_error(err, r"^firstpromoter.*: error: .+ \(see 'firstpromoter.* --help'\)$")
    assert fake_api.state.journal == []


@pytest.mark.parametrize(
    ("argv", "help_of"),
    [
        (["commissions", "approve", "--ids", "1", "--bogus"], "firstpromoter commissions approve"),
        (["commissions", "list", "--json", "extra"], "firstpromoter commissions list"),
        (["commissions", "--bogus", "list"], "firstpromoter commissions"),
        (["promoters", "list", "--status", "pending"], "firstpromoter promoters list"),
        (["batch", "status", "1", "2"], "firstpromoter batch status"),
        (["demo", "--nope"], "firstpromoter demo"),
        (["mock-server", "--bind", "0.0.0.0"], "firstpromoter mock-server"),
    ],
)
def test_unknown_arguments_point_at_the_subcommands_help(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    help_of: str,
) -> None:
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert_one_line_error(
        err, rf"^{help_of}: error: unrecognized arguments: .+ \(see '{help_of} --help'\)$"
    )
    assert fake_api.state.journal == []


@pytest.mark.parametrize(
    ("variable", "value", "param"),
    [
        ("FIRSTPROMOTER_BASE_URL", "not-a-url", "base_url"),
        ("FIRSTPROMOTER_BASE_URL", "ftp://api.example.com/api/v2", "base_url"),
        ("FIRSTPROMOTER_BASE_URL", "https://", "base_url"),
        ("FIRSTPROMOTER_BASE_URL", "http://127.0.0.1:port/api/v2", "base_url"),
        ("FIRSTPROMOTER_V1_BASE_URL", "firstpromoter.com/api/v1", "v1_base_url"),
    ],
)
def test_a_bad_base_url_is_a_usage_error(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    param: str,
) -> None:
    monkeypatch.setenv(variable, value)
    status, out, err = run(capsys, "promoters", "list")
    assert (status, out) == (2, "")
    # one line, at once: not retried as a network error
    assert_one_line_error(err, rf"^error: InvalidRequestError: {param}: {variable} must be an ")
    assert fake_api.state.journal == []


def test_a_key_with_a_trailing_newline_works(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_api.seed_promoters(2)
    # read from a file: `export FIRSTPROMOTER_API_KEY="$(cat key.txt)"` keeps no newline, but
    # `FIRSTPROMOTER_API_KEY=$(< key.txt)` in some shells and env files do
    monkeypatch.setenv("FIRSTPROMOTER_API_KEY", fake_api.state.api_key + "\n")
    monkeypatch.setenv("FIRSTPROMOTER_ACCOUNT_ID", f"  {fake_api.state.account_id}\r\n")
    status, out, err = run(capsys, "promoters", "list", "--json")
    assert (status, err) == (0, "")
    assert len(json.loads(out)) == 2
    (request,) = fake_api.requests("GET", "/company/promoters")
    assert request.headers["Authorization"] == f"Bearer {fake_api.state.api_key}"


@pytest.mark.parametrize(
    ("variable", "value", "param"),
    [
        ("FIRSTPROMOTER_API_KEY", "key\nX-Injected: 1", "api_key"),
        ("FIRSTPROMOTER_API_KEY", "key\x1b[31mmore", "api_key"),
        ("FIRSTPROMOTER_ACCOUNT_ID", "acc\x7f", "account_id"),
        ("FIRSTPROMOTER_V1_API_KEY", "v1\tkey", "v1_api_key"),
        ("FIRSTPROMOTER_API_KEY", " \n", "api_key"),
    ],
)
def test_control_characters_in_credentials_are_a_usage_error(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    variable: str,
    value: str,
    param: str,
) -> None:
    monkeypatch.setenv(variable, value)
    status, out, err = run(capsys, "promoters", "list")
    assert (status, out) == (2, "")
    assert_one_line_error(err, rf"^error: InvalidRequestError: {param}: (is required: )?{variable}")
    assert value.strip() not in err or not value.strip()
    assert fake_api.state.journal == []


def test_a_value_error_from_the_constructor_is_one_line(
    fake_api: ThreadedFakeFirstPromoter,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    key = fake_api.state.api_key

    class Refusing(AsyncFirstPromoter):
        """A client whose constructor fails as a dependency might (with a plain ValueError)."""

        def __init__(self, **options: Any) -> None:
            raise ValueError(f"cannot use {options['api_key']} here")

    monkeypatch.setattr(cli_environment, "AsyncFirstPromoter", Refusing)
    status, out, err = run(capsys, "promoters", "list")
    assert (status, out) == (2, "")
    assert_one_line_error(err, r"^error: InvalidRequestError: settings: cannot use \*\*\* here$")
    assert key not in err


def test_a_refused_connection_is_said_in_words(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("FIRSTPROMOTER_API_KEY", "a-key-for-nobody")
    monkeypatch.setenv("FIRSTPROMOTER_ACCOUNT_ID", "acc_1")
    monkeypatch.setenv("FIRSTPROMOTER_BASE_URL", f"http://127.0.0.1:{port}/api/v2")
    status, out, err = run(capsys, "batch", "status", "1")
    assert (status, out) == (1, "")
    assert err == (
        f"error: APIConnectionError: could not connect to the v2 API at 127.0.0.1:{port} "
        "(connection refused)\n"
    )


@pytest.mark.parametrize(
    ("message", "shown"),
    [
        (
            "Could not connect to v2 API: Cannot connect to host 127.0.0.1:1 ssl:default "
            "[Connect call failed ('127.0.0.1', 1)]",
            "could not connect to the v2 API at 127.0.0.1:1 (connection refused)",
        ),
        (
            "Could not connect to v1 API: Cannot connect to host localhost:8 ssl:default "
            "[Multiple exceptions: [Errno 111] Connect call failed ('::1', 8, 0, 0), "
            "[Errno 111] Connect call failed ('127.0.0.1', 8)]",
            "could not connect to the v1 API at localhost:8 (connection refused)",
        ),
        (
            "Could not connect to v2 API: Cannot connect to host api.nope.invalid:443 "
            "ssl:default [Name or service not known]",
            "could not connect to the v2 API at api.nope.invalid:443 (host not found)",
        ),
        (
            "Cannot connect to host 10.0.0.1:443 ssl:True [Network is unreachable]",
            "could not connect to 10.0.0.1:443 (network unreachable)",
        ),
        (
            "Could not connect to v2 API: Cannot connect to host h:443 ssl:default "
            "[[Errno 13] Permission denied]",
            "could not connect to the v2 API at h:443 (Permission denied)",
        ),
        (
            "Connection error (ServerDisconnectedError): Server disconnected",
            "Connection error (ServerDisconnectedError): Server disconnected",
        ),
        ("Cannot connect, ssl:default said no", "Cannot connect, said no"),
    ],
)
def test_connection_errors_in_words(message: str, shown: str) -> None:
    assert error_line(APIConnectionError(message)) == f"error: APIConnectionError: {shown}"


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert "commissions" in out
    assert "mock-server" in out
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.startswith("firstpromoter ")


def test_error_line() -> None:
    not_found = NotFoundError("Promoter\nnot found", status_code=404, body=b"")
    assert error_line(not_found) == "error: NotFoundError 404: Promoter not found"
    invalid = InvalidRequestError("ids", "must not be empty")
    assert error_line(invalid) == "error: InvalidRequestError: ids: must not be empty"


# -- output helpers ------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_redraws_on_a_terminal() -> None:
    stream = Terminal()
    with Progress("approving", 200, stream=stream) as bar:
        bar.update(50)
        bar.update(200)
    shown = stream.getvalue()
    assert shown.count("\r") == 2
    assert " 25%  50/200" in shown
    assert "100%  200/200" in shown
    assert shown.endswith("\n")


def test_progress_off_a_terminal_is_plain_lines_or_nothing() -> None:
    plain = io.StringIO()
    bar = Progress("approving", 1_000, stream=plain)
    for done in range(0, 1_001, 100):
        bar.update(done)
    bar.close()
    assert plain.getvalue().splitlines() == [
        "approving: 25% (300/1,000)",
        "approving: 50% (500/1,000)",
        "approving: 75% (800/1,000)",
        "approving: 100% (1,000/1,000)",
    ]
    quiet = io.StringIO()
    Progress("approving", 10, plain=False, stream=quiet).update(10)
    assert quiet.getvalue() == ""


def test_table_aligns_numbers_right() -> None:
    rendered = table([Column("NAME"), Column("N", right=True)], [["a", "1"], ["bbb", "1,000"]])
    assert rendered.splitlines() == ["NAME      N", "----  -----", "a         1", "bbb   1,000"]


# -- demo ----------------------------------------------------------------------------------


def test_demo_runs_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "demo")
    assert status == 0
    # the listing says where the 10 commissions beyond the 5,000 seeded came from
    assert (
        "[4/5] Listed 5,010 pending commissions, page by page: 5,000 seeded and 10 from the "
        "v2 sales tracked in step 3" in out
    )
    # 5,000 seeded pending commissions and 10 more from the v2 sales tracked on the way
    assert re.search(r"^commissions approved\s+5,010$", out, re.MULTILINE), out
    assert re.search(r"^still pending\s+0$", out, re.MULTILINE)
    assert re.search(r"^sales tracked \(v2 / v1\)\s+10 / 10$", out, re.MULTILINE)
    assert re.search(r"^batch processes\s+11$", out, re.MULTILINE)
    assert "approving: 100% (5,010/5,010)" in out
    requests = re.search(r"^requests sent\s+([\d,]+)$", out, re.MULTILINE)
    assert requests is not None
    assert int(requests.group(1).replace(",", "")) > 51


def test_demo_with_custom_sizes(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["demo", "--promoters", "5", "--referrals", "20", "--commissions", "40"]
    status, out, _ = run(capsys, *argv, "--batch-size", "25")
    assert status == 0
    assert re.search(r"^commissions approved\s+50$", out, re.MULTILINE)
    assert re.search(r"^batch processes\s+2$", out, re.MULTILINE)


# -- real processes ------------------------------------------------------------------------


def _console_script() -> Path:
    script = Path(sys.executable).with_name("firstpromoter")
    if not script.exists():
        pytest.skip("the firstpromoter console script is not installed (pip install -e .)")
    return script


def test_console_script_in_a_subprocess(fake_api: ThreadedFakeFirstPromoter) -> None:
    fake_api.seed_commissions(4)
    env = {**os.environ, **env_for(fake_api)}
    done = subprocess.run(
        [str(_console_script()), "commissions", "list", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert [c["id"] for c in json.loads(done.stdout)] == [1, 2, 3, 4]

    failed = subprocess.run(
        [sys.executable, "-m", "firstpromoter_sync", "batch", "status", "999"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert (failed.returncode, failed.stdout) == (1, "")
    assert failed.stderr == "error: NotFoundError 404: Batch process not found\n"

    usage = subprocess.run(
        [str(_console_script()), "commissions", "approve"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert usage.returncode == 2
    assert_one_line_error(usage.stderr, r"one of the arguments --ids --all-pending is required")


def test_mock_server_serves_until_interrupted(capsys: pytest.CaptureFixture[str]) -> None:
    command = ["mock-server", "--port", "0", "--seed-promoters", "3"]
    server = subprocess.Popen(
        [sys.executable, "-m", "firstpromoter_sync", *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        lines = [server.stdout.readline() for _ in range(6)]
        assert lines[0].startswith("fake FirstPromoter API on http://127.0.0.1:")
        assert lines[-1] == "Ctrl-C stops\n"
        exports = dict(line.removeprefix("export ").strip().split("=", 1) for line in lines[1:5])
        assert set(exports) == set(ENV_NAMES.values())
        with pytest.MonkeyPatch.context() as patch:
            for name, value in exports.items():
                patch.setenv(name, value)
            status, out, _ = run(capsys, "promoters", "list", "--json")
        assert status == 0
        assert len(json.loads(out)) == 3
    finally:
        server.send_signal(signal.SIGINT)
        _, err = server.communicate(timeout=30)
    assert server.returncode == 0
    assert err == "stopped\n"
