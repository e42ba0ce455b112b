"""`xueji student add|list`: students in and out as national-template-shaped JSON."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.errors import CliExit
from desktop.cli.io import say, warn
from desktop.messages import describe_field
from desktop.services.chosen_file import read_chosen_file
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search, template_rows


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("student", help="学生记录：添加、列出")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    add = actions.add_parser("add", help="从 JSON 文件添加学生（全部成功或全部不保存）")
    add_db_user(add)
    add.add_argument("--json", required=True, type=Path,
                     help="一个对象或对象列表，键为国家模板列名")
    add.set_defaults(handler=run_add)
    listing = actions.add_parser("list", help="列出学生")
    add_db_user(listing)
    listing.add_argument("--search", default="", help="姓名、拼音、首字母、身份证件号或学籍号")
    listing.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    listing.set_defaults(handler=run_list)


MAX_JSON_BYTES = 64 * 1024 * 1024  # far above any school's pupils


def _load(path: Path) -> list[dict[str, Any]]:
    try:
        raw = read_chosen_file(path, MAX_JSON_BYTES, "file.too_big", name=path.name,
                               max_mb=MAX_JSON_BYTES // (1024 * 1024))
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise CliExit(1, f"{path} 不是 UTF-8 编码的文本文件，请另存为 UTF-8 后重试。") from exc
    except json.JSONDecodeError as exc:
        where = f"第{exc.lineno}行第{exc.colno}列附近"
        raise CliExit(1, f"{path} 不是有效的 JSON（{where}），没有保存任何记录。") from exc
    except RecursionError as exc:  # [[[[… nested deeper than the parser goes
        raise CliExit(1, f"{path} 的 JSON 嵌套层数过多，不是学生记录，没有保存任何记录。") from exc
    records = data if isinstance(data, list) else [data]
    if not records or not all(isinstance(r, dict) for r in records):
        raise CliExit(1, f"{path} 应包含一个学生对象或对象列表，没有保存任何记录。")
    return records


def run_add(args: argparse.Namespace) -> int:
    records = _load(args.json)
    workspace = open_workspace(args)
    try:
        result = add_students(workspace, records)
    finally:
        workspace.lock()
    for index, problems in sorted(result.warnings.items()):
        for problem in problems:
            warn(f"第{index + 1}条 提示 {describe_field(problem)}")
    say(f"已添加 {len(result.ids)} 名学生。")
    return 0


def run_list(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    query = StudentQuery(text=args.search)
    try:
        if args.json:
            for row in template_rows(workspace, query):
                say(json.dumps(row, ensure_ascii=False))
        else:
            _print_table(workspace, query)
    finally:
        workspace.lock()
    return 0


def _print_table(workspace: Any, query: StudentQuery) -> None:
    offset = 0
    while True:
        page = search(workspace, query, offset=offset, limit=500)
        for row in page.rows:
            number = row.xjh or "（待分配）"
            say(f"{row.name}\t{row.sex}\t{row.class_name}\t{number}\t{row.status}")
        offset += len(page.rows)
        if not page.rows or offset >= page.total:
            say(f"共 {page.total} 名学生。")
            return
