"""ASGI guards in front of every endpoint: request size and client version.

A body above the limit gets 413 before it is parsed, whether it announces its length or
arrives in chunks. A client that says it is older than MIN_CLIENT_VERSION gets 426.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from central.errors import error_response
from desktop.sync.wire.protocol import CLIENT_VERSION_HEADER, MIN_CLIENT_VERSION, client_supported

DRAIN_CAP = 64 * 1024 * 1024


class BodyLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await _drain(receive, DRAIN_CAP)  # so the client reads the answer, not a reset
            await _too_large()(scope, receive, send)
            return
        await self.app(scope, self._counting(receive), send)

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_bytes:
                raise HTTPException(413)  # answered by the HTTPException handler
            return message

        return counted


class ClientVersionGate:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        http = scope["type"] == "http"
        version = _header(scope, CLIENT_VERSION_HEADER.lower().encode()) if http else None
        if version is not None and not client_supported(version):
            response = error_response(
                426, "client_too_old",
                f"本机程序版本过旧（{version}），请升级到 {MIN_CLIENT_VERSION} 或更新版本。")
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    key: bytes
    value: bytes
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1").strip()
    return None


async def _drain(receive: Receive, cap: int) -> None:
    seen = 0
    while seen <= cap:
        message = await receive()
        seen += len(message.get("body", b""))
        if message["type"] != "http.request" or not message.get("more_body"):
            return


def _too_large() -> ASGIApp:
    return error_response(413, "too_large", "请求内容过大，请分批上报。")
