"""`xueji bundle export|import`: sync by USB stick for a school without a network.

`export --out FILE.xjb` writes the request bundle (every change the registry has not
confirmed yet) for the county station; `import FILE.xjb` applies the reply bundle the
station wrote. Exit 0 when the file was written or the reply applied (also for a reply
imported before: nothing changes); 1 when the bundle or the command was refused (the
reason in Chinese on stderr, nothing changed).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say
from desktop.cli.report_lines import outcome_lines
from desktop.messages import describe
from desktop.services.chosen_file import read_chosen_file
from desktop.services.errors import ServiceError
from desktop.services.registry.case_list import cases_needing_action
from desktop.services.registry.outbox import unacknowledged_count
from desktop.sync.usb_bundles import ImportReport, export_request, import_reply
from desktop.sync.wire.bundle import MAX_BUNDLE_BYTES

MIB = 1024 * 1024


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("bundle", help="U盘数据包：无网络时经县级学籍管理部门同步")
    actions = parser.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="导出U盘数据包（本机尚未得到中心确认的全部变更）")
    add_db_user(export)
    export.add_argument("--out", required=True, type=Path, help="数据包文件路径（.xjb）或文件夹")
    export.set_defaults(handler=run_export)
    importing = actions.add_parser("import", help="导入县级学籍管理部门写出的回执数据包")
    add_db_user(importing)
    importing.add_argument("file", type=Path, help="回执数据包文件（.xjb）")
    importing.set_defaults(handler=run_import)


def run_export(args: argparse.Namespace) -> int:
    folder = args.out if args.out.is_dir() else args.out.parent
    if not folder.is_dir():
        raise ServiceError("file.write_failed", path=str(args.out))
    workspace = open_workspace(args)
    try:
        data, name = export_request(workspace)
        count = unacknowledged_count(workspace)
    finally:
        workspace.lock()
    path = folder / name if args.out.is_dir() else args.out
    write_atomically(path, data)
    say(f"已导出U盘数据包 {path}，含 {count} 条尚未得到中心确认的变更。")
    say("请把它交县级学籍管理部门导入，再把带回的回执数据包导入本机（xueji bundle import）。")
    return 0


def run_import(args: argparse.Namespace) -> int:
    data = read_bundle(args.file)
    workspace = open_workspace(args)
    try:
        report = import_reply(workspace, data)
        waiting = cases_needing_action(workspace)
    finally:
        workspace.lock()
    for line in lines(report, waiting):
        say(line)
    return 0


def read_bundle(path: Path) -> bytes:
    """The file's bytes; ServiceError for a file too large or that cannot be read."""
    try:
        return read_chosen_file(path, MAX_BUNDLE_BYTES, "bundle.too_large",
                                limit_mb=MAX_BUNDLE_BYTES // MIB)
    except OSError as exc:
        raise ServiceError("file.bundle_unreadable", path=str(path)) from exc


def write_atomically(path: Path, data: bytes) -> None:
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(data)
    os.replace(partial, path)


def lines(report: ImportReport, waiting: int = 0) -> list[str]:
    """The report as the registrar reads it."""
    if report.replayed:
        return [describe("bundle.replayed")]
    return outcome_lines(report.to_dict(), head="已导入回执数据包：", waiting=waiting,
                         again="请再次导出数据包。")
