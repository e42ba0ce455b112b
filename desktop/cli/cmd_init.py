"""`xueji init`: a new encrypted database, its school and the first registrar account.

The recovery key is printed as the last line of stdout: print it and keep it in the safe.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.io import password_from_env_or_prompt, say
from desktop.services.safekeeping.accounts import NewSchool, create_database


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("init", help="创建新的加密数据库和第一个学籍管理员账号")
    parser.add_argument("--db", required=True, type=Path, help="新数据库文件路径")
    parser.add_argument("--school-code", required=True, help="10位学校标识码")
    parser.add_argument("--school-name", required=True, help="学校名称（与公章一致）")
    parser.add_argument("--user", required=True, help="学籍管理员账号名")
    parser.add_argument("--system", default="6-3-3", help="学制，小学-初中-高中年数，默认 6-3-3")
    parser.add_argument("--stages", default="小学,初中,高中", help="本校学段，默认 小学,初中,高中")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    password = password_from_env_or_prompt(confirm=True)
    school = NewSchool(code=args.school_code.strip(), name=args.school_name.strip(),
                       system=args.system, stages=args.stages)
    workspace, recovery = create_database(args.db, school, args.user, password)
    workspace.lock()
    say(f"已创建数据库 {args.db}，学校：{school.name}（{school.code}），学籍管理员：{args.user}")
    say("下面是恢复密钥。请打印或抄写后放入学校保险柜：忘记密码或密钥文件丢失时，只有它能打开数据库。")
    say(recovery)
    return 0
