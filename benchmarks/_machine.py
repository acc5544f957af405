"""The machine a run was measured on, and which optional peers are installed."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
import platform
import sys
from pathlib import Path

__all__ = ["cpu_model", "describe_machine", "installed", "load_average", "version"]


def installed(module: str) -> bool:
    """Whether ``module`` can be imported (peers of the ``bench`` extra are optional)."""
    return importlib.util.find_spec(module) is not None


def version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load_average() -> str:
    try:
        return " ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def describe_machine() -> list[tuple[str, str]]:
    """``(what, value)`` pairs for the results header."""
    peers = ", ".join(f"{name} {version(name)}" for name in ("httpx", "pydantic", "requests"))
    return [
        ("CPUs (nproc)", str(os.cpu_count())),
        ("CPU model", cpu_model()),
        ("OS", f"{platform.system()} {platform.release()}"),
        ("Python", f"{platform.python_implementation()} {sys.version.split()[0]}"),
        ("firstpromoter", version("firstpromoter")),
        (
            "aiohttp / msgspec / anyio",
            f"{version('aiohttp')} / {version('msgspec')} / {version('anyio')}",
        ),
        ("peers", peers),
    ]
