"""`xueji verify`: the data-quality checks of the semester's 学籍核查, one line per finding."""

from __future__ import annotations

import argparse
import json

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say
from desktop.services.quality import quality_findings


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("verify", help="学籍核查：数据质量检查（证件号、必填项、疑似重复、逾期等）")
    add_db_user(parser)
    parser.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        findings = quality_findings(workspace)
    finally:
        workspace.lock()
    for item in findings:
        if args.json:
            say(json.dumps({"姓名": item.name, "班级": item.class_name, "检查项": item.check,
                            "说明": item.detail}, ensure_ascii=False))
        else:
            say(f"{item.class_name}\t{item.name}\t{item.check}\t{item.detail}")
    if not args.json:
        say(f"共发现 {len(findings)} 个问题。" if findings else "未发现数据质量问题。")
    return 0
