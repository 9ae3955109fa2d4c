"""What every input is cleaned of before it becomes a document, the same way for every store: characters no database
can hold as text (NUL, lone UTF-16 surrogates), JSON that Python can parse but the standard and PostgreSQL refuse
(NaN, Infinity, nesting deeper than the parser's stack), and file names that are not UTF-8."""
from __future__ import annotations

import json
import os
import re
from typing import Any

#: Characters PostgreSQL refuses in text (NUL) and that no UTF-8 store can encode (a surrogate without its pair).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class JsonRefused(ValueError):
    """JSON that icatlas does not read: its message says why."""


def storable(text: str) -> tuple[str, int]:
    """``text`` without NUL characters and with each lone surrogate as U+FFFD; how many characters changed."""
    changed = 0

    def repl(m: re.Match[str]) -> str:
        nonlocal changed
        changed += 1
        return "" if m.group(0) == "\x00" else "\ufffd"

    return _UNSTORABLE.sub(repl, text), changed


def storable_value(value: Any) -> Any:
    """A JSON-like value (metadata) with every string in it :func:`storable`, keys included."""
    if isinstance(value, str):
        return storable(value)[0]
    if isinstance(value, dict):
        return {storable_value(str(k)): storable_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [storable_value(v) for v in value]
    return value


def display_name(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed and stored: bytes of a file name that are not UTF-8 become U+FFFD."""
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="replace")


def _refuse_constant(name: str) -> Any:
    raise JsonRefused(f"{name} is not a JSON value")


def loads(text: str | bytes) -> Any:
    """The JSON value of ``text``; :class:`JsonRefused` for NaN, Infinity or nesting deeper than the parser's stack,
    ``ValueError`` for anything else that is not JSON (or bytes that are not UTF-8)."""
    if isinstance(text, bytes):
        text = text.decode("utf-8-sig")
    try:
        return json.loads(text, parse_constant=_refuse_constant)
    except RecursionError:
        raise JsonRefused("nested too deeply") from None


def why_not_json(exc: Exception) -> str:
    """One line saying why a text is not JSON icatlas reads."""
    if isinstance(exc, JsonRefused):
        return str(exc)
    msg = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
    return msg.splitlines()[0][:80] if msg else type(exc).__name__
