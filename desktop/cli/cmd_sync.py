"""`xueji sync`: one online sync with the registry, the counts printed in Chinese.

Exit 0 when every change is acknowledged or decided (applied, duplicate, rejected or
conflict recorded); 1 when changes remain held or unsent (or sync was refused: not
enrolled, client too old …); 2 when the registry could not be reached.
"""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.errors import CliExit
from desktop.cli.io import say
from desktop.messages import describe
from desktop.services.errors import ServiceError
from desktop.sync.client import SyncReport, sync_once
from desktop.sync.errors import UNREACHABLE

OFFLINE_CODES = frozenset({UNREACHABLE, "sync.server_error"})


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sync", help="与学籍中心联网同步（上报本机变更、接收中心数据）")
    add_db_user(parser)
    parser.add_argument("--server", help="学籍中心的新地址（中心搬迁时使用；默认用注册时的地址）")
    parser.set_defaults(handler=run)


def lines(report: SyncReport) -> list[str]:
    """The report as the registrar reads it."""
    result = [f"上报 {report.sent} 条变更：中心已采用 {report.applied} 条，重复上报 {report.duplicate} 条，"
              f"退回 {report.rejected} 条，冲突 {report.conflict} 条，暂存 {report.held} 条。",
              f"接收中心数据 {report.pulled} 条，本机更新 {report.updated} 名学生，"
              f"疑似一人多籍提示 {report.findings} 条。"]
    if report.restored:
        result.append("本次从中心完整恢复了本校数据。")
    if report.settled:
        result.append("同步完成：本机所有变更都已由中心确认或处理。")
    else:
        result.append(f"还有 {report.remaining} 条变更未得到中心确认，请稍后再同步。")
    return result


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        report = sync_once(workspace, args.server)
    except ServiceError as exc:
        code = 2 if exc.code in OFFLINE_CODES else 1
        raise CliExit(code, describe(exc.code, exc.params)) from exc
    finally:
        workspace.lock()
    for line in lines(report):
        say(line)
    return 0 if report.settled else 1
