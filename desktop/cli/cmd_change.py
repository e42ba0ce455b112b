"""`xueji change`: record one 学籍变动 (休学, 转出, 死亡 …) for a student, or say why not.

审批通过 / 审批未通过 record a decision that came on paper; --unit names the approving unit
(by default the one the change's rule names), as the 学籍变动 dialog's 审批单位 does."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.errors import CliExit
from desktop.cli.io import say
from desktop.domain.changes import RULES
from desktop.services.changes.status import DECISIONS, ChangeRequest, apply_change


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("change", help="办理学籍变动（休学、复学、转出、死亡等）")
    add_db_user(parser)
    parser.add_argument("--student", required=True, help="学生的身份证件号或学籍号")
    parser.add_argument("--type", required=True, help="变动类别：" + "、".join(RULES))
    parser.add_argument("--date", help="变动日期 YYYY-MM-DD，默认今天（转出：转入学校申请到达之日）")
    parser.add_argument("--until", help="截止日期 YYYY-MM-DD（休学、续休）")
    parser.add_argument("--reason", default="", help="原因")
    parser.add_argument("--class", dest="class_name", default="", help="新班级（调班、升级、留级等）")
    parser.add_argument("--unit", default="",
                        help="审批单位（审批通过、审批未通过；默认为该变动规定的审批单位）")
    parser.set_defaults(handler=run)


def _date(text: str | None, option: str) -> dt.date | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError as exc:
        raise CliExit(1, f"{option} 的日期“{text}”格式不对，请写成 YYYY-MM-DD，例如 2026-09-01。") from exc


def _unit(text: str, change: str) -> str:
    if text.strip() and change not in DECISIONS:
        raise CliExit(1, f"--unit 只用于{'、'.join(DECISIONS)}（记录纸质审批结果的审批单位）；"
                         f"办理“{change}”时请去掉 --unit。")
    return text.strip()


def run(args: argparse.Namespace) -> int:
    change = args.type.strip()
    request = ChangeRequest(student=args.student, change=change,
                            effective=_date(args.date, "--date") or dt.date.today(),
                            until=_date(args.until, "--until"), reason=args.reason,
                            class_name=args.class_name, unit=_unit(args.unit, change))
    workspace = open_workspace(args)
    try:
        result = apply_change(workspace, request)
    finally:
        workspace.lock()
    say(f"已办理：{result.name} {result.change}（{result.from_status} → {result.to_status}）")
    if result.awaiting:
        say(f"待{result.awaiting}审批。")
    if result.documents:
        say("请归档：" + "、".join(result.documents))
    return 0
