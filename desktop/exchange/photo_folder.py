"""Writing the photo folder for the national system's batch photo import: folders by grade and
class, pupils with a resident ID number named by it, the others (学校标识码_班号_姓名) in a
separate 无身份证件号 folder, as the photo rule asks."""

from __future__ import annotations

import re
from pathlib import Path

from desktop.services.context import Workspace
from desktop.services.reports.photo_export import StudentPhoto, student_photos

NO_ID_FOLDER = "无身份证件号"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def export_photo_folder(ws: Workspace, folder: Path, class_name: str | None = None) -> int:
    """Write every stored photo under `folder`; returns how many were written."""
    count = 0
    for photo in student_photos(ws, class_name):
        target = folder / _relative(photo)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(photo.jpeg)
        count += 1
    return count


def _relative(photo: StudentPhoto) -> Path:
    base = Path(safe_name(photo.grade_name)) / safe_name(photo.class_name)
    if not photo.has_id_number:
        base = Path(NO_ID_FOLDER) / base
    return base / safe_name(photo.file_name)


def safe_name(name: str) -> str:
    """A file-name part with no path separators or characters Windows refuses."""
    return _UNSAFE.sub("_", name).strip(" .") or "_"
