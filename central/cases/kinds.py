"""Which changes need whose approval, and the steps of each case (domain spec §5.3, §5.4).

Table-driven: `APPROVALS` maps a change type of desktop.domain.changes.RULES to the
authority step it needs and that step's working days; `NO_CASE` lists the change types
whose rule names an approver but that open no approval case here, and why. A transfer has
its own chain: cross-county 转入学校 → 转入学校主管部门 → 转出学校 → 转出学校主管部门,
same county 转入学校 → 转出学校 → 主管教育局, ten working days for every party.
"""

from __future__ import annotations

from dataclasses import dataclass

TRANSFER_DAYS = 10
TRANSFER = "转学"

# Roles: the school or county that acts at a step.
RECEIVING_SCHOOL, RECEIVING_BUREAU = "receiving_school", "receiving_bureau"
SENDING_SCHOOL, SENDING_BUREAU = "sending_school", "sending_bureau"
SCHOOL, BUREAU = "school", "bureau"
SCHOOL_ROLES = frozenset({RECEIVING_SCHOOL, SENDING_SCHOOL, SCHOOL})


@dataclass(frozen=True)
class Step:
    role: str
    label: str
    days: int  # working days the party has; 0 for the opening step


@dataclass(frozen=True)
class Approval:
    label: str
    days: int = 10


APPROVALS: dict[str, Approval] = {
    "新生注册": Approval("学籍主管部门审核"),
    "休学": Approval("学籍主管部门复审"),
    "续休": Approval("学籍主管部门复审"),
    "退学": Approval("学籍主管部门备案"),
    "开除": Approval("学籍主管部门审批"),
    "出境": Approval("学籍主管部门审核（接收学籍档案）"),
    "死亡": Approval("学籍主管部门注销", 60),
    "留级": Approval("学籍主管部门审批"),
    "跳级": Approval("学籍主管部门审批"),
    "降级": Approval("学籍主管部门审批"),
    "特教升级": Approval("学籍主管部门审批（依专家委员会意见）"),
    "特教降级": Approval("学籍主管部门审批（依专家委员会意见）"),
    "特教毕业": Approval("学籍主管部门审批（依专家委员会意见）"),
    "恢复学籍": Approval("学籍主管部门审核"),
}

NO_CASE: dict[str, str] = {
    "转入": "转学由转入学校以 request_transfer_in 发起，中心按转学流程办理",
    "转出": "转出由转入学校的转学申请带来，转出学校以 answer_transfer 办理",
    "辍学登记": "向乡镇政府和县教育局报告，不是审批",
    "中外合作项目注册": "由地市级教育行政部门确认，中心尚无地市账户",
}


def approval_steps(change_type: str) -> tuple[Step, ...] | None:
    """The steps of an approval case for the change, or None when it needs none here."""
    rule = APPROVALS.get(change_type)
    if rule is None:
        return None
    return (Step(SCHOOL, "学校申请", 0), Step(BUREAU, rule.label, rule.days))


def transfer_steps(same_county: bool) -> tuple[Step, ...]:
    if same_county:
        return (Step(RECEIVING_SCHOOL, "转入学校申请", 0),
                Step(SENDING_SCHOOL, "转出学校审核", TRANSFER_DAYS),
                Step(SENDING_BUREAU, "学籍主管部门审核", TRANSFER_DAYS))
    return (Step(RECEIVING_SCHOOL, "转入学校申请", 0),
            Step(RECEIVING_BUREAU, "转入学校主管部门审核", TRANSFER_DAYS),
            Step(SENDING_SCHOOL, "转出学校审核", TRANSFER_DAYS),
            Step(SENDING_BUREAU, "转出学校主管部门审核", TRANSFER_DAYS))


def county_party(county: str) -> str:
    """The party id of a county's 学籍主管部门."""
    return f"county:{county}"
