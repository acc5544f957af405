"""README.md's coverage table is what ``scripts/coverage_table.py`` makes from the declarations."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "coverage_table.py"


@pytest.fixture(scope="module")
def generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("coverage_table", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["coverage_table"] = module
    spec.loader.exec_module(module)
    return module


def test_readme_coverage_table_is_fresh(generator: ModuleType) -> None:
    assert generator.main(["--check"]) == 0, "run: .venv/bin/python scripts/coverage_table.py"


def test_table_lists_declared_operations_with_their_api(generator: ModuleType) -> None:
    rows = {line.split(" | ")[0].strip("| `"): line for line in generator.table().splitlines()}
    assert rows["commissions"] == (
        "| `commissions` | list, create, update, approve, deny, mark_fulfilled, "
        "mark_unfulfilled, delete, generate_payouts | v2 |"
    )
    assert rows["batch_processes"].endswith("| list, retrieve, progress | v2 |")  # not `wait`
    assert rows["v1.promoters"].endswith(" | v1 |")
    assert "webhooks.deliveries" in rows


def test_a_stale_table_is_found_and_rewritten(
    generator: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(f"# SDK\n\n{generator.START}\n| old | table | v2 |\n{generator.END}\nend\n")
    monkeypatch.setattr(generator, "README", readme)
    assert generator.main(["--check"]) == 1
    assert "| old |" in readme.read_text()  # --check never writes
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    text = readme.read_text()
    assert text.startswith("# SDK\n\n")
    assert text.endswith("\nend\n")
    assert "| `promoters` |" in text
    assert "| old |" not in text


def test_a_readme_without_markers_is_an_error(
    generator: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text("# SDK\n")
    monkeypatch.setattr(generator, "README", readme)
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 1
    assert readme.read_text() == "# SDK\n"
