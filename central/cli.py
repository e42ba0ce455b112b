"""`xueji-central`: run the reference registry and do what a county administrator does.

serve        run the HTTP server (uvicorn)
token        issue a single-use enrollment code for a school (printed as the last line)
students     list a school's students as the registry holds them (JSON Lines with --json)
prune-feed   drop feed items that every device of a school has acknowledged
bundle       USB bundles of offline schools: `bundle import FILE --reply-out REPLY.xjb`
             applies a request (or enrollment) bundle and writes the reply; `bundle keys`
             prints the server's public keys, which an offline school needs to enroll
bureau add   create a county bureau's console account (prints a one-time password)
cases        list open cases, or approve / reject one as a bureau (central/cli_cases.py)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TypedDict

from central import cli_cases
from central.api.pull import prune_feed
from central.bundle import Imported, import_bundle
from central.cli_cases import Commands
from central.context import Context
from central.store.db import init_schema, load_identity, make_engine
from central.store.schools import TOKEN_HOURS, issue_token
from central.store.students import template_rows
from desktop.domain.text_rules import clean_text
from desktop.sync.wire.bundle import MAX_BUNDLE_BYTES, REASONS, BundleError
from desktop.sync.wire.protocol import key_fingerprint, sealing_public, signing_public

DEFAULT_DB = "sqlite:///xueji-central.db"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        code: int = args.handler(args)
        return code
    except LookupError as exc:
        print(f"中心没有学校 {exc.args[0]} 的记录。", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="xueji-central", description="学籍中心（参考实现）")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = _command(commands, "serve", "运行中心服务", run_serve)
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认只监听本机）")
    serve.add_argument("--port", type=int, default=8765, help="端口")
    serve.add_argument("--trusted-proxy", action="append", default=[], metavar="ADDRESS",
                       help="前面的反向代理的地址（可重复）：只采信来自这些地址的 X-Forwarded-For；"
                            "默认不采信任何转发头")
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
    _bundle_commands(commands)
    cli_cases.add_commands(commands, _command)
    return parser


def _bundle_commands(commands: Commands) -> None:
    bundle = commands.add_parser("bundle", help="离线学校的U盘数据包", description="离线学校的U盘数据包")
    actions = bundle.add_subparsers(dest="action", required=True)
    importing = _command(actions, "import", "导入学校带来的数据包，写出回执数据包", run_bundle_import)
    importing.add_argument("file", help="学校的数据包（.xjb）")
    importing.add_argument("--reply-out", required=True, help="回执数据包的保存位置（.xjb）")
    _command(actions, "keys", "显示中心公钥（离线注册的学校需要）", run_bundle_keys)


def _command(commands: Commands, name: str, help_text: str,
             handler: object) -> argparse.ArgumentParser:
    parser = commands.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--db-url", default=DEFAULT_DB,
                        help=f"数据库地址（默认 {DEFAULT_DB}；PostgreSQL 用 postgresql://…）")
    parser.set_defaults(handler=handler)
    return parser


def run_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from central.app import create_app

    uvicorn.run(create_app(args.db_url), host=args.host, port=args.port, log_level="info",
                **proxy_options(args.trusted_proxy))
    return 0


class ProxyOptions(TypedDict):
    """The keyword arguments of `uvicorn.run` that `proxy_options` sets."""

    proxy_headers: bool
    forwarded_allow_ips: str | None


def proxy_options(trusted: list[str]) -> ProxyOptions:
    """uvicorn's handling of X-Forwarded-For: off unless the operator names the reverse
    proxies in front of the server. (uvicorn trusts 127.0.0.1 by default, so a client on the
    server's own machine could pick any address and step around the rate limits.)"""
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": ",".join(trusted) or None}


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
            line = json.dumps(row, ensure_ascii=False)
        else:
            line = "\t".join((row["姓名"], row["性别"], row["班级"], row["学籍号"], row["学籍状态"]))
        print(clean_text(line, keep_layout=True))  # nothing stored can drive the terminal
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


def run_bundle_import(args: argparse.Namespace) -> int:
    try:
        data = _read_bundle(Path(args.file))
        engine = make_engine(args.db_url)
        init_schema(engine, int(time.time()))
        try:
            imported = import_bundle(Context(engine), data)
        finally:
            engine.dispose()
    except BundleError as refused:
        print(refused.reason, file=sys.stderr)
        return 1
    except OSError:
        print(f"无法读取数据包 {args.file}，请检查文件路径和U盘。", file=sys.stderr)
        return 1
    _write_atomically(Path(args.reply_out), imported.reply)
    for line in _summary(imported):
        print(line)
    print(f"回执数据包已写入 {args.reply_out}（第 {imported.reply_seq} 个回执，"
          f"含 {imported.items} 条中心记录），请交学校导入。")
    return 0


def _read_bundle(path: Path) -> bytes:
    """The file's bytes; one above the size limit is refused before it is read."""
    if path.stat().st_size > MAX_BUNDLE_BYTES:
        raise BundleError("bundle.too_large", limit_mb=MAX_BUNDLE_BYTES // (1024 * 1024))
    return path.read_bytes()


def _summary(imported: Imported) -> list[str]:
    lines = [REASONS["bundle.replayed"]] if imported.replayed else []
    if imported.kind == "enroll":
        return [*lines, f"学校 {imported.school_code} 的设备已注册，设备编号 {imported.device_id}。"]
    counts = imported.counts
    lines.append(f"学校 {imported.school_code} 的第 {imported.seq} 个数据包："
                 f"应用 {counts.get('applied', 0)} 条，重复 {counts.get('duplicate', 0)} 条，"
                 f"退回 {counts.get('rejected', 0)} 条，冲突 {counts.get('conflict', 0)} 条，"
                 f"暂存 {counts.get('held', 0)} 条。")
    if imported.chain_gap:
        lines.append("提示：这台设备此前导出的数据包有的没有在中心导入；数据包是累积的，"
                     "其中尚未确认的变更已包含在本包中。")
    return lines


def _write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def run_bundle_keys(args: argparse.Namespace) -> int:
    engine = make_engine(args.db_url)
    init_schema(engine, int(time.time()))
    with engine.begin() as conn:
        identity = load_identity(conn)
    engine.dispose()
    enc_pub = sealing_public(identity.enc_key)
    print(f"中心签名公钥（Ed25519）：{signing_public(identity.sign_key)}")
    print(f"中心加密公钥（X25519）：{enc_pub}")
    print(f"加密公钥指纹：{key_fingerprint(enc_pub)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
