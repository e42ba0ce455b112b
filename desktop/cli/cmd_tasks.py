"""`xueji tasks`: the to-do list (待办), overdue first, each with its deadline's rule."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user, print_items, read_with
from desktop.cli.io import say
from desktop.services.changes.tasks import Task, list_tasks


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("tasks", help="列出待办事项（逾期的在前）")
    add_db_user(parser)
    parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    parser.set_defaults(handler=run)


def _as_dict(task: Task) -> dict:
    return {"学籍号": task.xjh or "", "身份证件号": task.id_number or "", "姓名": task.name,
            "事项": task.item, "截止日期": task.due.isoformat(), "依据": task.rule,
            "逾期": task.overdue, "期限为估算": task.estimated}


def _as_line(task: Task) -> str:
    mark = "【逾期】" if task.overdue else ""
    note = "（估算）" if task.estimated else ""
    return f"{mark}{task.due:%Y-%m-%d}{note}\t{task.name}\t{task.item}\t{task.rule}"


def run(args: argparse.Namespace) -> int:
    tasks = read_with(args, list_tasks)
    print_items(tasks, args.json, _as_dict, _as_line)
    if not args.json:
        say(f"共 {len(tasks)} 项待办。")
    return 0
