"""`xueji tasks`: the to-do list (待办), overdue first, each with its deadline's rule."""

from __future__ import annotations

import argparse
import json

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say
from desktop.services.tasks import list_tasks


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("tasks", help="列出待办事项（逾期的在前）")
    add_db_user(parser)
    parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        tasks = list_tasks(workspace)
    finally:
        workspace.lock()
    for task in tasks:
        if args.json:
            say(json.dumps({"学籍号": task.xjh or "", "身份证件号": task.id_number or "",
                            "姓名": task.name, "事项": task.item, "截止日期": task.due.isoformat(),
                            "依据": task.rule, "逾期": task.overdue,
                            "期限为估算": task.estimated}, ensure_ascii=False))
        else:
            mark = "【逾期】" if task.overdue else ""
            note = "（估算）" if task.estimated else ""
            say(f"{mark}{task.due:%Y-%m-%d}{note}\t{task.name}\t{task.item}\t{task.rule}")
    if not args.json:
        say(f"共 {len(tasks)} 项待办。")
    return 0
