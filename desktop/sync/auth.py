"""A signed-in session with the registry: check /v1/meta, then sign a fresh challenge with the
device key for a 15-minute bearer token, and sign in again when the token has expired.

`checked_meta` refuses a registry that speaks another protocol, that requires a newer client,
or whose signing key is not the one pinned at enrollment.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from desktop import __version__
from desktop.services.errors import ServiceError
from desktop.services.registry.device import DeviceKeys
from desktop.sync.transport import HttpProblem, RetryPolicy, Transport
from desktop.sync.wire.protocol import (
    PROTOCOL,
    AccessToken,
    Challenge,
    ChallengeRequest,
    Meta,
    TokenRequest,
    challenge_message,
    sign,
    version_tuple,
)

T = TypeVar("T")
SIGN_IN_AGAIN = frozenset({"token_expired", "token_invalid", "token_missing"})


def checked_meta(transport: Transport, policy: RetryPolicy, pinned_key: str | None = None) -> Meta:
    meta = Meta.from_dict(policy.run(lambda: transport.get("/v1/meta")))
    if meta.protocol != PROTOCOL:
        raise ServiceError("sync.wire.protocol")
    if version_tuple(__version__) < version_tuple(meta.min_client_version):
        raise ServiceError("sync.client_too_old", version=__version__,
                           min_version=meta.min_client_version)
    if pinned_key and meta.server_sign_pub != pinned_key:
        raise ServiceError("sync.server_key_changed")
    return meta


class Session:
    """Requests made with the device's current access token."""

    def __init__(self, transport: Transport, keys: DeviceKeys, policy: RetryPolicy) -> None:
        self.transport, self.keys, self.policy = transport, keys, policy
        self._token: str | None = None

    def call(self, request: Callable[[str], T]) -> T:
        """`request(token)` with retries; one new sign-in if the token is refused."""
        try:
            return self.policy.run(lambda: request(self.token()))
        except HttpProblem as exc:
            if exc.status != 401 or exc.code not in SIGN_IN_AGAIN:
                raise
        self._token = None
        return self.policy.run(lambda: request(self.token()))

    def token(self) -> str:
        if self._token is None:
            self._token = self.policy.run(self._sign_in)
        return self._token

    def _sign_in(self) -> str:
        device_id = self.keys.device_id or ""
        challenge = Challenge.from_dict(self.transport.post(
            "/v1/auth/challenge", ChallengeRequest(device_id=device_id).to_json()))
        signature = sign(self.keys.sign_key, challenge_message(device_id, challenge.nonce))
        answer = TokenRequest(device_id=device_id, nonce=challenge.nonce, signature=signature)
        return AccessToken.from_dict(self.transport.post("/v1/auth/token",
                                                         answer.to_json())).access_token
