"""`xueji photos`: 照片整理 from the command line. `import FOLDER` matches camera photos to
pupils by file name (ID number, or a name one pupil bears), stores them by the national size
rule and lists the files left for matching by hand on the 数据交换 → 照片 page (the
originals are only read); `zip --out FOLDER` writes the register's photos one zip per class,
named by the national rule."""

from __future__ import annotations

import argparse
from pathlib import Path

from desktop.cli.common import add_db_user, open_workspace
from desktop.cli.io import say, warn
from desktop.exchange.photo_workshop import match_files, photo_files, store_photos, zip_per_class
from desktop.messages import describe
from desktop.services.students.photo_targets import photo_targets


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("photos", help="照片整理：按文件名对应学生、按国家规则裁剪压缩、按班打包")
    steps = parser.add_subparsers(dest="step", required=True)
    into = steps.add_parser("import", help="把照片文件夹中的照片按文件名对应到学生并保存")
    add_db_user(into)
    into.add_argument("folder", type=Path, help="相机或照相馆给的照片文件夹（原照片不会改动）")
    into.add_argument("--class", dest="class_name", help="只对应这个班级的学生")
    into.add_argument("--dry-run", action="store_true", help="只列出对应结果，不保存")
    into.set_defaults(handler=_run_import)
    out = steps.add_parser("zip", help="把学籍中的照片按班打包（每班一个 .zip，按国家规则命名）")
    add_db_user(out)
    out.add_argument("--out", required=True, type=Path, help="保存压缩包的文件夹")
    out.add_argument("--class", dest="class_name", help="只打包这个班级")
    out.set_defaults(handler=_run_zip)


def _run_import(args: argparse.Namespace) -> int:
    files = photo_files(args.folder)
    workspace = open_workspace(args)
    try:
        matches = match_files(files, photo_targets(workspace, args.class_name))
        pairs = [(m.path, m.target.id) for m in matches if m.target]
        failed = [] if args.dry_run else store_photos(workspace, pairs)
    finally:
        workspace.lock()
    for match in matches:
        if match.target is None:
            warn(f"{match.path.name}: 没有对应的学生，请在“数据交换 → 照片”中逐个对应。")
    for path, code in failed:
        warn(f"{path.name}: {describe(code)}")
    verb = "可对应" if args.dry_run else "已保存"
    say(f"共 {len(matches)} 张照片：{verb} {len(pairs) - len(failed)} 张，"
        f"待逐个对应 {len(matches) - len(pairs)} 张。")
    return 0


def _run_zip(args: argparse.Namespace) -> int:
    workspace = open_workspace(args)
    try:
        zips = zip_per_class(workspace, args.out, args.class_name)
    finally:
        workspace.lock()
    say(f"已按班打包 {len(zips)} 个压缩包到 {args.out}。")
    return 0
