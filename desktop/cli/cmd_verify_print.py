"""`xueji verify-print`: check a printed copy against the database by the code in its footer
(or QR code), or every page of a PDF the desk printed."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, read_with
from desktop.cli.io import say, warn
from desktop.printing.verify import MATCH, PrintMark, check_marks, marks_in_pdf, marks_in_text
from desktop.services.chosen_file import read_chosen_file
from desktop.services.errors import ServiceError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("verify-print", help="核对纸质打印件：按页脚的校验码或二维码内容，或 PDF 文件")
    add_db_user(parser)
    parser.add_argument("codes", nargs="*",
                        help="页脚文字（记录 … 版本 … 校验 …）或二维码内容（xueji:…）")
    parser.add_argument("--pdf", type=Path, help="本程序打印出的 PDF 文件")
    parser.set_defaults(handler=run)


MAX_PDF_BYTES = 256 * 1024 * 1024


def _marks(args: argparse.Namespace) -> list[PrintMark]:
    marks = marks_in_text(" ".join(args.codes))
    if args.pdf is not None:
        try:
            data = read_chosen_file(args.pdf, MAX_PDF_BYTES, "file.too_big", name=args.pdf.name,
                                    max_mb=MAX_PDF_BYTES // (1024 * 1024))
        except OSError as exc:
            raise ServiceError("verify_print.unreadable", path=str(args.pdf)) from exc
        marks += marks_in_pdf(data)
    if not marks:
        raise ServiceError("verify_print.no_code")
    return marks


def run(args: argparse.Namespace) -> int:
    marks = _marks(args)
    checks = read_with(args, lambda ws: check_marks(ws, marks))
    for check in checks:
        say(f"{check.outcome}\t{check.name or '—'}\t记录 {check.mark.record_id} 第 {check.mark.version} 版"
            f"\t{check.explanation}")
    bad = sum(check.outcome != MATCH for check in checks)
    if bad:
        warn(f"共核对 {len(checks)} 份，{bad} 份与数据库不一致。")
        return 1
    say(f"共核对 {len(checks)} 份，全部与数据库一致。")
    return 0
