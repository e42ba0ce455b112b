"""`xueji year-end`: preview, then (with --apply) promote every class and graduate the final
grades in one transaction; a second run for the same school year changes nothing."""

from __future__ import annotations

import argparse

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say
from desktop.services.changes.year_end import YearEndPlan, plan_year_end, run_year_end


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("year-end", help="学年末升级与毕业（默认只预览）")
    add_db_user(parser)
    parser.add_argument("--apply", action="store_true", help="确认执行（不加则只预览）")
    parser.set_defaults(handler=run)


def _show(plan: YearEndPlan) -> None:
    say(f"{plan.school_year}-{plan.school_year + 1} 学年末：")
    for old, new, count in plan.promotions:
        say(f"  升级  {old} → {new}（{count} 人）")
    for name, count in plan.graduations:
        say(f"  毕业  {name}（{count} 人）")


def run(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        plan = run_year_end(workspace) if args.apply else plan_year_end(workspace)
    finally:
        workspace.lock()
    if plan.already_done:
        say(f"{plan.school_year}-{plan.school_year + 1} 学年的升级和毕业已经办理过，没有做任何更改。")
        return 0
    _show(plan)
    say("已完成。" if args.apply else "以上为预览，确认无误后加 --apply 执行。")
    return 0
