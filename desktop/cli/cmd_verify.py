"""`xueji verify`: the data-quality checks of the semester's 学籍核查, one line per finding."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user, print_items, read_with
from desktop.cli.io import say
from desktop.services.changes.data_quality import Finding, quality_findings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("verify", help="学籍核查：数据质量检查（证件号、必填项、疑似重复、逾期等）")
    add_db_user(parser)
    parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    findings: list[Finding] = read_with(args, quality_findings)
    print_items(findings, args.json,
                lambda f: {"姓名": f.name, "班级": f.class_name, "检查项": f.check, "说明": f.detail},
                lambda f: f"{f.class_name}\t{f.name}\t{f.check}\t{f.detail}")
    if not args.json:
        say(f"共发现 {len(findings)} 个问题。" if findings else "未发现数据质量问题。")
    return 0
