"""The audit log as a file for inspections: CSV (UTF-8 with BOM, opens in Excel) or .xlsx.

Columns: 序号, 时间, 账号, 操作, 对象, 记录编号, 内容 (ID numbers masked), 校验值 (the row's
hash in the chain, so an inspector can compare two exports). A cell that Excel would take
for a formula (=, +, -, @ first) is written as text. The file is written beside the target
and renamed into place.
"""

from __future__ import annotations

import contextlib
import csv
import os
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook

from desktop.exchange import safe_cells
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.audit_view import AuditLine

HEADERS = ("序号", "时间", "账号", "操作", "对象", "记录编号", "内容", "校验值")
ACTION_LABELS = {
    "student.create": "新增学生", "student.update": "修改学生信息",
    "student.status_change": "学籍变动", "student.photo": "更换照片",
    "student.reconcile": "核对学籍号", "account.create": "新建账号",
    "account.password": "修改密码", "account.failed_logins": "登录前密码输错",
    "recovery.shown": "查看恢复密钥", "school.create": "建立学校",
    "school.year_end": "学年结转", "settings.backup_folder": "设置备份位置",
    "deferral.register": "缓学登记", "deferral.state": "缓学状态",
    "ledger.visit": "控辍保学家访", "verification.mark": "学籍核查",
    "archive.attach": "添加档案扫描件", "archive.lend": "档案借阅",
    "archive.return": "档案归还", "archive.handover": "档案移交",
    "archive.item": "档案材料", "archive.location": "档案存放位置",
    "sync.received": "同步接收", "sync.take_server": "同步冲突：采用中心数据",
    "sync.keep_mine": "同步冲突：保留本机数据", "sync.xjh_assigned": "分配学籍号",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def cells(line: AuditLine) -> tuple[object, ...]:
    return (line.seq, f"{line.at:%Y-%m-%d %H:%M:%S}", line.user, action_label(line.action),
            line.entity, line.entity_id, line.content, line.hash)


def write_audit(path: Path, lines: Iterable[AuditLine]) -> int:
    """Write `lines` to `path` (.csv or .xlsx by its suffix); returns how many."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ServiceError("audit.export_format")
    partial = path.with_name(path.name + ".part")
    try:
        count = (_write_csv if suffix == ".csv" else _write_xlsx)(partial, lines)
        os.replace(partial, path)
    finally:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
    return count


def _write_csv(path: Path, lines: Iterable[AuditLine]) -> int:
    count = 0
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for line in lines:
            writer.writerow([safe_cells.csv_text(value) for value in cells(line)])
            count += 1
    return count


def _write_xlsx(path: Path, lines: Iterable[AuditLine]) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("审计日志")
    sheet.append(list(HEADERS))
    count = 0
    for line in lines:
        sheet.append(safe_cells.cells(sheet, cells(line)))  # text never runs as a formula
        count += 1
    book.save(path)
    return count
