"""`xueji print TYPE`: a PDF of a standard document for one student or a whole class (in
roster order), a class roster, or a whole-school register. The documents are those of
desktop.printing.catalog, the same the 打印 page offers; the file is an archive copy
(PDF/A-2b, desktop.printing.pdfa)."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, read_with
from desktop.cli.io import say
from desktop.printing.catalog import CLASS, DOCUMENTS, SCHOOL, Selection
from desktop.printing.pdfa import archive_copy
from desktop.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:
    kinds = "；".join(f"{kind}：{doc.title}" for kind, doc in DOCUMENTS.items())
    parser = sub.add_parser("print", help=f"打印表格为 PDF（{kinds}）")
    parser.add_argument("type", choices=tuple(DOCUMENTS), help="表格类型")
    add_db_user(parser)
    who = parser.add_mutually_exclusive_group()
    who.add_argument("--student", help="学生的身份证件号或学籍号")
    who.add_argument("--class", dest="class_name", help="班级名称：全班按名册顺序")
    parser.add_argument("--out", required=True, type=Path, help="PDF 文件路径")
    parser.add_argument("--show-ids", action="store_true",
                        help="名册和台账中显示完整的身份证件号和学籍号（默认只显示前6位和后4位）")
    parser.set_defaults(handler=run)


def _selection(args: argparse.Namespace, scope: str) -> Selection:
    if scope == CLASS and args.student:
        raise ServiceError("print.roster_needs_class")
    if scope != SCHOOL and not (args.student or args.class_name):
        raise ServiceError("print.needs_student_or_class")
    classes = (args.class_name,) if args.class_name else ()
    return Selection(args.student or "", classes, args.show_ids)


def run(args: argparse.Namespace) -> int:
    document = DOCUMENTS[args.type]
    selection = _selection(args, document.scope)
    printed = read_with(args, lambda ws: document.make(ws, selection))
    args.out.write_bytes(archive_copy(printed.data))  # a saved PDF is an archive copy: PDF/A-2b
    whom = f"（{args.class_name}）" if args.class_name else ""
    covered = f"，{printed.students} 名学生" if document.scope != SCHOOL else ""
    say(f"已生成 {args.out}：{document.title}{whom}{covered}。")
    return 0
