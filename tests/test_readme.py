"""Every Python code block of the README runs, as written, against the fake server.

Each block gets a fresh seeded fake API; the clients in the blocks find it through the
environment variables they document (``FIRSTPROMOTER_API_KEY``, ``..._ACCOUNT_ID``,
``..._BASE_URL``, ``..._V1_BASE_URL``). A block that defines ``test_*`` functions is a sample
test: those functions are run with the plugin's fixtures, as pytest would. Every block must
also pass ``mypy --strict``: one mypy run checks them all, as modules. ``console`` blocks are
transcripts of the ``firstpromoter`` command, checked against what it prints. The two ``bash``
blocks (the newcomer's commands) are run as written by ``.ci/run``.
"""

from __future__ import annotations

import asyncio
import inspect
import re
import shlex
from pathlib import Path
from typing import Any

import mypy.api
import pytest

from firstpromoter_async.testing import ThreadedFakeFirstPromoter

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
README_TEXT = README.read_text(encoding="utf-8")
BLOCK_MATCHES = list(re.finditer(r"```python\n(.*?)```", README_TEXT, re.DOTALL))
BLOCKS = [match.group(1) for match in BLOCK_MATCHES]
BLOCK_LINES = [README_TEXT.count("\n", 0, match.start(1)) + 1 for match in BLOCK_MATCHES]
"""The README line of each block's first line of code."""


def test_the_readme_has_code_to_run() -> None:
    assert len(BLOCKS) >= 8


@pytest.fixture
def seeded_fake(monkeypatch: pytest.MonkeyPatch) -> Any:
    with ThreadedFakeFirstPromoter() as fake:
        fake.seed_promoters(30)
        fake.seed_commissions(40)
        fake.seed_referrals(5, customers=5)
        for name, value in {
            "FIRSTPROMOTER_API_KEY": fake.state.api_key,
            "FIRSTPROMOTER_ACCOUNT_ID": fake.state.account_id,
            "FIRSTPROMOTER_BASE_URL": fake.base_url,
            "FIRSTPROMOTER_V1_BASE_URL": fake.v1_base_url,
        }.items():
            monkeypatch.setenv(name, value)
        yield fake


def _run_sample_tests(namespace: dict[str, Any]) -> int:
    ran = 0
    for name, function in list(namespace.items()):
        if not (name.startswith("test_") and callable(function)):
            continue
        with ThreadedFakeFirstPromoter() as fake, fake.sync_client() as client:
            fixtures = {"fake_firstpromoter": fake, "fake_firstpromoter_client": client}
            arguments = {p: fixtures[p] for p in inspect.signature(function).parameters}
            outcome = function(**arguments)
            if inspect.iscoroutine(outcome):
                asyncio.run(outcome)
        ran += 1
    return ran


@pytest.mark.parametrize("block", BLOCKS, ids=[f"line{n}" for n in BLOCK_LINES])
def test_readme_block_runs(
    block: str, seeded_fake: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    namespace: dict[str, Any] = {"__name__": "readme"}
    exec(compile(block, str(README), "exec"), namespace)
    if "def test_" in block:
        assert _run_sample_tests(namespace) >= 1
    else:
        assert capsys.readouterr().out.strip(), "the block printed nothing"
        if "FirstPromoter(" in block:
            assert seeded_fake.state.journal, "the block sent no request to the fake server"


MYPY_ERROR = re.compile(r"^(?:.*[/\\])?readme_line_(\d+)\.py:(\d+):(?:\d+:)? (error|note): (.*)$")


def test_every_block_passes_mypy_strict(tmp_path: Path) -> None:
    """One mypy run over all the blocks, each written as a module named for its README line."""
    files = []
    for first_line, block in zip(BLOCK_LINES, BLOCKS, strict=True):
        module = tmp_path / f"readme_line_{first_line}.py"
        module.write_text(block, encoding="utf-8")
        files.append(module.name)
    stdout, stderr, status = mypy.api.run(
        [
            "--strict",
            "--python-version=3.10",
            "--config-file=" + str(ROOT / "pyproject.toml"),
            "--cache-dir=" + str(ROOT / ".mypy_cache"),
            "--show-column-numbers",
            "--no-error-summary",
            "--no-pretty",
            *(str(tmp_path / name) for name in files),
        ]
    )
    problems = []
    for line in stdout.splitlines():
        found = MYPY_ERROR.match(line)
        if found is None:
            problems.append(line)
            continue
        block_line, line_in_block, kind, message = found.groups()
        where = int(block_line) + int(line_in_block) - 1
        problems.append(f"README.md:{where}: {kind}: {message} (block at line {block_line})")
    report = "\n".join([*problems, stderr]).strip()
    assert (status, report) == (0, ""), (
        "These README ```python blocks fail `mypy --strict` (README line numbers; each block "
        "is checked as its own module):\n" + report
    )


CONSOLE = re.findall(r"```console\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


@pytest.mark.parametrize("transcript", CONSOLE)
def test_readme_console_transcript_is_what_the_cli_prints(
    transcript: str, seeded_fake: ThreadedFakeFirstPromoter, capsys: pytest.CaptureFixture[str]
) -> None:
    from firstpromoter_sync._cli import main

    seeded_fake.state.reset()
    seeded_fake.seed_commissions(1_200)
    command, _, expected = transcript.partition("\n")
    assert command.startswith("$ firstpromoter ")
    capsys.readouterr()
    assert main(shlex.split(command)[2:]) == 0
    assert capsys.readouterr().out.rstrip() == expected.rstrip()
