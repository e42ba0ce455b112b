"""学籍状态 (status of a student's record at this school) and their Chinese names (§5.2)."""

from __future__ import annotations

from enum import Enum


class Status(Enum):
    PENDING = "待注册"
    DEFERRED = "缓学"
    ACTIVE = "在籍在读"
    SUSPENDED = "休学"
    TRANSFER_OUT_PENDING = "转出中"
    TRANSFERRED_OUT = "已转出"
    TRANSFER_IN_PENDING = "转入中"
    WITHDRAWN = "退学"
    EXPELLED = "开除学籍"
    ABROAD = "出境"
    DECEASED = "死亡"
    GRADUATED = "毕业"
    COMPLETED = "结业"
    INCOMPLETE = "肄业"

    @property
    def label(self) -> str:
        return self.value



ENTRY_EVENT = "录入"  # first event of a record entered into this desk (existing or new pupil)
DECISION_EVENT = "审批结果"  # the event that records an authority's decision on an awaited change

# The statuses of a pupil whose 学籍 is held here and who is on the school's roll.
AT_SCHOOL = (Status.ACTIVE.name, Status.SUSPENDED.name, Status.TRANSFER_OUT_PENDING.name)
