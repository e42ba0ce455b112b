"""The central server running for real: uvicorn on a loopback socket, in a thread."""

from __future__ import annotations

import datetime as dt
import socket
import threading
import time

import httpx
import uvicorn
from fastapi import FastAPI

from central.cli import proxy_options

START = dt.datetime(2026, 11, 26, 8, 0, tzinfo=dt.UTC).timestamp()


class FakeClock:
    """The server's clock, moved by the tests (token expiry without waiting)."""

    def __init__(self, start: float = START) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


class LiveServer:
    """Serves `app` on 127.0.0.1 at a free port until stopped."""

    def __init__(self, app: FastAPI, trusted_proxies: tuple[str, ...] = ()) -> None:
        # IPPROTO_TCP named explicitly: asyncio sets TCP_NODELAY only on such sockets, and
        # without it every keep-alive request waits 40 ms for a delayed ACK.
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on",
                                **proxy_options(list(trusted_proxies)))  # as `serve` runs it
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.socket]},
                                       daemon=True)

    def start(self, timeout: float = 20) -> None:
        self.thread.start()
        wait_for_meta(self.url, timeout)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)
        self.socket.close()


def wait_for_meta(url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if httpx.get(f"{url}/v1/meta", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise TimeoutError(f"no answer from {url}/v1/meta within {timeout} s")
        time.sleep(0.05)
