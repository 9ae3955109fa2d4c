"""Running the app under uvicorn with several workers.

uvicorn hands its workers the listening socket made by the parent; the connections accepted from it lose the
``TCP_NODELAY`` that asyncio sets on its own sockets, so a response written in two parts (headers, then the body)
waits for the client's delayed acknowledgement: ~40 ms more per request on a kept-alive connection. This protocol
sets the option on every connection."""
from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)
