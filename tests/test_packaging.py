"""The distribution ships its license: LICENSE exists and pyproject declares it.

Building a wheel is too slow for the suite; the release check (``hatchling build``, then
``License-File: LICENSE`` in the wheel's METADATA and ``LICENSE`` in the sdist) is manual.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def pyproject() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def test_the_mit_license_text_is_in_the_repository() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n")
    assert "Copyright (c) 2026 The firstpromoter SDK authors" in text
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text


def test_pyproject_ships_the_license_in_wheel_and_sdist() -> None:
    config = pyproject()
    assert config["project"]["license"] == "MIT"
    assert config["project"]["license-files"] == ["LICENSE"]
    assert "LICENSE" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    # hatchling reads license-files as a list of globs, and writes License-File, from 1.27
    assert config["build-system"]["requires"] == ["hatchling>=1.27"]
