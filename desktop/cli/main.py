"""`xueji` argument parsing and dispatch to the command modules."""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import NoReturn

from desktop import __version__
from desktop.cli import (
    cmd_audit,
    cmd_backup,
    cmd_bundle,
    cmd_change,
    cmd_check,
    cmd_demo,
    cmd_enroll,
    cmd_export,
    cmd_import,
    cmd_init,
    cmd_intake,
    cmd_password,
    cmd_photos,
    cmd_print,
    cmd_reconcile,
    cmd_student,
    cmd_sync,
    cmd_tasks,
    cmd_verify,
    cmd_verify_print,
    cmd_year_end,
)
from desktop.cli.errors import run_guarded


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Chinese with exit code 1, never a traceback."""

    def error(self, message: str) -> NoReturn:
        usage = f"请运行 {self.prog} --help 查看用法。"  # prog: "xueji", "xueji bundle export" …
        self.exit(1, f"命令参数有误：{message}\n{usage}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="xueji", description="学籍管理（离线版）命令行")
    parser.add_argument("--version", action="version", version=f"xueji {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in (cmd_init, cmd_student, cmd_password, cmd_check, cmd_backup, cmd_demo, cmd_change,
                   cmd_tasks, cmd_year_end, cmd_verify, cmd_print,
                   cmd_verify_print, cmd_import, cmd_export, cmd_reconcile, cmd_enroll, cmd_sync,
                   cmd_audit, cmd_bundle, cmd_intake, cmd_photos):
        module.register(sub)
    return parser


def main(argv: Sequence[str]) -> int:
    parser = build_parser()
    return run_guarded(lambda: _run(parser, argv))


def _run(parser: argparse.ArgumentParser, argv: Sequence[str]) -> int | None:
    """Parse inside the guard: an option refused while parsing is a Chinese sentence."""
    args = parser.parse_args(list(argv))
    return args.handler(args)
