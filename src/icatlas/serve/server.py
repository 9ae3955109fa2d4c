"""Running the app under uvicorn with several workers.

**One listening socket per worker.** uvicorn's parent binds one socket and hands it to every worker; a worker that
wakes to a burst of new connections accepts them all in one go (asyncio accepts up to the backlog per wake-up), so
twenty clients that connect at once can all land on one worker while the other idles, and every page then waits
behind nineteen others in that worker's lane. Here each worker binds its own socket on the same port with
``SO_REUSEPORT``, and the kernel spreads the connections between them. Where the option is missing (or the port is
0, chosen by the system), uvicorn's shared socket is used as before.

**No delayed acknowledgements.** The connections accepted from a socket asyncio did not make itself lose the
``TCP_NODELAY`` it sets on its own, so a response written in two parts (headers, then the body) waits for the
client's delayed acknowledgement: ~40 ms more per request on a kept-alive connection. :class:`NoDelayH11Protocol`
sets the option on every connection."""
from __future__ import annotations

import asyncio
import errno
import os
import socket

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.supervisors import multiprocess

from ..errors import IcatlasError


#: Seconds a client has to send a request's headers, on a new connection and between requests of a kept-alive one
#: (``ICATLAS_HEADER_TIMEOUT``); a connection that sends them slower, or not at all, is closed.
ENV_HEADER_TIMEOUT = "ICATLAS_HEADER_TIMEOUT"
HEADER_TIMEOUT = 10.0
#: Seconds a kept-alive connection may stay idle after an answer.
KEEP_ALIVE_TIMEOUT = 5


def header_timeout() -> float:
    raw = os.environ.get(ENV_HEADER_TIMEOUT, "")
    try:
        return float(raw) if raw and float(raw) > 0 else HEADER_TIMEOUT
    except ValueError:
        return HEADER_TIMEOUT


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with ``TCP_NODELAY`` and a header-read timeout: uvicorn's keep-alive timer is
    reset by every byte, so a client sending its headers a byte at a time (or half a request, then nothing) would
    hold the connection for ever; here the headers must be complete within :func:`header_timeout` seconds."""

    _header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        self._cancel_header_timer()
        self._header_timer = self.loop.call_later(header_timeout(), self._headers_too_slow)

    def _cancel_header_timer(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def _headers_too_slow(self) -> None:
        self._header_timer = None
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is not h11.IDLE:
            self._cancel_header_timer()  # the headers are in

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and self.conn.their_state is h11.IDLE:
            self._arm_header_timer()

    def connection_lost(self, exc: Exception | None) -> None:
        self._cancel_header_timer()
        super().connection_lost(exc)


def own_socket(host: str, port: int, backlog: int = 2048, listen: bool = True) -> socket.socket:
    """A TCP socket bound to ``host:port`` with ``SO_REUSEPORT`` (listening unless ``listen`` is false)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind((host, port))
        if listen:
            sock.listen(backlog)
    except OSError:
        sock.close()
        raise
    return sock


class OwnSocketWorker(multiprocess.Process):
    """A uvicorn worker that listens on a socket of its own (``SO_REUSEPORT``) instead of the parent's."""

    def target(self, sockets: list[socket.socket] | None = None) -> None:  # pragma: no cover - runs in the worker
        super().target([own_socket(self.config.host, self.config.port, self.config.backlog)])


def claim_port(host: str, port: int) -> socket.socket | None:
    """Held by the parent while its workers serve ``host:port``. ``SO_REUSEPORT`` lets a second server of the same
    user join the port and take half its connections; on Linux a name in the abstract socket namespace, which only
    one process can hold, stops that second server with a clear error. None where there is no such namespace."""
    if not hasattr(socket, "AF_UNIX"):
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.bind(f"\0icatlas-serve-{host}-{port}")
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise IcatlasError(f"cannot listen on {host}:{port}: another icatlas serve is listening there") from exc
        return None  # no abstract namespace (not Linux): the guard is left out
    return sock


#: Seconds a worker may take to answer the supervisor's health check before it is killed and started again: a
#: worker readying a large store keeps its CPU busy, and on a loaded machine its answer can come late.
WORKER_HEALTHCHECK = 60


def run_workers(config: uvicorn.Config) -> None:
    """Serve ``config.app`` with ``config.workers`` worker processes, each with its own listening socket where the
    system allows it, else uvicorn's one shared socket."""
    config.timeout_worker_healthcheck = max(config.timeout_worker_healthcheck, WORKER_HEALTHCHECK)
    if not hasattr(socket, "SO_REUSEPORT") or not config.port:
        multiprocess.Multiprocess(config, sockets=[config.bind_socket()]).run()
        return
    try:  # a port held by another program is said here, once, not by every worker as it starts
        own_socket(config.host, config.port, listen=False).close()
    except OSError as exc:
        raise IcatlasError(f"cannot listen on {config.host}:{config.port}: {exc.strerror or exc}") from exc
    claim = claim_port(config.host, config.port)  # noqa: F841 - held while the workers run
    multiprocess.logger.info("Uvicorn running on http://%s:%d with %d workers, one socket each (Press CTRL+C to quit)",
                             config.host, config.port, config.workers)
    setattr(multiprocess, "Process", OwnSocketWorker)  # the supervisor starts (and restarts) these
    multiprocess.Multiprocess(config, sockets=[]).run()
