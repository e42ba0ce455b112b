"""`xueji export`: students to a workbook in the national template (.xlsx), for the national
system's batch import: all students, one class, or the new and changed ones not yet
acknowledged by the registry."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, read_with, require_folder
from desktop.cli.io import say
from desktop.exchange.files import export_workbook
from desktop.exchange.photo_folder import export_photo_folder
from desktop.services.reports.export_selection import ExportSelection


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("export", help="把学生导出为国家学籍模板的 Excel 文件")
    add_db_user(parser)
    parser.add_argument("--out", required=True, type=Path,
                        help="要保存的 .xlsx 文件（文件名以 .xls 结尾则存为 Excel 97-2003 格式）")
    parser.add_argument("--class", dest="class_name", help="只导出这个班级（班级名称）")
    parser.add_argument("--pending", action="store_true",
                        help="只导出新增或修改后尚未被国家系统确认的学生")
    parser.set_defaults(handler=run)
    photos = sub.add_parser("export-photos",
                            help="按国家照片导入规则导出照片文件夹（证件号命名，按年级、班级分文件夹）")
    add_db_user(photos)
    photos.add_argument("--out", required=True, type=Path, help="要写入照片的文件夹")
    photos.add_argument("--class", dest="class_name", help="只导出这个班级（班级名称）")
    photos.set_defaults(handler=run_photos)


def run(args: argparse.Namespace) -> int:
    require_folder(args.out)
    selection = ExportSelection(class_name=args.class_name, pending_only=args.pending)
    count = read_with(args, lambda ws: export_workbook(ws, args.out, selection))
    say(f"已导出 {count} 名学生到 {args.out}。")
    return 0


def run_photos(args: argparse.Namespace) -> int:
    count = read_with(args, lambda ws: export_photo_folder(ws, args.out, args.class_name))
    say(f"已导出 {count} 张照片到 {args.out}。")
    return 0
