"""A decision that arrived on paper (审批通过 / 审批未通过), recorded at the desk with the
approving unit, the date and, if the registrar has it, a scan of the paper.

The scan is checked before anything is written, so an unreadable file changes nothing; it is
then filed with the pupil's 学籍变动材料 in the archive register.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop.services.archive.scans import attach_scan, scan_type
from desktop.services.changes.status import DECISIONS, ChangeRequest, ChangeResult, apply_change
from desktop.services.context import Workspace

PAPERS = "change_papers"  # the archive checklist's 学籍变动材料


@dataclass(frozen=True)
class PaperScan:
    data: bytes
    file_name: str


def record_paper_decision(ws: Workspace, request: ChangeRequest,
                          scan: PaperScan | None = None) -> ChangeResult:
    """Record 审批通过 / 审批未通过 of the change awaiting approval, and file its scan."""
    if request.change not in DECISIONS:
        raise ValueError(f"not a decision: {request.change}")
    if scan is not None:
        scan_type(scan.data)  # ServiceError before the decision is written
    result = apply_change(ws, request)
    if scan is not None:
        attach_scan(ws, result.student_id, PAPERS, scan.data, scan.file_name)
    return result
