"""`xueji-central bureau add` and `xueji-central cases`: county bureau accounts, and the
cases awaiting a bureau, listed or decided from the command line as in the console.

bureau add   create a console account for a county's 学籍主管部门; prints a password once
cases        list open cases (those awaiting --bureau's county when given); with --approve
             or --reject (and --reason) decide one as that bureau (a case id or case code)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import Any, TypeAlias

from sqlalchemy import Connection, Engine, select

from central.api.console import case_rows
from central.cases import bureaus, codes
from central.cases import work as casework
from central.cases.engine import APPROVE, REJECT, STATE_LABELS
from central.store.db import id_claims, init_schema, make_engine
from central.store.records import Refusal

CommandMaker = Callable[..., argparse.ArgumentParser]
# what add_subparsers returns (generic only in the stubs, hence the quotes)
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def add_commands(commands: Commands, command: CommandMaker) -> None:
    """Register the subcommands (`command` is cli.py's helper adding --db-url)."""
    bureau = commands.add_parser("bureau", help="学籍主管部门审批账户", description="学籍主管部门审批账户")
    actions = bureau.add_subparsers(dest="action", required=True)
    add = command(actions, "add", "新建审批账户，打印一次性密码", run_bureau_add)
    add.add_argument("--name", required=True, help="账户名称（登录用）")
    add.add_argument("--county", required=True, help="所属县级行政区划代码（6 位）")
    listing = command(commands, "cases", "列出待办理的申请，或以某部门身份办理", run_cases)
    listing.add_argument("--bureau", help="账户名称：只列出待该部门办理的申请，并以该部门身份办理")
    decision = listing.add_mutually_exclusive_group()
    decision.add_argument("--approve", metavar="CASE_ID", help="同意（申请编号或查询码）")
    decision.add_argument("--reject", metavar="CASE_ID", help="不同意（须同时给出 --reason）")
    listing.add_argument("--reason", default="", help="办理意见；不同意时必填")


def _engine(args: argparse.Namespace) -> Engine:
    engine = make_engine(args.db_url)
    init_schema(engine, int(time.time()))
    return engine


def run_bureau_add(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        password = bureaus.add(engine, args.name, args.county, int(time.time()))
    except bureaus.BureauError as exc:
        print(exc, file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"已新建学籍主管部门账户“{args.name.strip()}”（{args.county}）。")
    print("登录密码只显示这一次，中心不保存明文，请妥善转交：")
    print(password)
    return 0


def run_cases(args: argparse.Namespace) -> int:
    engine = _engine(args)
    try:
        with engine.begin() as conn:
            return _decide(conn, args) if args.approve or args.reject else _list(conn, args)
    except Refusal as refusal:
        print(refusal.error.message, file=sys.stderr)
        return 1
    finally:
        engine.dispose()


def _bureau(conn: Connection, name: str | None) -> Any:
    bureau = bureaus.by_name(conn, name) if name else None
    if name and bureau is None:
        raise Refusal("bureau_unknown", f"没有名为“{name}”的学籍主管部门账户。")
    return bureau


def _list(conn: Connection, args: argparse.Namespace) -> int:
    bureau, now = _bureau(conn, args.bureau), int(time.time())
    rows = case_rows(conn, now, bureaus.awaiting(conn, now, bureau.county if bureau else None))
    for row in rows:
        due = row.due + ("（估算）" if row.estimated else "") + ("  已逾期" if row.overdue else "")
        print("\t".join((row.code, row.case_id, row.change_type, row.schools, row.student,
                         row.step, f"期限 {due}")))
    print(f"共 {len(rows)} 项待办理。")
    return 0


def _decide(conn: Connection, args: argparse.Namespace) -> int:
    if not args.bureau:
        raise Refusal("bureau_required", "办理申请须用 --bureau 指明办理的学籍主管部门账户。")
    if args.reject and not args.reason.strip():
        raise Refusal("reason_required", "不同意时请用 --reason 填写理由。")
    bureau = _bureau(conn, args.bureau)
    case_id = _case_id(conn, args.approve or args.reject)
    case = casework.decide(conn, int(time.time()), case_id, bureaus.party(bureau),
                           APPROVE if args.approve else REJECT, by=bureau.name,
                           reason=args.reason.strip() or None)
    where = case.steps[case.step]["label"] if case.state == "open" else STATE_LABELS[case.state]
    print(f"已{'同意' if args.approve else '不同意'}申请 {case.case_id}（{case.change_type}），"
          f"现在：{where}。")
    return 0


def _case_id(conn: Connection, text: str) -> str:
    """A case id as given, or the case a printed case code names."""
    code = codes.normalise(text)
    found = conn.scalar(select(id_claims.c.record_id).where(
        id_claims.c.kind == "case_code", id_claims.c.value == code)) if code else None
    return found or text.strip()
