"""The golden vectors of the .xjb format: tests/sync_bundle/vectors/.

`inputs.json` holds everything needed to rebuild each file byte for byte in another
implementation: the private keys, the pinned ephemeral key and nonce, and the message.
Rewrite them (only when the format changes on purpose) with
`python -m tests.sync_bundle.golden`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from desktop.sync.wire.bundle import build_enrollment, build_reply, build_request, bundle_sha256
from desktop.sync.wire.protocol import Message, sealing_public
from tests.sync_bundle import samples
from tests.sync_bundle.samples import DEVICE_ENC, DEVICE_SIGN, SERVER_ENC, SERVER_SIGN, entropy

VECTORS = Path(__file__).with_name("vectors")


def _request() -> bytes:
    return build_request(samples.request(), sign_key=DEVICE_SIGN,
                         server_enc_pub=sealing_public(SERVER_ENC), entropy=entropy("request"))


def _enrollment() -> bytes:
    return build_enrollment(samples.enrollment(), sign_key=DEVICE_SIGN,
                            server_enc_pub=sealing_public(SERVER_ENC),
                            entropy=entropy("enroll"))


def _reply() -> bytes:
    return build_reply(samples.reply(), sign_key=SERVER_SIGN,
                       device_enc_pub=sealing_public(DEVICE_ENC), entropy=entropy("reply"))


# file name -> (entropy label, message, builder)
BUILDS: dict[str, tuple[str, Callable[[], Message], Callable[[], bytes]]] = {
    "request.xjb": ("request", samples.request, _request),
    "enroll.xjb": ("enroll", samples.enrollment, _enrollment),
    "reply.xjb": ("reply", samples.reply, _reply),
}


def inputs() -> dict[str, Any]:
    keys = {"device_sign": DEVICE_SIGN, "device_enc": DEVICE_ENC, "server_sign": SERVER_SIGN,
            "server_enc": SERVER_ENC}
    vectors = {}
    for name, (label, message, build) in BUILDS.items():
        pinned = entropy(label)
        vectors[name] = {"ephemeral_key": (pinned.ephemeral_key or b"").hex(),
                         "nonce": (pinned.nonce or b"").hex(), "message": message().to_dict(),
                         "sha256": bundle_sha256(build())}
    return {"keys": {name: value.hex() for name, value in keys.items()}, "vectors": vectors}


def write() -> None:
    VECTORS.mkdir(exist_ok=True)
    for name, (_label, _message, build) in BUILDS.items():
        (VECTORS / name).write_bytes(build())
    text = json.dumps(inputs(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    (VECTORS / "inputs.json").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write()
