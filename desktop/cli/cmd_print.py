"""`xueji print TYPE`: a PDF of the standard forms for one student or a whole class."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, read_with
from desktop.cli.io import say
from desktop.printing import certificate, student_card, student_form
from desktop.services.errors import ServiceError
from desktop.services.print_data import printable_students

BUILDERS = {"form": student_form.build, "card": student_card.build,
            "certificate": certificate.build}
PLANNED = ("transfer", "suspend", "roster", "archive-index")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser(
        "print", help="打印表格为 PDF（form：学生基本信息表；card：学籍卡；certificate：学籍证明）")
    parser.add_argument("type", choices=(*BUILDERS, *PLANNED), help="表格类型")
    add_db_user(parser)
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--student", help="学生的身份证件号或学籍号")
    who.add_argument("--class", dest="class_name", help="班级名称：全班按名册顺序")
    parser.add_argument("--out", required=True, type=Path, help="PDF 文件路径")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.type not in BUILDERS:
        raise ServiceError("print.type_not_ready", kind=args.type)
    students = read_with(args, lambda ws: printable_students(ws, args.student or "",
                                                             args.class_name or ""))
    args.out.write_bytes(BUILDERS[args.type](students))
    say(f"已生成 {args.out}：{len(students)} 名学生。")
    return 0
