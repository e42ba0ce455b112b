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
from desktop.cli.report_lines import outcome_lines
from desktop.messages import describe
from desktop.services.errors import ServiceError
from desktop.services.registry.case_list import cases_needing_action
from desktop.sync.client import SyncReport, sync_once
from desktop.sync.errors import UNREACHABLE

OFFLINE_CODES = frozenset({UNREACHABLE, "sync.server_error"})


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("sync", help="与学籍中心联网同步（上报本机变更、接收中心数据）")
    add_db_user(parser)
    parser.add_argument("--server", help="学籍中心的新地址（中心搬迁时使用；默认用注册时的地址）")
    parser.set_defaults(handler=run)


def lines(report: SyncReport, waiting: int = 0) -> list[str]:
    """The report as the registrar reads it."""
    return outcome_lines(report.to_dict(), head=f"上报 {report.sent} 条变更：", waiting=waiting,
                         again="请稍后再同步。")


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        report = sync_once(workspace, args.server)
        waiting = cases_needing_action(workspace)
    except ServiceError as exc:
        code = 2 if exc.code in OFFLINE_CODES else 1
        raise CliExit(code, describe(exc.code, exc.params)) from exc
    finally:
        workspace.lock()
    for line in lines(report, waiting):
        say(line)
    return 0 if report.settled else 1
