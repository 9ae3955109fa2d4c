"""The types of the web app's path and query parameters, with their bounds: FastAPI checks them (a 400 or 404 with a
JSON message otherwise) and declares them in /openapi.json."""
from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query

#: The largest id a store holds (a signed 64-bit integer); a larger one is no document, organisation or event.
MAX_ID = 2**63 - 1
#: A name in an address: printable text, no control characters, at most 100 characters.
_PRINTABLE = r"^[^\x00-\x1f\x7f]*$"
NamePath = Annotated[str, Path(min_length=1, max_length=100, pattern=_PRINTABLE)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]


def text_query(description: str) -> Any:
    """A text query parameter: optional, printable, at most 100 characters."""
    return Annotated[str | None, Query(max_length=100, pattern=_PRINTABLE, description=description)]


PageQuery = Annotated[int | None, Query(ge=1, le=10_000, description="page of the list, from 1")]
