"""Operations declared once: ``@op`` holds the HTTP facts, the method's signature the fields.

``op`` attaches an ``Operation`` to the public method and returns it unchanged, so type
checkers, the sync generator and IDEs see the real signature. ``APIResource._call``,
``_paginate`` and ``_batch`` read the operation and the signature back (``prepare``): one
``msgspec.convert`` checks every argument, ``filters``/``sorting`` keys are checked against
``_query_keys.QUERY_KEYS[path]``, ``{name}`` parts of the path are filled in, and the rest is
split into query and body. A ``**paging: Unpack[Paging]`` parameter stands for the keys of
its ``TypedDict``: ``op`` gives the method the signature with those keys written out, and
``prepare`` refuses an unknown or missing one with Python's own ``TypeError``.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
import re
import types
import typing
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeVar, Union

import msgspec

from ._exceptions import InvalidRequestError
from ._filters import check_filters, check_sorting
from ._multipart import FILE
from ._query_keys import QUERY_KEYS

__all__ = ["NOT_GIVEN", "Check", "NotGiven", "Operation", "Prepared", "op", "prepare", "when"]

F = TypeVar("F", bound=Callable[..., Any])
Check = Callable[[dict[str, Any]], None]
"""A cross-field rule: called with the checked fields (it may adjust them), raises
``InvalidRequestError`` naming the argument at fault."""
RetryClass = Literal["idempotent", "create", "money"]

CONTROL: dict[str, Any] = {
    "page": 1,
    "per_page": 100,
    "prefetch": 1,
    "wait": True,
    "on_progress": None,
    "wait_timeout": None,
}
"""Arguments that steer the call and are never sent (checked by the paginator or batch
helper), with their defaults: those of ``Paging`` and ``BatchWait``."""
LOOKUP = frozenset({"find_by"})
"""Fields that say how to find the record; they do not count for ``require_any``."""
_PATH_NAMES = re.compile(r"{(\w+)}")
_ERROR_PATH = re.compile(r" - at `(?:key` in `)?\$\.?([\w.]*)([^`]*)`$")  # also a mapping's key
_MISSING = re.compile(r"missing required field `(\w+)`")
_UNPACK = re.compile(r"Unpack\[(\w+)\]")


class NotGiven:
    """The default of a field that may be sent as an explicit ``null``: ``None`` sends
    ``null``, ``NOT_GIVEN`` (the default) leaves the field out."""

    _instance: NotGiven | None = None

    def __new__(cls) -> NotGiven:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> bool:
        return False


NOT_GIVEN = NotGiven()


@dataclass(frozen=True)
class Operation:
    """The HTTP facts of one operation (see ``op``)."""

    method: str
    path: str
    api: str = "v2"
    retry: RetryClass | None = None
    require_any: bool = False
    query: tuple[str, ...] = ()
    envelope: bool = False
    accept: str | None = None
    checks: tuple[Check, ...] = ()
    in_body: bool = False

    @property
    def idempotent(self) -> bool:
        """Whether the request may be sent again after an error that may have reached the
        server (``retry``, or by method: GET/PUT/DELETE yes, POST no)."""
        if self.retry is None:
            return self.method in ("GET", "HEAD", "PUT", "DELETE")
        return self.retry == "idempotent"


def op(
    method: str,
    path: str,
    *,
    api: str = "v2",
    retry: RetryClass | None = None,
    require_any: bool = False,
    query: Sequence[str] = (),
    envelope: bool = False,
    accept: str | None = None,
    checks: Sequence[Check] = (),
    in_body: bool = False,
) -> Callable[[F], F]:
    """Declare the method's HTTP request; the method stays as written (for ``inspect``, a
    ``**paging: Unpack[Paging]`` parameter is shown as the keys of ``Paging``).

    Args:
        method, path: e.g. ``"PUT"``, ``"/company/commissions/{id}"`` (``{id}`` is filled
            from the argument of that name).
        api: ``"v2"`` (JSON), ``"v1"`` (form fields) or another endpoint of the client.
        retry: ``"idempotent"`` (retried after any retryable error), ``"create"`` (not after
            one that may have reached the server), ``"money"`` (only after a 429 or a refused
            connection). Default: by method (POST ``"create"``, others ``"idempotent"``);
            batch actions are idempotent.
        require_any: refuse a call that sends no field (an update of nothing).
        query: fields sent in the query string although the method has a body.
        envelope: the answer is ``{"data": ..., "meta": ...}``; the result is ``data``.
        accept: another ``Accept`` header (file downloads).
        checks: cross-field rules run after the per-field checks (e.g. ``when(...)``).
        in_body: send the fields in the body even for a DELETE (v1 deletes take form fields).
    """
    operation = Operation(
        method,
        path,
        api,
        retry,
        require_any,
        tuple(query),
        envelope,
        accept,
        tuple(checks),
        in_body,
    )

    def attach(function: F) -> F:
        function.__fp_operation__ = operation  # type: ignore[attr-defined]
        signature = inspect.signature(function)
        unpacked = _unpacked(function, signature)
        if unpacked is not None:  # help() and inspect show the keys as keyword-only parameters
            function.__fp_unpacked__ = unpacked  # type: ignore[attr-defined]
            params = [p for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
            function.__signature__ = signature.replace(  # type: ignore[attr-defined]
                parameters=params + _keyword_parameters(unpacked[1])
            )
        return function

    return attach


def when(field: str, value: Any, *required: str) -> Check:
    """A rule: when ``field`` is ``value``, every name of ``required`` must be given."""

    def check(fields: dict[str, Any]) -> None:
        if fields.get(field) == value:
            for name in required:
                if fields.get(name) is None:
                    raise InvalidRequestError(name, f"is required when {field} is {value!r}")

    return check


@dataclass(frozen=True)
class Prepared:
    """A call ready for the transport."""

    operation: Operation
    path: str
    query: dict[str, Any]
    body: dict[str, Any]
    control: dict[str, Any]
    files: frozenset[str] = frozenset()  # body fields holding a file not yet read


def prepare(
    method: Callable[..., Any], args: Mapping[str, Any], *, all_body: bool = False
) -> Prepared:
    """Check ``args`` (a call's ``locals()``) against ``method``'s declaration and split them.

    Raises ``InvalidRequestError`` naming the first argument at fault; nothing is sent.
    """
    spec = _spec(getattr(method, "__func__", method))
    operation = spec.operation
    if spec.unpacked is not None:
        args = _bind(spec, args)
    control = {name: args[name] for name in CONTROL.keys() & args.keys()}
    fields: dict[str, Any] = {}
    for name, default in spec.defaults.items():
        value = args[name]
        if value is NOT_GIVEN or (value is None and default is None):
            continue  # None means "leave out" unless the default is NOT_GIVEN
        fields[name] = value if name in spec.files else _plain(value, name)
    try:
        msgspec.convert(fields, spec.struct)
    except msgspec.ValidationError as error:
        raise _invalid(str(error), fields) from None
    for check in operation.checks:
        check(fields)
    keys = QUERY_KEYS.get(operation.path)
    if "filters" in fields and keys is not None:
        fields["filters"] = check_filters(fields["filters"], keys)
    if "sorting" in fields and keys is not None:
        fields["sorting"] = check_sorting(fields["sorting"], keys)
    path = _PATH_NAMES.sub(lambda m: str(fields.pop(m.group(1))), operation.path)
    if all_body or operation.in_body or operation.method not in ("GET", "DELETE"):
        query = {name: fields.pop(name) for name in operation.query if name in fields}
        body = fields
    else:
        query, body = fields, {}
    if operation.require_any and not body.keys() - LOOKUP:
        names = ", ".join(name for name in spec.defaults if name not in spec.path_names | LOOKUP)
        raise InvalidRequestError("fields", f"update needs at least one field; give one of {names}")
    files = spec.files & body.keys()  # read by the caller (``read_files``), after every check
    return Prepared(operation, path, query, body, control, files)


def _bind(spec: _Spec, args: Mapping[str, Any]) -> dict[str, Any]:
    """``args`` with the keys given to the ``**name: Unpack[...]`` parameter in its place and
    the defaults of those not given; an unknown or a missing required key raises the
    ``TypeError`` Python raises for a named parameter."""
    name = spec.unpacked or ""
    given: Mapping[str, Any] = args.get(name, {})
    if not given.keys() <= spec.keys:
        key = next(key for key in given if key not in spec.keys)  # the first, as Python says
        raise TypeError(f"{spec.qualname}() got an unexpected keyword argument {key!r}")
    missing = [repr(key) for key in spec.required if key not in given and key not in args]
    if missing:
        listed = ", ".join(missing[:-1]) + ("," if len(missing) > 2 else "")
        listed += f" and {missing[-1]}" if listed else missing[-1]
        s = "s" if len(missing) > 1 else ""
        raise TypeError(
            f"{spec.qualname}() missing {len(missing)} required keyword-only argument{s}: {listed}"
        )
    bound = {**spec.key_defaults, **args, **given}
    bound.pop(name, None)
    return bound


def _unpacked(function: Callable[..., Any], signature: inspect.Signature) -> tuple[str, Any] | None:
    """The name and ``TypedDict`` of a ``**name: Unpack[TypedDict]`` parameter, if any."""
    for parameter in signature.parameters.values():
        if parameter.kind is parameter.VAR_KEYWORD:
            hint = parameter.annotation
            if isinstance(hint, str):  # postponed annotations: "Unpack[Paging]"
                found = _UNPACK.fullmatch(hint)
                hint = function.__globals__.get(found.group(1)) if found else None
            else:
                hint = (*typing.get_args(hint), None)[0]
            if not hasattr(hint, "__required_keys__"):
                raise TypeError(f"{function.__qualname__}: write **{parameter.name}: Unpack[Keys]")
            return parameter.name, hint
    return None


def _keyword_parameters(keys: Any) -> list[inspect.Parameter]:
    """The keys of a ``TypedDict`` as keyword-only parameters (``CONTROL``'s last) with their
    defaults: none for a required key, else ``CONTROL``'s or None (left out)."""
    parameters = []
    for name, hint in sorted(keys.__annotations__.items(), key=lambda item: item[0] in CONTROL):
        required = name in keys.__required_keys__
        default = inspect.Parameter.empty if required else CONTROL.get(name)
        annotation = getattr(hint, "__forward_arg__", hint)  # as written
        kind = inspect.Parameter.KEYWORD_ONLY
        parameters.append(inspect.Parameter(name, kind, default=default, annotation=annotation))
    return parameters


@dataclass(frozen=True)
class _Spec:
    operation: Operation
    defaults: dict[str, Any]  # field name -> its default (inspect.Parameter.empty: required)
    struct: type[msgspec.Struct]
    path_names: frozenset[str]
    returns: Any
    files: frozenset[str]  # fields typed ``File``
    qualname: str
    unpacked: str | None = None  # the name of a ``**name: Unpack[Keys]`` parameter
    keys: frozenset[str] = frozenset()  # the keys it takes
    required: tuple[str, ...] = ()  # those that must be given
    key_defaults: dict[str, Any] = field(default_factory=dict)  # those of the others


@functools.cache
def _spec(function: Callable[..., Any]) -> _Spec:
    operation: Operation | None = getattr(function, "__fp_operation__", None)
    if operation is None:
        raise TypeError(f"{function.__qualname__} has no @op declaration")
    hints = typing.get_type_hints(function, include_extras=True)
    unpacked: tuple[str, Any] | None = getattr(function, "__fp_unpacked__", None)
    keys: list[inspect.Parameter] = []
    if unpacked is not None:
        hints.update(typing.get_type_hints(unpacked[1], include_extras=True))
        keys = _keyword_parameters(unpacked[1])
    defaults: dict[str, Any] = {}
    struct_fields: list[tuple[str, Any] | tuple[str, Any, Any]] = []
    for name, parameter in inspect.signature(function).parameters.items():  # the keys too
        if name == "self" or name in CONTROL:
            continue
        defaults[name] = parameter.default
        wire = Any if name in ("filters", "sorting") else _wire(hints[name])
        if parameter.default is inspect.Parameter.empty:
            struct_fields.append((name, wire))
        else:
            struct_fields.append((name, wire, None))
    struct = msgspec.defstruct(f"{function.__qualname__}.Fields", struct_fields, kw_only=True)
    path_names = frozenset(_PATH_NAMES.findall(operation.path))
    files = frozenset(name for name in defaults if _is_file(hints[name]))
    return _Spec(
        operation,
        defaults,
        struct,
        path_names,
        hints.get("return"),
        files,
        function.__qualname__,
        unpacked[0] if unpacked else None,
        frozenset(key.name for key in keys),
        tuple(key.name for key in keys if key.default is key.empty),
        {key.name: key.default for key in keys if key.default is not key.empty},
    )


def _is_file(hint: Any) -> bool:
    return any(FILE in getattr(h, "__metadata__", ()) for h in (hint, *typing.get_args(hint)))


def returns(method: Callable[..., Any]) -> Any:
    """The declared result type of ``method`` (for a paginator: its item type)."""
    result = _spec(getattr(method, "__func__", method)).returns
    if typing.get_origin(result) is not None and typing.get_origin(result).__name__.endswith(
        "Paginator"
    ):
        return typing.get_args(result)[0]
    return result


def _wire(hint: Any) -> Any:
    """The type a field has once turned into builtins (``_plain``), for ``msgspec.convert``."""
    origin = typing.get_origin(hint)
    if origin is Annotated:
        base, *meta = typing.get_args(hint)
        if FILE in meta:
            return Any  # read by ``read_file``, which names what it refuses
        shapes = [m for m in meta if isinstance(m, type) and issubclass(m, msgspec.Struct)]
        if shapes:  # Annotated[Mapping[str, Any] | msgspec.Struct, Shape]: checked as Shape
            return shapes[0]
        annotated = (_wire(base), *meta)
        return Annotated[annotated]
    if origin in (Union, types.UnionType):
        members: list[Any] = []
        for member in typing.get_args(hint):
            wire = _wire(member)
            if member is not NotGiven and wire not in members:
                members.append(wire)
        if Any in members:
            return Any
        return Union[tuple(members)] if len(members) > 1 else members[0]  # noqa: UP007
    if hint in (dt.date, dt.datetime):
        return str
    if origin in (Iterable, Sequence, Collection, list, tuple, set, frozenset):
        (item,) = typing.get_args(hint)[:1] or (Any,)
        return list[_wire(item)]  # type: ignore[misc]
    if origin in (Mapping, dict):
        key, value = typing.get_args(hint) or (Any, Any)
        return dict[_wire(key), _wire(value)]  # type: ignore[misc]
    if isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        return dict[str, Any]
    if typing.is_typeddict(hint):
        return hint  # its required keys and value types are checked as declared
    if origin is Literal or hint in (str, int, float, bool, type(None), Any):
        return hint
    return Any  # callables and the like: never sent, checked by their owner


def _plain(value: Any, name: str) -> Any:
    """``value`` as JSON builtins: Structs and mappings as dicts, iterables as lists, dates as
    ISO strings."""
    if isinstance(value, dt.datetime):
        return value.isoformat()  # "+00:00", as the query and form encoders write it
    if isinstance(value, Mapping):
        value = dict(value)
    elif not isinstance(value, (str, bytes, msgspec.Struct)) and isinstance(value, Iterable):
        value = list(value)
    try:
        return msgspec.to_builtins(value, builtin_types=(bytes, bytearray))  # bytes: not text
    except TypeError as error:
        raise InvalidRequestError(name, f"holds a value that cannot be sent: {error}") from None


_KINDS = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "True or False",
    "array": "a list",
    "object": "a mapping",
}
_EXPECTED = re.compile(r"Expected `([^`]*)`(.*?)(?:, got `([^`]*)`)?$")
_ONE_OF = re.compile(r" matching regex '\^\((.*)\)\$'")


def _friendly(message: str, value: Any) -> str:
    """msgspec's "Expected `str | null`, got `int`" as "must be a string, got int"."""
    expected = _EXPECTED.match(message)
    if expected is None:
        return message.replace("Invalid enum value", "is not one of the documented values:")
    kinds = [_KINDS.get(k.strip(), k.strip()) for k in expected.group(1).split("|")]
    rule = _ONE_OF.sub(lambda m: f" (one of {m.group(1).replace('|', ', ')})", expected.group(2))
    got = f", got {expected.group(3) or repr(value)[:100]}"
    if kinds[0] == "an integer" and rule in (" >= 1", " > 0"):
        return f"must be a positive id{got}"
    return f"must be {' or '.join(k for k in kinds if k != 'null')}{rule}{got}"


def _invalid(message: str, fields: Mapping[str, Any]) -> InvalidRequestError:
    at = _ERROR_PATH.search(message)
    missing = _MISSING.search(message)
    if missing is not None:  # a nested field's param is its dotted path: "trigger.enabled"
        inside = f"{at.group(1)}." if at is not None and at.group(1) else ""
        return InvalidRequestError(inside + missing.group(1), "is required")
    if at is not None and at.group(1):
        name, item = at.group(1), at.group(2)
        where = f"at {item}: " if item else ""  # e.g. "at [3]: " in a list
        value: Any = fields
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) and not item else "..."
        return InvalidRequestError(name, where + _friendly(message[: at.start()], value))
    return InvalidRequestError("arguments", message)
