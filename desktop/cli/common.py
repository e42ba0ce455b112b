"""Options and steps shared by the commands: --db/--user, unlocking with the password."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.io import password_from_env_or_prompt
from desktop.services.accounts import unlock
from desktop.services.context import Workspace


def add_db_user(parser: argparse.ArgumentParser, user_required: bool = True) -> None:
    parser.add_argument("--db", required=True, type=Path, help="数据库文件路径")
    parser.add_argument("--user", required=user_required, help="账号名")


def open_workspace(args: argparse.Namespace) -> Workspace:
    """Unlock --db as --user with the password from XUEJI_PASSWORD or a prompt."""
    return unlock(args.db, args.user, password_from_env_or_prompt())
