"""Who is working on which database: the unlocked store plus the signed-in account."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from desktop.models.store import Store, committed_writes
from desktop.services.errors import ServiceError


class Role(Enum):
    REGISTRAR = "registrar"  # 学籍管理员: records and changes
    APPROVER = "approver"  # 审核人: reviews, approves
    VIEWER = "viewer"  # 查看: reads only

    @property
    def label(self) -> str:
        return {"registrar": "学籍管理员", "approver": "审核人", "viewer": "查看"}[self.value]


@dataclass(frozen=True)
class Actor:
    account_id: str
    username: str
    display_name: str
    role: Role


@dataclass
class Workspace:
    """An unlocked database and the account using it; `lock()` drops the key."""

    store: Store
    actor: Actor
    device_id: str

    def require(self, *roles: Role) -> None:
        if self.actor.role not in roles:
            raise ServiceError("permission.denied", role=self.actor.role.label)

    def lock(self) -> None:
        self.store.close()
        self.store.key = b""

    @property
    def read_only(self) -> bool:
        """The database sits where it cannot be written: it can be read, nothing saved."""
        return self.store.read_only


def writes_committed() -> int:
    """Write transactions committed by this process (the CLI tells whether a failing command
    had already saved something)."""
    return committed_writes()
