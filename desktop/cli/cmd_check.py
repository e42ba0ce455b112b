"""`xueji check`: integrity, audit chain and outbox consistency; exit 0 only if all pass."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say, warn
from desktop.services.safekeeping.integrity import check_database
from desktop.services.safekeeping.unsafe_text import UnsafeItem


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("check", help="检查数据库完整性、审计链和同步队列一致性")
    add_db_user(parser)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        report = check_database(workspace)
    finally:
        workspace.lock()
    say("加密页校验与完整性检查：" + ("通过" if not report.storage else "未通过"))
    for problem in report.storage[:20]:
        warn(f"  {problem}")
    if report.audit_break_at is None:
        say(f"审计链：通过（{report.audit_rows} 条）")
    else:
        warn(f"审计链：第 {report.audit_break_at} 条起被改动或删除")
    _report("同步队列记录缺少审计记录", report.outbox_without_audit)
    _report("同步队列记录指向不存在的学生", report.outbox_without_record)
    _report("学生缺少学籍建立事件", report.students_without_event)
    _report("学籍状态与变动记录不一致", report.status_not_from_events)
    _report_text(report.unsafe_text)
    if report.ok and not report.unsafe_text:
        say("检查全部通过。")
        return 0
    if report.ok:
        warn("文件完好，但上面列出的项目含有不允许的字符：导出和打印时已自动去掉，"
             "请在学生信息中改正后保存。")
        return 1
    warn("检查未通过：请先备份当前文件，再用最近的备份恢复，或联系技术支持。")
    return 1


def _report(label: str, ids: list[str]) -> None:
    if ids:
        warn(f"{label}：{len(ids)} 条")
    else:
        say(f"{label}：无")


def _report_text(items: list[UnsafeItem]) -> None:
    if not items:
        say("含有控制字符或改变文字方向字符的项目：无")
        return
    warn(f"含有控制字符或改变文字方向字符的项目：{len(items)} 项")
    for item in items[:50]:
        warn(f"  {item.name}（{item.student_id[:8]}）{item.header}")
