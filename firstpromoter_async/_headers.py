"""``Headers``: response headers as a plain, picklable dict with case-insensitive lookups."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["Headers"]


class Headers(dict[str, str]):
    """Response headers: a ``dict`` keyed by lower-cased names, looked up in any case.

    A header sent more than once (``Link``, ``Set-Cookie``) holds its values joined by ``", "``.
    Being a plain ``dict`` underneath, it pickles and compares like one.
    """

    def __init__(
        self, headers: Mapping[str, str] | Iterable[tuple[str, str]] | None = None
    ) -> None:
        super().__init__()
        items = headers.items() if isinstance(headers, Mapping) else (headers or ())
        for name, value in items:
            key = name.lower()
            previous = dict.get(self, key)
            dict.__setitem__(self, key, value if previous is None else f"{previous}, {value}")

    def __getitem__(self, name: str) -> str:
        return dict.__getitem__(self, name.lower())

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and dict.__contains__(self, name.lower())

    def get(self, name: str, default: Any = None) -> Any:
        """The value of header ``name`` (any case), else ``default``."""
        return dict.get(self, name.lower(), default)

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (dict(self),))
