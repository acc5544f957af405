"""Check the SDK's requests against the vendor's OpenAPI files with Stoplight Prism.

A developer tool, not part of the tests or CI (a user's clone has no vendor files):

    .venv/bin/python scripts/check_vendor_conformance.py /path/to/spec/official [--dynamic]

It merges the owner-side files of SPEC_DIR (``v1__*``, ``v2__api-admin__*``,
``v2__api-advanced__*``; each file's paths under its ``servers`` path) into one OpenAPI document
in a temporary folder, runs Prism 5.14.2 in mock mode on 127.0.0.1 (installed with npm into
``~/.cache/firstpromoter-prism`` when missing; ``--dynamic`` adds ``-d``: random
schema-conformant answers), and calls every row of every ``OPERATIONS`` table of
``tests/resources/*.py`` through both clients, which point at Prism through a small recording
proxy. For each operation it reports what Prism lists in its ``sl-violations`` header (request
and response violations), any answer the SDK fails to decode and any other error. Exit status 1
when a finding is not a known quirk of ``docs/vendor-quirks.md``.
"""

from __future__ import annotations

import argparse
import asyncio
import fnmatch
import functools
import importlib
import json
import os
import pkgutil
import re
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import aiohttp
from aiohttp import web

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from firstpromoter_async import (  # noqa: E402
    APIResponseValidationError,
    APIStatusError,
    AsyncFirstPromoter,
)
from firstpromoter_sync import FirstPromoter  # noqa: E402

PRISM_VERSION = "5.14.2"
PRISM_DIR = Path(os.environ.get("FIRSTPROMOTER_PRISM_DIR", "~/.cache/firstpromoter-prism"))
OWNER_FILES = ("v1__*.json", "v2__api-admin__*.json", "v2__api-advanced__*.json")
METHODS = ("get", "put", "post", "delete", "patch")
CALL_TIMEOUT = 30.0
QUIRKS = ROOT / "docs" / "vendor-quirks.md"
HOP_BY_HOP = {"host", "content-length", "transfer-encoding", "connection", "keep-alive"}


# -- one OpenAPI document from many -------------------------------------------------------------


def merge(spec_dir: Path) -> tuple[dict[str, Any], list[str]]:
    """The owner-side files of ``spec_dir`` as one document, and notes on what was merged.

    Each file's components are renamed ``<file number>_<name>`` (the files reuse names with
    different schemas); its paths go under its server's path (``/api/v1/leads/...``).
    """
    merged: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "FirstPromoter owner-side API (merged)", "version": "merged"},
        "paths": {},
        "components": {},
    }
    notes: list[str] = []
    files = sorted({path for pattern in OWNER_FILES for path in spec_dir.glob(pattern)})
    if not files:
        raise SystemExit(f"no {', '.join(OWNER_FILES)} files in {spec_dir}")
    for number, path in enumerate(files):
        document = json.loads(path.read_text())
        tag = f"f{number}"
        document = _rename_refs(document, tag)
        for section, entries in document.get("components", {}).items():
            for name, value in entries.items():
                merged["components"].setdefault(section, {})[f"{tag}_{name}"] = value
        security = document.get("security", [])
        base = urlparse(document["servers"][0]["url"]).path.rstrip("/")
        for suffix, item in document["paths"].items():
            target = merged["paths"].setdefault(base + suffix, {})
            for key, value in item.items():
                if key not in METHODS:
                    target.setdefault(key, value)  # path-level parameters and the like
                    continue
                value["security"] = [
                    {f"{tag}_{scheme}": scopes for scheme, scopes in requirement.items()}
                    for requirement in value.get("security", security)
                ]
                if key in target:
                    notes.append(_combine(target[key], value, f"{key.upper()} {base}{suffix}"))
                else:
                    target[key] = value
    return merged, notes


def _rename_refs(node: Any, tag: str) -> Any:
    if isinstance(node, dict):
        return {
            key: (
                re.sub(r"^#/components/(\w+)/", rf"#/components/\1/{tag}_", value)
                if key == "$ref" and isinstance(value, str)
                else _rename_refs(value, tag)
            )
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rename_refs(value, tag) for value in node]
    return node


def _combine(first: dict[str, Any], second: dict[str, Any], where: str) -> str:
    """An operation declared by two files: the request body properties of both are accepted."""
    try:
        for media, content in second["requestBody"]["content"].items():
            properties = first["requestBody"]["content"][media]["schema"]["properties"]
            for name, schema in content["schema"]["properties"].items():
                properties.setdefault(name, schema)
    except KeyError:
        return f"{where}: declared twice; the first file's declaration is used"
    return f"{where}: declared twice; the request body accepts the fields of both"


# -- Prism --------------------------------------------------------------------------------------


def prism_binary() -> Path:
    """Prism's CLI, installed with npm into PRISM_DIR when missing."""
    directory = PRISM_DIR.expanduser()
    binary = directory / "node_modules" / ".bin" / "prism"
    if not binary.exists():
        print(f"installing @stoplight/prism-cli@{PRISM_VERSION} into {directory} ...")
        directory.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--prefix", str(directory), f"@stoplight/prism-cli@{PRISM_VERSION}"],
            check=True,
            timeout=600,
        )
    return binary


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_prism(command: list[str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as output:
        return subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)


def tail(log: Path) -> str:
    return log.read_text(errors="replace")[-3000:]


async def wait_for_port(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(600):  # up to 60 s
        if process.poll() is not None:
            raise SystemExit(f"Prism exited ({process.returncode}):\n{tail(log)}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise SystemExit(f"Prism did not listen on 127.0.0.1:{port} within 60 s")


# -- the recording proxy between the clients and Prism ------------------------------------------


@dataclass
class Exchange:
    method: str
    path: str
    status: int
    violations: list[dict[str, Any]]


class Proxy:
    """Forwards every request to Prism and keeps its status and ``sl-violations``."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.exchanges: list[Exchange] = []
        self.lock = threading.Lock()

    async def handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        async with self.session.request(
            request.method, self.upstream + request.path_qs, headers=headers, data=body or None
        ) as answer:
            content = await answer.read()
            violations = parse_violations(answer.headers.get("sl-violations", ""))
            if answer.content_type == "application/problem+json":
                # a request Prism refuses without a declared error answer: violations in the body
                problem = json.loads(content or b"{}")
                for violation in problem.get("validation", []):
                    violation["location"] = ["request", *(violation.get("location") or [])]
                    violations.append(violation)
            with self.lock:
                self.exchanges.append(
                    Exchange(request.method, request.path_qs, answer.status, violations)
                )
            out = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
            return web.Response(status=answer.status, body=content, headers=out)

    def take(self) -> list[Exchange]:
        with self.lock:
            taken, self.exchanges = self.exchanges, []
        return taken

    async def start(self, port: int) -> web.AppRunner:
        self.session = aiohttp.ClientSession(auto_decompress=False)
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/{tail:.*}", self.handle)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        await web.TCPSite(runner, "127.0.0.1", port).start()
        return runner


def parse_violations(header: str) -> list[dict[str, Any]]:
    if not header:
        return []
    if header.startswith("Too many violations!"):  # Prism's prefix before the JSON list
        return _complete_violations(header.removeprefix("Too many violations!").strip())
    found: list[dict[str, Any]] = json.loads(header)
    return found


def _complete_violations(text: str) -> list[dict[str, Any]]:
    """The whole violations of a list Prism cut short (it truncates a long header), and one
    finding saying the list was cut."""
    decoder = json.JSONDecoder()
    found: list[dict[str, Any]] = []
    position = 1 if text.startswith("[") else len(text)
    while position < len(text):
        try:
            item, position = decoder.raw_decode(text, position)
        except ValueError:
            break
        found.append(item)
        position = position + 1 if text[position : position + 1] == "," else len(text)
    cut = {"location": [], "severity": "Error", "message": "Too many violations! (list cut)"}
    return [*found, cut] if position < len(text) or not found else found


# -- the operations ---------------------------------------------------------------------------


def operation_rows() -> list[Any]:
    """Every row of every ``OPERATIONS`` table in ``tests/resources``."""
    import tests.resources as resources

    rows: list[Any] = []
    for info in sorted(pkgutil.walk_packages(resources.__path__, "tests.resources."), key=str):
        module = importlib.import_module(info.name)
        rows.extend(getattr(module, "OPERATIONS", []))
    return rows


@dataclass
class Result:
    id: str
    requests: list[str] = field(default_factory=list)
    findings: dict[str, set[str]] = field(default_factory=dict)  # finding -> clients
    notes: list[str] = field(default_factory=list)

    def add(self, finding: str, client: str) -> None:
        self.findings.setdefault(finding, set()).add(client)


def describe(violation: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in violation.get("location", []))
    return f"{where}: {violation.get('message', '')}".strip()


async def run_async(client: AsyncFirstPromoter, call: Callable[[Any], Any]) -> Any:
    result = call(client)
    if hasattr(result, "get_page"):
        return await result.get_page()  # one page: Prism's meta may promise many
    if asyncio.iscoroutine(result) or isinstance(result, asyncio.Future):
        return await result
    return result


def run_sync(client: FirstPromoter, call: Callable[[Any], Any]) -> Any:
    result = call(client)
    if hasattr(result, "get_page"):
        return result.get_page()
    return result


async def in_thread(function: Callable[[], Any]) -> Any:
    """``function()`` in a daemon thread (a stuck sync call must not keep the script alive)."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[Any] = loop.create_future()

    def target() -> None:
        try:
            value = function()
        except BaseException as error:  # handed to the waiting coroutine
            loop.call_soon_threadsafe(_settle, future, None, error)
        else:
            loop.call_soon_threadsafe(_settle, future, value, None)

    threading.Thread(target=target, daemon=True).start()
    return await future


def _settle(future: asyncio.Future[Any], value: Any, error: BaseException | None) -> None:
    if future.done():
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(value)


async def check(row: Any, clients: dict[str, Any], proxy: Proxy) -> Result:
    result = Result(row.id)
    for kind, client in clients.items():
        proxy.take()
        error: BaseException | None = None
        try:
            if kind == "async":
                await asyncio.wait_for(run_async(client, row.call), CALL_TIMEOUT)
            else:
                blocking_call = functools.partial(run_sync, client, row.call)
                await asyncio.wait_for(in_thread(blocking_call), CALL_TIMEOUT)
        except asyncio.TimeoutError:
            error = TimeoutError(f"no result within {CALL_TIMEOUT:.0f} s")
        except Exception as caught:  # every failure is a finding
            error = caught
        exchanges = proxy.take()
        blocking = False
        for exchange in exchanges:
            request = f"{exchange.method} {exchange.path} -> {exchange.status}"
            if request not in result.requests:
                result.requests.append(request)
            for violation in exchange.violations:
                result.add(describe(violation), kind)
                blocking = blocking or violation.get("severity") == "Error"
        if isinstance(error, APIResponseValidationError):
            result.add(f"decode: {str(error).splitlines()[0][:200]}", kind)
        elif isinstance(error, APIStatusError) and blocking:
            pass  # Prism refused a request it found invalid: the violations say why
        elif error is not None:
            body = getattr(error, "body", b"") or b""
            detail = body.decode(errors="replace") if isinstance(body, bytes) else str(body)
            text = f"{type(error).__name__}: {str(error).splitlines()[0]} {detail}"
            result.add(f"error: {text[:300].strip()}", kind)
    return result


# -- known quirks -----------------------------------------------------------------------------


@dataclass
class Quirk:
    number: str
    operations: list[str]
    matches: list[str]


def load_quirks(path: Path = QUIRKS) -> list[Quirk]:
    """The rows of the quirks table: ``| # | operations | violation | ... |``, where the
    operations cell holds code spans of row-id patterns (``v1.*``) and the violation cell
    code spans of texts a finding must contain (a span with backticks in it is written
    between double backticks, as in Markdown)."""
    quirks: list[Quirk] = []
    if not path.exists():
        return quirks
    columns: list[str] = []
    for line in path.read_text().splitlines():
        if not line.startswith("|"):
            columns = []
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if not columns:
            columns = [cell.lower() for cell in cells]
            continue
        if set(cells[0]) <= set("-: ") or "operations" not in columns or "violation" not in columns:
            continue
        quirks.append(
            Quirk(
                cells[0],
                code_spans(cells[columns.index("operations")]),
                code_spans(cells[columns.index("violation")]),
            )
        )
    return quirks


def code_spans(cell: str) -> list[str]:
    """The texts of a cell's code spans: `text`, or ``text with `backticks` ``."""
    return [a or b for a, b in re.findall(r"``\s?(.+?)\s?``|`([^`]+)`", cell)]


def known(quirks: list[Quirk], operation: str, finding: str) -> Quirk | None:
    for quirk in quirks:
        if any(fnmatch.fnmatchcase(operation, pattern) for pattern in quirk.operations) and any(
            text in finding for text in quirk.matches
        ):
            return quirk
    return None


# -- the run ----------------------------------------------------------------------------------


def client_settings(root: str) -> dict[str, Any]:
    """Both clients' keywords: every API base on the proxy, no retries, no rate limit."""
    return {
        "api_key": "conformance-key",
        "account_id": "acc_conformance",
        "v1_api_key": "conformance-v1-key",
        "base_url": f"{root}/api/v2",
        "v1_base_url": f"{root}/api/v1",
        "admin_base_url": f"{root}/api/admin/v1",
        "max_retries": 0,
        "requests_per_minute": None,
        "timeout": 20,
        "batch_poll_interval": 0.05,
    }


async def main(arguments: argparse.Namespace) -> int:
    document, notes = merge(Path(arguments.spec_dir))
    rows = [
        row
        for row in operation_rows()
        if not arguments.only or fnmatch.fnmatchcase(row.id, arguments.only)
    ]
    quirks = load_quirks()
    with tempfile.TemporaryDirectory(prefix="fp-conformance-") as folder:
        spec = Path(folder) / "merged-openapi.json"
        spec.write_text(json.dumps(document, indent=1))
        prism_port = arguments.port or free_port()
        command = [str(prism_binary()), "mock", str(spec), "-h", "127.0.0.1", "-p", str(prism_port)]
        if arguments.dynamic:
            command += ["-d", "--seed", arguments.seed]
        log = Path(folder) / "prism.log"
        process = start_prism(command, log)
        try:
            await wait_for_port(prism_port, process, log)
            proxy = Proxy(f"http://127.0.0.1:{prism_port}")
            proxy_port = free_port()
            runner = await proxy.start(proxy_port)
            settings = client_settings(f"http://127.0.0.1:{proxy_port}")
            async with AsyncFirstPromoter(**settings) as async_client:
                sync_client = FirstPromoter(**settings)
                try:
                    results = []
                    for row in rows:
                        results.append(
                            await check(row, {"async": async_client, "sync": sync_client}, proxy)
                        )
                finally:
                    sync_client.close()
            await proxy.session.close()
            await runner.cleanup()
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
    return report(results, notes, quirks, arguments)


def report(
    results: list[Result], notes: list[str], quirks: list[Quirk], arguments: argparse.Namespace
) -> int:
    """Print the per-operation table, the findings and the summary; 1 if a finding is new."""
    mode = "dynamic (-d)" if arguments.dynamic else "static examples"
    print(f"Prism {PRISM_VERSION} mock, {mode}. Merge notes:")
    for note in notes:
        print(f"  - {note}")
    print("\n| operation | answers | violations | decode failures | errors | quirks |")
    print("|---|---|---|---|---|---|")
    details: list[str] = []
    unknown = with_violations = with_decode_failures = 0
    for result in results:
        kinds = {"violation": 0, "decode": 0, "error": 0}
        labels: list[str] = []
        for finding, clients in sorted(result.findings.items()):
            kind = finding.split(":")[0] if finding.startswith(("decode:", "error:")) else ""
            kinds[kind or "violation"] += 1
            quirk = known(quirks, result.id, finding)
            unknown += quirk is None
            label = f"#{quirk.number}" if quirk else "**NEW**"
            if label not in labels:
                labels.append(label)
            text = finding.replace("|", "\\|")
            details.append(f"| {result.id} | {text} | {'+'.join(sorted(clients))} | {label} |")
        with_violations += kinds["violation"] > 0
        with_decode_failures += kinds["decode"] > 0
        answers = ", ".join(
            request.split(" ", 1)[0] + " " + request.rsplit(" ", 1)[1]
            for request in result.requests
        )
        print(
            f"| {result.id} | {answers} | {kinds['violation']} | {kinds['decode']} | "
            f"{kinds['error']} | {', '.join(labels) or 'ok'} |"
        )
        if arguments.verbose:
            details.extend(f"| {result.id} | {request} | | |" for request in result.requests)
    print("\nFindings:\n\n| operation | finding | clients | quirk |\n|---|---|---|---|")
    print("\n".join(details))
    clean = sum(1 for result in results if not result.findings)
    findings = sum(len(result.findings) for result in results)
    print(
        f"\nSummary: {len(results)} operation rows called through both clients: {clean} clean, "
        f"{with_violations} with violations, {with_decode_failures} with decode failures; "
        f"{findings} findings: {findings - unknown} known quirks, {unknown} not listed in "
        "docs/vendor-quirks.md."
    )
    return 1 if unknown else 0


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("spec_dir", help="the folder of the vendor's OpenAPI files")
    parser.add_argument("--dynamic", action="store_true", help="Prism -d: random answers")
    parser.add_argument("--seed", default="1", help="Prism's --seed in dynamic mode")
    parser.add_argument("--port", type=int, default=0, help="Prism's port (default: a free one)")
    parser.add_argument("--only", default="", help="only rows whose id matches this pattern")
    parser.add_argument("-v", "--verbose", action="store_true", help="list each request sent")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_arguments())))
