"""The lines `xueji sync` and `xueji bundle import` print: what the registry decided, what
came back, the cases waiting for this school, and whether everything is settled."""

from __future__ import annotations

from typing import Any


def outcome_lines(report: dict[str, Any], *, head: str, waiting: int, again: str) -> list[str]:
    """`report` is a SyncReport's or an ImportReport's to_dict(); `waiting` the transfers and
    guardian requests this school still has to answer; `again` what to do when unsettled."""
    received = report.get("pulled", report.get("received", 0))
    result = [f"{head}中心已采用 {report['applied']} 条，重复上报 {report['duplicate']} 条，"
              f"退回 {report['rejected']} 条，冲突 {report['conflict']} 条，暂存 {report['held']} 条。",
              f"接收中心数据 {received} 条，本机更新 {report['updated']} 名学生，"
              f"疑似一人多籍提示 {report['findings']} 条。"]
    if report.get("casework"):
        result.append(f"转学、审批和家长申请有 {report['casework']} 项新进展。")
    if waiting:
        result.append(f"有 {waiting} 项转学或家长申请等待本校答复，"
                      "请在“同步”页的“转学与审批”“家长申请”中办理。")
    if report.get("restored"):
        result.append("本次从中心完整恢复了本校数据。")
    if report["settled"]:
        result.append("同步完成：本机所有变更都已由中心确认或处理。")
    else:
        result.append(f"还有 {report['remaining']} 条变更未得到中心确认，{again}")
    return result
