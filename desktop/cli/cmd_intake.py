"""`xueji intake`: the short lists the national system exchanges. `preschool FILE` keeps the
preschool matched list (its five items become 受控字段 of the pupils' records); `handover
FILE` keeps the entrance handover list of pupils admitted here; `handover-export --out FILE`
writes the handover list of this school's leaving pupils; `correct` changes 受控字段 with the
reason and evidence the 学籍 change procedure needs. Lists are all or nothing: exit 1 with
every refused row as `第N行 列名: 原因` and nothing written."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, open_workspace, require_folder
from desktop.cli.errors import CliExit
from desktop.cli.io import say, warn
from desktop.exchange.intake_lists import HANDOVER_COLUMNS, PRESCHOOL_COLUMNS, read_list, write_list
from desktop.messages import describe
from desktop.services.reports.entrance_handover import handover_rows
from desktop.services.students.correction import correct_controlled
from desktop.services.students.intake import ListResult, import_handover, import_preschool
from desktop.services.students.lookup import student_id_of


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("intake", help="学前教育匹配名单、初中入学交接名单；更正受控字段")
    steps = parser.add_subparsers(dest="step", required=True)
    lists = (("preschool", "导入学前教育匹配名单（姓名、性别、出生日期、身份证件类型、身份证件号）"),
             ("handover", "导入初中入学交接名单（录取到本校的学生）"))
    for name, text in lists:
        step = steps.add_parser(name, help=text)
        add_db_user(step)
        step.add_argument("file", type=Path, help=".xlsx 或 .xls 文件")
        step.add_argument("--dry-run", action="store_true", help="只检查，不写入")
        step.set_defaults(handler=_run_list)
    out = steps.add_parser("handover-export", help="导出本校小学毕业生的初中入学交接名单")
    add_db_user(out)
    out.add_argument("--out", required=True, type=Path, help="保存的 .xlsx 文件")
    out.add_argument("--to-school", default="", help="录取学校标识码（不填则留空）")
    out.set_defaults(handler=_run_export)
    fix = steps.add_parser("correct", help="更正受控字段（须写明原因和证明材料）")
    add_db_user(fix)
    fix.add_argument("--student", required=True, help="学生的身份证件号或学籍号")
    fix.add_argument("--set", action="append", required=True, metavar="项目=新值",
                     help="例如 --set 姓名=王晓明（可重复）")
    fix.add_argument("--reason", required=True, help="更正原因")
    fix.add_argument("--evidence", required=True, help="证明材料，例如 户口簿复印件")
    fix.set_defaults(handler=_run_correct)


def _run_list(args: argparse.Namespace) -> int:
    columns = PRESCHOOL_COLUMNS if args.step == "preschool" else HANDOVER_COLUMNS
    listing = read_list(args.file, columns)
    read = import_preschool if args.step == "preschool" else import_handover
    workspace = open_workspace(args)
    try:
        result = read(workspace, listing.rows, listing.file_name, dry_run=args.dry_run)
    finally:
        workspace.lock()
    return _report(result, args.dry_run)


def _report(result: ListResult, dry_run: bool) -> int:
    for problem in result.refused:
        warn(f"第{problem.row}行 {problem.column}: {describe(problem.code, dict(problem.params))}")
    counts = f"新增 {result.added} 名，与已有学生对应 {result.linked} 名，已导入过 {result.unchanged} 名"
    if result.refused:
        say(f"有 {len({p.row for p in result.refused})} 行有问题，没有导入任何记录。{counts}。")
        return 1
    say(("试运行，没有写入。" if dry_run else "导入完成。") + counts + "。")
    return 0


def _run_export(args: argparse.Namespace) -> int:
    require_folder(args.out)
    workspace = open_workspace(args)
    try:
        rows = handover_rows(workspace, args.to_school.strip())
    finally:
        workspace.lock()
    count = write_list(args.out, HANDOVER_COLUMNS, rows)
    say(f"已导出 {count} 名学生的初中入学交接名单到 {args.out}。")
    return 0


def _run_correct(args: argparse.Namespace) -> int:
    changes = {}
    for pair in args.set:
        header, _eq, value = pair.partition("=")
        if not header.strip() or not _eq:
            raise CliExit(1, f"--set 应写成 项目=新值，例如 姓名=王晓明（收到“{pair}”）。")
        changes[header.strip()] = value.strip()
    workspace = open_workspace(args)
    try:
        done = correct_controlled(workspace, student_id_of(workspace, args.student), changes,
                                  reason=args.reason, evidence=args.evidence)
    finally:
        workspace.lock()
    say("已更正：" + ("、".join(done) if done else "（没有变化）") + "。更正已记入审计日志，下次同步时上报。")
    return 0
