"""`xueji-central`: run the reference registry and do what a county administrator does.

serve        run the HTTP server (uvicorn)
token        issue a single-use enrollment code for a school (printed as the last line)
students     list a school's students as the registry holds them (JSON Lines with --json)
prune-feed   drop feed items that every device of a school has acknowledged
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence

from central.db import init_schema, make_engine
from central.pull import prune_feed
from central.schools import TOKEN_HOURS, issue_token
from central.students import template_rows

DEFAULT_DB = "sqlite:///xueji-central.db"


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.handler(args)
    except LookupError as exc:
        print(f"中心没有学校 {exc.args[0]} 的记录。", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xueji-central", description="学籍中心（参考实现）")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = _command(commands, "serve", "运行中心服务", run_serve)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认只监听本机）")
    serve.add_argument("--port", type=int, default=8765, help="端口")
    token = _command(commands, "token", "为学校签发一次性设备注册码", run_token)
    token.add_argument("--school-code", required=True, help="学校标识码")
    token.add_argument("--school-name", default="", help="学校名称（首次签发时记录）")
    token.add_argument("--region", default="", help="学校所在地 6 位行政区划代码（默认取标识码前 6 位）")
    token.add_argument("--hours", type=int, default=TOKEN_HOURS, help="有效小时数")
    listing = _command(commands, "students", "列出中心保存的某校学生", run_students)
    listing.add_argument("--school-code", required=True, help="学校标识码")
    listing.add_argument("--json", action="store_true", help="每行输出一个 JSON 对象")
    prune = _command(commands, "prune-feed", "清理各设备都已确认的同步记录", run_prune)
    prune.add_argument("--school-code", required=True, help="学校标识码")
    return parser


def _command(commands: argparse._SubParsersAction, name: str, help_text: str,
             handler: object) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--db-url", default=DEFAULT_DB,
                        help=f"数据库地址（默认 {DEFAULT_DB}；PostgreSQL 用 postgresql://…）")
    parser.set_defaults(handler=handler)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.app import create_app

    uvicorn.run(create_app(args.db_url), host=args.host, port=args.port, log_level="info")
    return 0


def run_token(args: argparse.Namespace) -> int:
    engine = make_engine(args.db_url)
    now = int(time.time())
    init_schema(engine, now)
    code = issue_token(engine, args.school_code, now, args.hours, args.school_name, args.region)
    engine.dispose()
    print(f"学校 {args.school_code} 的设备注册码（{args.hours} 小时内有效，只能使用一次）：")
    print(code)
    return 0


def run_students(args: argparse.Namespace) -> int:
    engine = make_engine(args.db_url)
    init_schema(engine, int(time.time()))
    count = 0
    for row in template_rows(engine, args.school_code):
        count += 1
        if args.json:
            print(json.dumps(row, ensure_ascii=False))
        else:
            print("\t".join((row["姓名"], row["性别"], row["班级"], row["学籍号"], row["学籍状态"])))
    if not args.json:
        print(f"共 {count} 名学生。")
    engine.dispose()
    return 0


def run_prune(args: argparse.Namespace) -> int:
    engine = make_engine(args.db_url)
    init_schema(engine, int(time.time()))
    print(f"已清理 {prune_feed(engine, args.school_code)} 条同步记录。")
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
