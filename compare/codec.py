"""Stage values to JSON and back, for the cache: a format compare controls, never pickle.

A cache file may come from anywhere (a shared folder, a copied home
directory), so reading it must not be able to run code.  Values are
encoded as JSON with a small set of tags; decoding builds only compare's
own dataclasses, named in the JSON, whose fields must match exactly and
whose values must fit the fields' declared types.  Anything else raises
``ValueError``, which the cache counts as a miss.

Tags (a JSON object with one key): ``{"t": [...]}`` a tuple, ``{"s": [...]}``
a set, ``{"z": [...]}`` a frozenset, ``{"d": [[key, value], ...]}`` a dict
(keys of any encodable type, order kept), ``{"c": "module:Class", "f":
{...}}`` a dataclass, ``{"n": "nan"}`` a float JSON cannot hold.  Lists,
strings, numbers, booleans and null are themselves.
"""

from __future__ import annotations

import dataclasses
import importlib
import json
import math
import sys
import types
import typing
from collections import abc
from collections.abc import Callable
from functools import cache
from typing import Any

FORMAT = 1
"""The encoding's version: a cache file written in another one is not read."""


def encode(value: Any) -> Any:
    """A JSON-able form of ``value``; ``TypeError`` for a type this codec does not keep."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"n": repr(value)}
    if isinstance(value, list):
        return [encode(v) for v in value]
    if isinstance(value, tuple) and not hasattr(value, "_fields"):
        return {"t": [encode(v) for v in value]}
    if isinstance(value, frozenset):
        return {"z": sorted((encode(v) for v in value), key=_order)}
    if isinstance(value, set):
        return {"s": sorted((encode(v) for v in value), key=_order)}
    if isinstance(value, dict) and type(value) is dict:
        return {"d": [[encode(k), encode(v)] for k, v in value.items()]}
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and type(value).__module__.startswith("compare."):
        cls = type(value)
        return {"c": f"{cls.__module__}:{cls.__qualname__}",
                "f": {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}}
    raise TypeError(f"the cache does not keep values of type {type(value).__name__}")


def _order(item: Any) -> str:
    return json.dumps(item, sort_keys=True)


def dumps(value: Any) -> str:
    return json.dumps(encode(value), ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes) -> Any:
    """Decode what ``dumps`` wrote; ``ValueError`` for anything else."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError, TypeError) as exc:
        raise ValueError(f"not JSON: {exc}") from None
    return decode(data)


def decode(data: Any) -> Any:
    if data is None or isinstance(data, (bool, int, float, str)):
        return data
    if isinstance(data, list):
        return [decode(v) for v in data]
    if not isinstance(data, dict) or len(data) not in (1, 2):
        raise ValueError("not a value this cache wrote")
    if len(data) == 2:
        if set(data) != {"c", "f"}:
            raise ValueError("not a value this cache wrote")
        return _build(data["c"], data["f"])
    (tag, body), = data.items()
    if tag == "n" and body in ("nan", "inf", "-inf"):
        return float(body)
    if not isinstance(body, list):
        raise ValueError(f"tag {tag!r} needs a list")
    if tag == "t":
        return tuple(decode(v) for v in body)
    if tag in ("s", "z"):
        items = [decode(v) for v in body]
        try:
            return set(items) if tag == "s" else frozenset(items)
        except TypeError:
            raise ValueError("a set of unhashable values") from None
    if tag == "d":
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in body):
            raise ValueError("a dict entry is not a [key, value] pair")
        try:
            return {decode(k): decode(v) for k, v in body}
        except TypeError:
            raise ValueError("an unhashable dict key") from None
    raise ValueError(f"unknown tag {tag!r}")


@cache
def _dataclass(name: str) -> tuple[type, dict[str, Any]]:
    """compare's dataclass called ``module:Class``, and its fields' types; ``ValueError`` for anything else."""
    module_name, _, qualname = name.partition(":")
    parts = [*module_name.split("."), *qualname.split(".")]
    if (parts[0] != "compare" or len(parts) < 3 or not qualname
            or not all(p.isidentifier() and not p.startswith("_") for p in parts)):
        raise ValueError(f"{name!r} is not one of compare's classes")
    try:
        target: Any = sys.modules.get(module_name) or importlib.import_module(module_name)
        for part in qualname.split("."):
            target = getattr(target, part)
    except (ImportError, AttributeError):
        raise ValueError(f"no class {name!r}") from None
    if not isinstance(target, type) or not dataclasses.is_dataclass(target):
        raise ValueError(f"{name!r} is not a dataclass")
    try:
        hints = typing.get_type_hints(target)
    except Exception:  # noqa: BLE001 - a hint that cannot be read is not checked
        hints = {}
    return target, {f.name: hints.get(f.name, Any) for f in dataclasses.fields(target)}


def _build(name: Any, fields: Any) -> Any:
    if not isinstance(name, str) or not isinstance(fields, dict):
        raise ValueError("a malformed dataclass entry")
    cls, types_of = _dataclass(name)
    if set(fields) != set(types_of):
        raise ValueError(f"{name}: the fields do not match this version's")
    values = {key: decode(value) for key, value in fields.items()}
    for key, value in values.items():
        if not fits(value, types_of[key]):
            raise ValueError(f"{name}.{key}: a value of type {type(value).__name__} does not fit {types_of[key]}")
    instance = object.__new__(cls)
    for key, value in values.items():
        object.__setattr__(instance, key, value)
    return instance


def fits(value: Any, hint: Any) -> bool:
    """Whether ``value`` fits the type ``hint`` (builtins, unions, tuples, lists, dicts, sets, classes).

    Deep enough that a tampered value cannot reach code that trusts its
    type; a hint this does not understand is accepted (the code fingerprint
    in every key already pins the classes' shapes).
    """
    if hint is Any or hint is object:
        return True
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(fits(value, a) for a in args)
    if origin is typing.Literal:
        return value in args
    if hint is None or hint is type(None):
        return value is None
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if origin is None:
        return isinstance(value, hint) if isinstance(hint, type) else True
    container = _CONTAINERS.get(origin)
    if container is None:
        return True
    return container(value, args)


def _tuple(value: Any, args: tuple) -> bool:
    if not isinstance(value, tuple):
        return False
    if len(args) == 2 and args[1] is Ellipsis:
        return all(fits(v, args[0]) for v in value)
    return not args or (len(args) == len(value) and all(fits(v, a) for v, a in zip(value, args, strict=True)))


def _items(kind: type | tuple[type, ...]) -> Callable[[Any, tuple], bool]:
    def check(value: Any, args: tuple) -> bool:
        return isinstance(value, kind) and (not args or all(fits(v, args[0]) for v in value))
    return check


def _mapping(value: Any, args: tuple) -> bool:
    return isinstance(value, dict) and (not args or all(fits(k, args[0]) and fits(v, args[1]) for k, v in value.items()))


_CONTAINERS: dict[Any, Callable[[Any, tuple], bool]] = {
    tuple: _tuple, list: _items(list), set: _items(set), frozenset: _items(frozenset),
    dict: _mapping,
}
_CONTAINERS.update({abc.Sequence: _items((list, tuple)), abc.Mapping: _mapping, abc.Set: _items((set, frozenset))})
