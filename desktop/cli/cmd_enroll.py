"""`xueji enroll`: register this desk with the registry using the county's single-use code
(from XUEJI_ENROLL_TOKEN or a hidden prompt; never an argument)."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.errors import CliExit
from desktop.cli.io import ENROLL_ENV, RefusedOnCommandLine, say, secret_from_env_or_prompt
from desktop.messages import describe
from desktop.services.errors import ServiceError
from desktop.sync.client import enroll
from desktop.sync.errors import UNREACHABLE


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("enroll", help="用注册码在学籍中心注册本机（每台电脑一次）")
    add_db_user(parser)
    parser.add_argument("--server", required=True, help="学籍中心地址，例如 https://xueji.example.gov.cn")
    parser.add_argument("--token", action=RefusedOnCommandLine, env=ENROLL_ENV, what="注册码")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    token = secret_from_env_or_prompt(ENROLL_ENV, "注册码（输入时不显示）：", "注册码")
    workspace = open_workspace(args)
    try:
        done = enroll(workspace, args.server, token)
    except ServiceError as exc:
        raise CliExit(2 if exc.code == UNREACHABLE else 1, describe(exc.code, exc.params)) from exc
    finally:
        workspace.lock()
    say(f"已在学籍中心注册：{done.school_name}（{done.school_code}），设备编号 {done.device_id}。")
    return 0
