"""`xueji import`: students from a national-template workbook (.xlsx), all or nothing by default.

Exit 0 when every row was imported (or would be, with --dry-run); exit 1 when rows were
refused, each refused row on stderr as `第N行 列名: 原因` (N is the row number Excel shows).
With exit 1 nothing was written, unless --skip-invalid imported the valid rows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.cmd_export import require_folder
from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say, warn
from desktop.exchange.error_report import write_error_report
from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.exchange.xlsx_reader import SheetData
from desktop.messages import describe
from desktop.services.context import Workspace
from desktop.services.import_plan import ImportPlan, ImportRefused, RowAction


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="从国家学籍模板的 Excel 文件导入学生（默认全部成功或全部不导入）")
    add_db_user(parser)
    parser.add_argument("file", type=Path, help="要导入的 .xlsx 文件")
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告将做的更改，不写入数据库")
    parser.add_argument("--skip-invalid", action="store_true", help="跳过有问题的行，只导入没有问题的行")
    parser.add_argument("--report", type=Path, help="把输入的行加上“错误”列，另存为这个 .xlsx 文件")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.report:
        require_folder(args.report)
    sheet = read_import(args.file)
    workspace = open_workspace(args)
    try:
        plan, written = _import(workspace, sheet, args)
    finally:
        workspace.lock()
    _print_notes(sheet, plan, written)
    _print_problems(plan)
    if args.report:
        count = write_error_report(args.report, sheet, plan)
        say(f"错误报告已保存到 {args.report}（{count} 行有问题或提示）。")
    say(_summary(plan, written, args))
    return 1 if plan.refused else 0


def _import(workspace: Workspace, sheet: SheetData, args: argparse.Namespace) -> tuple[ImportPlan, bool]:
    """(the plan, whether rows were written)."""
    if args.dry_run:
        return preview_import(workspace, sheet).plan, False
    try:
        result = apply_workbook(workspace, sheet, skip_invalid=args.skip_invalid)
    except ImportRefused as refused:
        return refused.plan, False
    return result.plan, True


def _print_notes(sheet: SheetData, plan: ImportPlan, written: bool) -> None:
    say(f"读取 {sheet.file_name} 的工作表“{sheet.sheet}”：表头在第{sheet.header_row}行，"
        f"共 {len(sheet.rows)} 行数据。")
    if sheet.ignored:
        say("已忽略不属于国家模板的列：" + "、".join(sheet.ignored) + "。")
    if sheet.missing_optional:
        say("文件中没有这些选填列，已有学生保留原值：" + "、".join(sheet.missing_optional) + "。")
    if plan.new_classes:
        verb = "已新建班级" if written else "将新建班级"
        say(verb + "：" + "、".join(f"{c.name}（{c.grade}）" for c in plan.new_classes) + "。")


def _print_problems(plan: ImportPlan) -> None:
    """Every reason of a refused row, then the warnings of the rows that are (to be) written."""
    for row in plan.rows:
        for problem in row.problems:
            warn(f"第{row.row}行 {problem.header}: {describe(problem.code, dict(problem.params))}")
    for row in plan.rows:
        if row.action in (RowAction.NEW, RowAction.CHANGED):
            for problem in row.warnings:
                warn(f"第{row.row}行 提示 {problem.header}: "
                     f"{describe(problem.code, dict(problem.params))}")


def _summary(plan: ImportPlan, written: bool, args: argparse.Namespace) -> str:
    counts = (f"新增 {plan.count(RowAction.NEW)} 名，更新 {plan.count(RowAction.CHANGED)} 名，"
              f"未变 {plan.count(RowAction.UNCHANGED)} 名，拒绝 {plan.count(RowAction.REFUSED)} 行。")
    if args.dry_run:
        return "试运行，没有写入数据库。" + counts
    if not written:
        warn(describe("import.refused", {"count": len(plan.refused)}))
        return "没有导入任何记录。检查结果：" + counts
    if plan.refused:
        return "已导入没有问题的行，跳过了有问题的行。" + counts
    return "导入完成。" + counts
