"""`xueji import`: students from a national-template workbook (.xlsx or .xls), all or nothing
by default. Columns are matched by name; columns the template does not know are refused unless
a saved template profile (--profile, or the one saved for the same headers) says what they hold.

Exit 0 when every row was imported (or would be, with --dry-run); exit 1 when rows were
refused, each refused row on stderr as `第N行 列名: 原因` (N is the row number Excel shows).
With exit 1 nothing was written, unless --skip-invalid imported the valid rows.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from openpyxl.utils import get_column_letter as column_letter

from desktop.cli.common import add_db_user, open_workspace, require_folder
from desktop.cli.errors import CliExit
from desktop.cli.io import say, warn
from desktop.exchange.error_report import write_error_report
from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.exchange.xlsx_reader import SheetData
from desktop.messages import describe
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.plan import ImportPlan, ImportRefused, RowAction
from desktop.services.importing.profiles import get_profile, profile_for


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("import", help="从国家学籍模板的 Excel 文件导入学生（默认全部成功或全部不导入）")
    add_db_user(parser)
    parser.add_argument("file", type=Path, help="要导入的 .xlsx 或 .xls 文件")
    parser.add_argument("--dry-run", action="store_true", help="只检查并报告将做的更改，不写入数据库")
    parser.add_argument("--skip-invalid", action="store_true", help="跳过有问题的行，只导入没有问题的行")
    parser.add_argument("--report", type=Path, help="把输入的行加上“错误”列，另存为这个 .xlsx 文件")
    parser.add_argument("--profile", metavar="模板名称",
                        help="按已保存的导入模板读取（说明了国家模板以外各列的含义）")
    parser.add_argument("--class-code", action="append", default=[], metavar="班号=班级名称",
                        help="班号对应的班级（可重复），例如 --class-code 2024001=一年级(1)班")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.report:
        require_folder(args.report)
    codes = _class_codes(args.class_code)
    if not args.profile:
        read_import(args.file)  # a file that cannot be read is refused before the password
    workspace = open_workspace(args)
    try:
        sheet, codes = _read(workspace, args, codes)
        plan, written = _import(workspace, sheet, args, codes)
    finally:
        workspace.lock()
    _print_notes(sheet, plan, written)
    _print_problems(plan)
    if args.report:
        count = write_error_report(args.report, sheet, plan)
        say(f"错误报告已保存到 {args.report}（{count} 行有问题或提示）。")
    say(_summary(plan, written, args))
    return 1 if plan.refused else 0


def _class_codes(pairs: list[str]) -> dict[str, str]:
    codes = {}
    for pair in pairs:
        code, _eq, name = pair.partition("=")
        if not code.strip() or not name.strip():
            raise CliExit(1, f"--class-code 应写成 班号=班级名称，例如 2024001=一年级(1)班（收到“{pair}”）。")
        codes[code.strip()] = name.strip()
    return codes


def _read(workspace: Workspace, args: argparse.Namespace,
          codes: dict[str, str]) -> tuple[SheetData, dict[str, str]]:
    """The sheet read with the named profile, or with the saved profile of its layout; the
    unknown columns no profile covers are refused."""
    profile = get_profile(workspace, args.profile) if args.profile else None
    sheet = read_import(args.file, profile)
    if profile is None and sheet.unknown:
        profile = profile_for(workspace, sheet.headers)
        if profile is not None:
            sheet = read_import(args.file, profile)
    if profile is not None:
        say(f"按导入模板“{profile.name}”读取。")
    if sheet.unknown:
        columns = "、".join(f"{header}（第{column_letter(column + 1)}列）"
                            for column, header in sheet.unknown)
        raise ServiceError("import.unknown_columns", name=sheet.file_name, columns=columns)
    return sheet, {**(profile.class_codes if profile else {}), **codes}


def _import(workspace: Workspace, sheet: SheetData, args: argparse.Namespace,
            codes: dict[str, str]) -> tuple[ImportPlan, bool]:
    """(the plan, whether rows were written)."""
    preview = preview_import(workspace, sheet, class_codes=codes)
    if preview.unresolved_codes:
        raise ServiceError("import.unanswered_codes", codes="、".join(preview.unresolved_codes))
    if args.dry_run:
        return preview.plan, False
    try:
        result = apply_workbook(workspace, sheet, skip_invalid=args.skip_invalid,
                                class_codes=codes)
    except ImportRefused as refused:
        return refused.plan, False
    return result.plan, True


def _print_notes(sheet: SheetData, plan: ImportPlan, written: bool) -> None:
    say(f"读取 {sheet.file_name} 的工作表“{sheet.sheet}”：表头在第{sheet.header_row}行，"
        f"共 {len(sheet.rows)} 行数据。")
    if sheet.ignored:
        say("按模板不导入的列：" + "、".join(sheet.ignored) + "。")
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
