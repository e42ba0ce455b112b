"""`xueji reconcile`: compare the school's records with a student list exported from the
national 学籍 system; with --apply, bring back the official 学籍号 and flags. Every difference
is printed (and written to --report as a workbook)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, read_with, require_folder
from desktop.cli.io import say
from desktop.exchange.national_list import read_national_list
from desktop.exchange.reconcile_report import write_reconcile_report
from desktop.services.importing.reconcile import (
    FLAG_BACK,
    NUMBER_BACK,
    ONLY_LOCAL,
    ONLY_NATIONAL,
    Difference,
    Reconciliation,
    apply_reconciliation,
    plan_reconciliation,
)


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reconcile", help="与国家学籍系统导出的学生名单核对，带回学籍号和标志")
    add_db_user(parser)
    parser.add_argument("file", type=Path, help="国家学籍系统导出的 .xlsx 名单")
    parser.add_argument("--apply", action="store_true", help="写入：带回正式学籍号和标志（默认只列出差异）")
    parser.add_argument("--report", type=Path, help="把全部差异另存为 .xlsx")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.report:
        require_folder(args.report)
    national = read_national_list(args.file)
    act = apply_reconciliation if args.apply else plan_reconciliation
    result: Reconciliation = read_with(args, lambda ws: act(ws, national.entries))
    for difference in result.differences:
        say(_line(difference))
    if args.report:
        write_reconcile_report(args.report, result)
    verb = "已带回" if args.apply else "可带回"
    say(f"核对 {len(national.entries)} 行，匹配 {result.matched} 名学生；{verb}学籍号 "
        f"{result.count(NUMBER_BACK)} 个、标志 {result.count(FLAG_BACK)} 项；仅国家系统有 "
        f"{result.count(ONLY_NATIONAL)} 名，仅本地有 {result.count(ONLY_LOCAL)} 名。")
    return 0


def _line(d: Difference) -> str:
    where = f"第{d.row}行" if d.row else "本地"
    detail = f"\t{d.header}: {d.local or '（空）'} → {d.national or '（空）'}" if d.header else ""
    return f"{d.kind}\t{where}\t{d.name}\t{d.class_name}{detail}"
