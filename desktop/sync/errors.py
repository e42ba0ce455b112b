"""Transport and protocol failures as ServiceErrors, worded by desktop.messages like every
other refusal: unreachable, client too old, device revoked, server error, bad answer."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from desktop import __version__
from desktop.services.errors import ServiceError
from desktop.sync.transport import BadAnswer, HttpProblem, Unreachable
from desktop.sync.wire.protocol import ProtocolError

UNREACHABLE = "sync.unreachable"


@contextlib.contextmanager
def service_errors(url: str) -> Iterator[None]:
    """Inside: every failure to talk to the registry at `url` leaves as a ServiceError."""
    try:
        yield
    except Unreachable as exc:
        raise ServiceError(UNREACHABLE, url=url) from exc
    except HttpProblem as exc:
        raise _from_problem(exc) from exc
    except (ProtocolError, BadAnswer) as exc:
        raise ServiceError("sync.wire.protocol") from exc


def _from_problem(exc: HttpProblem) -> ServiceError:
    if exc.status == 426:
        return ServiceError("sync.client_too_old", version=__version__,
                            min_version=_required_version(exc.message))
    if exc.code in ("device_unknown", "device_revoked"):
        return ServiceError("sync.device_revoked")
    detail = f"{exc.status} {exc.code}" + (f"：{exc.message}" if exc.message else "")
    return ServiceError("sync.server_error", detail=detail)


def _required_version(message: str) -> str:
    """The version the registry's 426 sentence asks for (its last version number)."""
    found = re.findall(r"\d+(?:\.\d+)+", message)
    return found[-1] if found else "最新"
