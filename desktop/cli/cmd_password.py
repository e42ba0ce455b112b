"""`xueji reset-password`: a new password for an account, proven by the recovery key (from
XUEJI_RECOVERY_KEY or a hidden prompt; never an argument, which the process list shows)."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user
from desktop.cli.io import (
    RECOVERY_ENV,
    RefusedOnCommandLine,
    password_from_env_or_prompt,
    say,
    secret_from_env_or_prompt,
)
from desktop.services.safekeeping.accounts import reset_password


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("reset-password", help="用恢复密钥为账号设置新密码")
    add_db_user(parser)
    parser.add_argument("--recovery-key", action=RefusedOnCommandLine, env=RECOVERY_ENV,
                        what="恢复密钥")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    recovery_key = secret_from_env_or_prompt(RECOVERY_ENV, "恢复密钥（输入时不显示）：", "恢复密钥")
    new_password = password_from_env_or_prompt("XUEJI_NEW_PASSWORD", "新密码：", confirm=True)
    reset_password(args.db, args.user, recovery_key, new_password)
    say(f"已为账号 {args.user} 设置新密码。数据库文件未被改写。")
    return 0
