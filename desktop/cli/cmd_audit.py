"""`xueji audit`: the audit log for an inspection, filtered by days, account and record, on
the terminal or saved as .csv/.xlsx (ID numbers masked either way)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop.cli.common import add_db_user, read_with
from desktop.cli.io import say
from desktop.exchange.audit_export import cells, write_audit
from desktop.messages import describe
from desktop.services.context import Workspace
from desktop.services.safekeeping.audit_view import AuditQuery, audit_lines


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(describe("audit.date_format", {"value": text})) from exc


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("audit", help="查看或导出审计日志（供检查使用）")
    add_db_user(parser)
    parser.add_argument("--from", dest="start", type=_day, help="开始日期 YYYY-MM-DD（含）")
    parser.add_argument("--to", dest="end", type=_day, help="结束日期 YYYY-MM-DD（含）")
    parser.add_argument("--by", default="", help="只看这个账号所做的操作")
    parser.add_argument("--record", default="", help="只看这条记录：记录编号、身份证件号或学籍号")
    parser.add_argument("--out", type=Path, help="保存为 .csv 或 .xlsx 文件（不写则显示在屏幕上）")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    query = AuditQuery(args.start, args.end, args.by, args.record)
    if args.out is not None:
        count = read_with(args, lambda ws: write_audit(args.out, audit_lines(ws, query)))
        say(f"已导出 {count} 条审计记录到 {args.out}。")
        return 0
    count = read_with(args, lambda ws: _show(ws, query))
    say(f"共 {count} 条审计记录。")
    return 0


def _show(ws: Workspace, query: AuditQuery) -> int:
    lines = audit_lines(ws, query)
    for line in lines:
        say("\t".join(str(value) for value in cells(line)))
    return len(lines)
