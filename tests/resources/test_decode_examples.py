"""Every example body in ``tests/resources/examples/<resource>.json`` decodes into its model.

Each file is a list of cases: ``name``, ``model`` (a name exported by ``firstpromoter_async``,
or ``list[Name]``), ``body`` (an answer of the API), and either ``expect`` (``{"a.b.0.c":
value}``: attribute or index paths on the decoded result, dates and times as ISO strings) or
``raises`` (the error class decoding must raise, keeping the raw body). A path goes into a
mapping by key (``raw.version``).
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import msgspec
import pytest

import firstpromoter_async
from firstpromoter_async.models._base import decode

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.json"))
CASES = [
    pytest.param(case, id=f"{path.stem}: {case['name']}")
    for path in EXAMPLES
    for case in json.loads(path.read_text(encoding="utf-8"))
]


def _model(name: str) -> Any:
    if name.startswith("list[") and name.endswith("]"):
        return list[_model(name[5:-1])]  # type: ignore[misc]
    return getattr(firstpromoter_async, name)


def _at(value: Any, path: str) -> Any:
    for part in path.split("."):
        if isinstance(value, dict):  # e.g. an OpenModel's ``raw``
            value = value[part]
        else:
            value = value[int(part)] if isinstance(value, list) else getattr(value, part)
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return msgspec.to_builtins(value)


@pytest.mark.parametrize("case", CASES)
def test_example_decodes(case: dict[str, Any]) -> None:
    body = json.dumps(case["body"]).encode()
    model = _model(case["model"])
    if "raises" in case:
        with pytest.raises(getattr(firstpromoter_async, case["raises"])) as info:
            decode(body, model)
        assert info.value.body == body  # type: ignore[attr-defined]
        return
    result = decode(body, model)
    assert isinstance(result, list if case["model"].startswith("list[") else model)
    assert case["expect"], "a case checks at least one field"
    for path, expected in case["expect"].items():
        assert _plain(_at(result, path)) == expected, path


def test_every_resource_with_examples_has_cases() -> None:
    assert EXAMPLES
    for path in EXAMPLES:
        assert json.loads(path.read_text(encoding="utf-8")), path.name
