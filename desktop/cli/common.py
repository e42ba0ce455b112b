"""Options and steps shared by the commands: --db/--user, unlocking with the password."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from desktop.cli.errors import CliExit
from desktop.cli.io import password_from_env_or_prompt, say, warn
from desktop.messages import describe
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock

T = TypeVar("T")


def add_db_user(parser: argparse.ArgumentParser, user_required: bool = True) -> None:
    parser.add_argument("--db", required=True, type=Path, help="数据库文件路径")
    parser.add_argument("--user", required=user_required, help="账号名")


def open_workspace(args: argparse.Namespace) -> Workspace:
    """Unlock --db as --user with the password from XUEJI_PASSWORD or a prompt; a database
    that can only be read says so on stderr."""
    workspace = unlock(args.db, args.user, password_from_env_or_prompt())
    if workspace.store.read_only:
        warn(describe("store.opened_read_only"))
    return workspace


def read_with(args: argparse.Namespace, read: Callable[[Workspace], T]) -> T:
    """Unlock, run one read, lock again (also when the read fails)."""
    workspace = open_workspace(args)
    try:
        return read(workspace)
    finally:
        workspace.lock()


def print_items(items: Sequence[T], as_json: bool, to_dict: Callable[[T], dict],
                to_line: Callable[[T], str]) -> None:
    """One JSON object per line with --json, else one tab-separated line per item."""
    for item in items:
        say(json.dumps(to_dict(item), ensure_ascii=False) if as_json else to_line(item))


def require_folder(path: Path) -> None:
    """Refuse at once, before any work, a file to be saved in a folder that does not exist."""
    folder = path.resolve().parent
    if not folder.is_dir():
        raise CliExit(1, f"找不到文件夹 {folder}，请检查要保存的文件的路径。")
