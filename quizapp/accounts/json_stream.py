"""Write JSON piece by piece, so a long review history is never held in memory at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

_encoder = DjangoJSONEncoder(ensure_ascii=False)


def iter_json(value: Any, indent: str = "") -> Iterator[str]:
    """Chunks of the JSON for `value`; any iterable that is not a str, bytes or mapping
    (a generator, a queryset iterator) is written as an array as it is consumed. The
    members of an array are plain JSON values (rows), each encoded whole."""
    inner = indent + "  "
    if isinstance(value, Mapping):
        yield "{"
        for position, (key, member) in enumerate(value.items()):
            yield ("," if position else "") + "\n" + inner + _encoder.encode(str(key)) + ": "
            yield from iter_json(member, inner)
        yield ("\n" + indent if value else "") + "}"
    elif isinstance(value, Iterable) and not isinstance(value, str | bytes):
        yield "["
        empty = True
        for position, member in enumerate(value):
            empty = False
            # Rows of a list go one per line: readable, and a chunk per row.
            yield ("," if position else "") + "\n" + inner + _encoder.encode(member)
        yield ("" if empty else "\n" + indent) + "]"
    else:
        yield _encoder.encode(value)


def dumps(value: Any) -> str:
    """The whole document at once, for tests and small values."""
    return "".join(iter_json(value))
