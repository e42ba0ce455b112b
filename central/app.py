"""The reference central registry as a FastAPI application (XJSP/1, docs/protocol.md).

`create_app(db_url)` builds it on SQLite or PostgreSQL, creating the schema on first use.
FastAPI serves the OpenAPI document at /openapi.json.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI

from central.api import auth, console, public, pull, push
from central.api.auth import ContextDep
from central.api.limits import BodyLimit, ClientVersionGate
from central.context import Clock, Context, iso
from central.errors import install_handlers
from central.store.db import init_schema, load_identity, make_engine
from desktop import __version__
from desktop.sync.wire.protocol import (
    MAX_BATCH_CHANGES,
    MAX_BODY_BYTES,
    MIN_CLIENT_VERSION,
    PROTOCOL,
    Meta,
    sealing_public,
    signing_public,
)

meta_router = APIRouter(prefix="/v1", tags=["服务信息"])


@meta_router.get("/meta", response_model=Meta)
def meta(ctx: ContextDep) -> Meta:
    """Protocol, oldest supported client, server time and epoch, server keys (no token needed)."""
    with ctx.engine.begin() as conn:
        identity = load_identity(conn)
    return Meta(protocol=PROTOCOL, server_version=__version__, min_client_version=MIN_CLIENT_VERSION,
                server_time=iso(ctx.now()), epoch=identity.epoch, max_body_bytes=MAX_BODY_BYTES,
                max_batch_changes=MAX_BATCH_CHANGES,
                server_sign_pub=signing_public(identity.sign_key),
                server_enc_pub=sealing_public(identity.enc_key))


def create_app(db_url: str, *, clock: Clock = time.time,
               max_body_bytes: int = MAX_BODY_BYTES) -> FastAPI:
    """The application over the database at `db_url` (created if missing)."""
    engine = make_engine(db_url)
    init_schema(engine, int(clock()))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        engine.dispose()

    app = FastAPI(title="学籍中心（参考实现）", version=__version__, lifespan=lifespan,
                  summary=f"同步协议 {PROTOCOL}：设备注册、认证、上报、拉取与确认。")
    app.state.context = Context(engine, clock)
    install_handlers(app)
    for router in (meta_router, auth.router, push.router, pull.router, public.router,
                   console.router):
        app.include_router(router)
    app.add_middleware(ClientVersionGate)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    return app
