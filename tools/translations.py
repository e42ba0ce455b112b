"""Keep the English translation in step with the source: `update` collects every string,
`release` compiles the .ts into the .qm the app loads.

Source strings are Chinese. pyside6-lupdate collects the literal self.tr()/translate() calls;
strings chosen at run time (template headers, code names, statuses, error sentences) are added
here from the modules that define them, in the contexts the views translate them in.

    python tools/translations.py update    # refresh resources/translations/xueji_en.ts
    python tools/translations.py release   # build resources/translations/xueji_en.qm
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TS = ROOT / "resources" / "translations" / "xueji_en.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    local = Path(sys.executable).with_name(name)
    return str(local) if local.exists() else (shutil.which(name) or name)


def dynamic_strings() -> dict[str, set[str]]:
    """Strings the views pass to tr() at run time, by context ("" is the shared one)."""
    from desktop.domain.changes import RULES
    from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS
    from desktop.domain.status import Status
    from desktop.exchange import reconcile_report
    from desktop.messages import TEXT
    from desktop.printing.catalog import DOCUMENTS
    from desktop.services.changes import tasks
    from desktop.services.changes.tasks import _RULES as TASK_RULES
    from desktop.services.changes.verification import CONCLUSIONS
    from desktop.services.context import Role
    from desktop.services.importing.plan import RowAction
    from desktop.services.importing.reconcile import KINDS as RECONCILE_KINDS
    from desktop.services.registry import status as sync_status
    from desktop.services.reports.statistics import CLASS_COLUMNS, TITLES
    from desktop.services.students.intake import LIST_NAMES
    from desktop.views.changes import registers
    from desktop.views.changes.tasks_page import COLUMNS as TASK_COLUMNS
    from desktop.views.changes.timeline import _APPROVAL as APPROVAL
    from desktop.views.changes.timeline import COLUMNS as TIMELINE_COLUMNS
    from desktop.views.changes.timeline import TABS
    from desktop.views.editor.form import LEGEND
    from desktop.views.editor.sections import SECTIONS
    from desktop.views.exchange import export_tab, import_tab, lists_tab
    from desktop.views.exchange.page import TABS as EXCHANGE_TABS
    from desktop.views.main_window import PAGE_TITLES
    from desktop.views.placeholder import PLANNED
    from desktop.views.printing.page import SCOPES
    from desktop.views.roster.table_model import COLUMNS
    from desktop.views.setup_wizard import _SYSTEMS

    shared = {spec.header for spec in (*ALL_STUDENT_FIELDS, *MEMBER_FIELDS)}
    shared |= {title for title, _ in SECTIONS} | {g for _, groups in SECTIONS for g, _ in groups}
    shared |= {"家庭成员", "家庭成员或监护人", "添加家庭成员", "姓名拼音", "年级", LEGEND}
    shared |= set(PAGE_TITLES.values()) | set(PLANNED) | set(PLANNED.values()) | set(COLUMNS)
    shared |= {s.label for s in Status} | {r.label for r in Role} | {label for _, label in _SYSTEMS}
    shared |= {"小学", "初中", "高中", "留守", "随迁", "残疾", "随班就读", "寄宿", "男", "女"}
    shared |= set(CONCLUSIONS) | set(registers.SUMMARY_COLUMNS) | set(registers.FINDING_COLUMNS)
    shared |= set(registers.LEDGER_COLUMNS) | set(registers.DEFERRAL_COLUMNS) | set(TABS)
    shared |= set(registers.CHECKS) | set(registers.VISIT_METHODS) | set(registers.VISIT_FIELDS)
    shared |= set(registers.DEFERRAL_FIELDS)
    shared |= set(RULES) | set(TIMELINE_COLUMNS) | set(TASK_COLUMNS) | set(APPROVAL.values())
    shared |= {r.item for r in TASK_RULES.values()} | {r.rule for r in TASK_RULES.values()}
    shared |= {tasks.UPDATE_ITEM, tasks.UPDATE_RULE, tasks.CASE_ITEM, tasks.CASE_RULE,
               tasks.GUARDIAN_ITEM, tasks.GUARDIAN_RULE, tasks.ARCHIVE_ITEM, tasks.ARCHIVE_RULE,
               tasks.LOAN_ITEM, tasks.LOAN_RULE}
    shared |= {doc.title for doc in DOCUMENTS.values()} | set(SCOPES)
    shared |= set(TITLES) | set(CLASS_COLUMNS) | set(EXCHANGE_TABS) | {"项目"}
    shared |= set(import_tab.ROW_COLUMNS) | set(import_tab.DIFF_COLUMNS) | set(import_tab.FILTERS)
    shared |= {*export_tab.CHOICES, *(action.label for action in RowAction),
               *lists_tab.PROBLEM_COLUMNS, *lists_tab.WAITING_COLUMNS, *LIST_NAMES.values()}
    shared |= set(RECONCILE_KINDS) | set(reconcile_report.COLUMNS)
    shared |= {sync_status.TO_SEND, sync_status.AWAITING, sync_status.CONFIRMED, sync_status.RETURNED,
               sync_status.CONFLICTING, "全部", "说明", "学籍号"}
    shared |= _case_strings()
    return {"": shared - {""}, "messages": set(TEXT.values())}


def _case_strings() -> set[str]:
    """The 转学与审批 and 家长申请 tabs' column names, step states and roles."""
    from desktop.services.registry import case_list as sync_case_list
    from desktop.views.sync import cases_panel, guardian_panel

    return {*cases_panel.COLUMNS, *cases_panel.STEP_STATES.values(), *guardian_panel.REQUEST_COLUMNS,
            *guardian_panel.ITEM_COLUMNS, *guardian_panel.OUTCOMES.values(),
            *sync_case_list.ROLE_LABELS.values(), *sync_case_list.KIND_LABELS.values(), "待上报",
            "被退回"}


def _add_dynamic(tree: ET.ElementTree) -> None:
    root = tree.getroot()
    for name, sources in dynamic_strings().items():
        context = next((c for c in root.findall("context")
                        if (c.findtext("name") or "") == name), None)
        if context is None:
            context = ET.SubElement(root, "context")
            ET.SubElement(context, "name").text = name
        known = {m.findtext("source"): m for m in context.findall("message")}
        for source, message in known.items():
            translation = message.find("translation")
            if source in sources and translation is not None and translation.get("type") in (
                    "vanished", "obsolete"):  # lupdate cannot see run-time strings
                del translation.attrib["type"]
        for source in sorted(sources - set(known)):
            message = ET.SubElement(context, "message")
            ET.SubElement(message, "source").text = source
            ET.SubElement(message, "translation", type="unfinished")


def _drop_vanished(root: ET.Element) -> None:
    """Strings no longer in the source leave the file (git keeps their history)."""
    for context in root.findall("context"):
        for message in context.findall("message"):
            kind = message.find("translation").get("type")  # type: ignore[union-attr]
            if kind in ("vanished", "obsolete"):
                context.remove(message)
        if not context.findall("message"):
            root.remove(context)


def update() -> None:
    sources = sorted(str(p) for p in (ROOT / "desktop" / "views").rglob("*.py"))
    subprocess.run([_tool("pyside6-lupdate"), *sources, "-source-language", "zh_CN",
                    "-target-language", "en", "-ts", str(TS)], check=True, capture_output=True)
    tree = ET.parse(TS)
    _add_dynamic(tree)
    _drop_vanished(tree.getroot())
    ET.indent(tree)
    tree.write(TS, encoding="utf-8", xml_declaration=True)


def release() -> None:
    subprocess.run([_tool("pyside6-lrelease"), str(TS), "-qm", str(QM)], check=True,
                   capture_output=True)


if __name__ == "__main__":
    {"update": update, "release": release}[sys.argv[1] if len(sys.argv) > 1 else "update"]()
