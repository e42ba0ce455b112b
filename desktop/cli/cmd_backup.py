"""`xueji backup` and `xueji restore`: verified encrypted backups and bringing one back."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import (
    RECOVERY_ENV,
    RefusedOnCommandLine,
    password_from_env_or_prompt,
    say,
    secret_from_env_or_prompt,
)
from desktop.services.safekeeping.backup import create_backup, restore_backup


def register(sub: argparse._SubParsersAction) -> None:
    backup = sub.add_parser("backup", help="生成经过校验的加密备份文件")
    add_db_user(backup)
    backup.add_argument("--out", required=True, type=Path, help="备份文件路径（.xjbak）")
    backup.set_defaults(handler=run_backup)
    restore = sub.add_parser("restore", help="从备份文件恢复数据库（原文件会被保留改名）")
    restore.add_argument("--from", dest="source", required=True, type=Path, help="备份文件")
    add_db_user(restore)
    restore.add_argument("--use-recovery-key", action="store_true",
                         help="用恢复密钥代替密码（取自环境变量 XUEJI_RECOVERY_KEY，或在提示时输入）")
    restore.add_argument("--recovery-key", action=RefusedOnCommandLine, env=RECOVERY_ENV,
                         what="恢复密钥")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        info = create_backup(workspace, args.out)
    finally:
        workspace.lock()
    say(f"备份完成并已校验：{info.path}（{info.size / 1024:.0f} KB）")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    recovery = None
    if args.use_recovery_key or os.environ.get(RECOVERY_ENV):
        recovery = secret_from_env_or_prompt(RECOVERY_ENV, "恢复密钥（输入时不显示）：", "恢复密钥")
    password = None if recovery else password_from_env_or_prompt()
    moved = restore_backup(args.source, args.db, username=args.user, password=password,
                           recovery=recovery)
    if moved:
        say(f"原数据库已保留为 {moved}")
    say(f"已从 {args.source} 恢复到 {args.db}，校验通过。")
    return 0
