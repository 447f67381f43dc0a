"""Settings that sign themselves: every field in a ``key:value|...`` string, as sacrebleu signs its metrics.

A stage's signature is built from the settings object it actually ran with,
so the report's methods section and the cache can never drift from the
settings used.
"""

from __future__ import annotations

import dataclasses
from typing import Any


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, (tuple, list)):
        return ",".join(_text(v) for v in value) or "-"
    if isinstance(value, dict):
        return ",".join(f"{k}={_text(v)}" for k, v in sorted(value.items())) or "-"
    if value is None:
        return "none"
    return str(value)


class Signed:
    """Mixin for frozen settings dataclasses: ``signature()`` lists every field, in declaration order.

    Nested settings sign as ``field:(...)`` so one string still records everything.
    """

    __slots__ = ()

    def signature(self) -> str:
        parts = []
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            text = f"({value.signature()})" if isinstance(value, Signed) else _text(value)
            parts.append(f"{f.name}:{text}")
        return "|".join(parts)
