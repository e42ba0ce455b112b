"""`xueji demo`: fill a database with deterministic, realistic demo students."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from desktop.cli.errors import CliExit
from desktop.cli.io import password_from_env_or_prompt, say
from desktop.services.importing.demo_load import load_demo
from desktop.services.safekeeping.accounts import NewSchool, create_database, unlock

DEMO_SCHOOL = NewSchool(code="4406040001", name="佛山市禅城区示例学校", stages="小学,初中")


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("demo", help="生成演示数据（同一种子得到同样的数据）")
    parser.add_argument("--db", required=True, type=Path, help="数据库文件；不存在时新建")
    parser.add_argument("--students", required=True, type=int, help="学生人数")
    parser.add_argument("--user", default="admin", help="账号名，默认 admin")
    parser.add_argument("--seed", type=int, default=2026, help="随机种子，默认 2026")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.students <= 200_000:
        raise CliExit(1, "学生人数应在 1 到 200000 之间。")
    password = password_from_env_or_prompt()
    recovery = None
    if args.db.exists():
        workspace = unlock(args.db, args.user, password)
    else:
        workspace, recovery = create_database(args.db, DEMO_SCHOOL, args.user, password)
    try:
        count = load_demo(workspace, args.students, args.seed, dt.date.today())
    finally:
        workspace.lock()
    say(f"已生成 {count} 名演示学生。")
    if recovery:
        say("新数据库的恢复密钥：")
        say(recovery)
    return 0
