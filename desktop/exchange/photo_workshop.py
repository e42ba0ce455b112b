"""照片整理: a folder of camera photos into the register and out as the national upload.

The registrar points at the folder the camera (or the photo shop) left. Each JPEG/PNG is
matched to a pupil by its file name: the pupil's ID number, or a name borne by one pupil
only (王小明.jpg, 12_王小明.jpg, 王小明(2).jpg); the rest are matched by hand, going down the
class list with the photo shown. Matched photos are cropped to 26×32 mm, compressed under the
size limit (desktop.services.students.photos) and stored; the originals are only read. The
register's photos then go out named by the national rule and zipped one file per class.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.idnumber import normalise
from desktop.exchange.photo_folder import NO_ID_FOLDER, safe_name
from desktop.services.chosen_file import read_chosen_file
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.reports.photo_export import student_photos
from desktop.services.students.photo_targets import PhotoTarget
from desktop.services.students.photos import MAX_SOURCE_BYTES, normalise_photo, set_photo

SUFFIXES = (".jpg", ".jpeg", ".png")
Progress = Callable[[int, int], None]
_NOISE = re.compile(r"[\d\s_\-()（）.]+")


@dataclass(frozen=True)
class Match:
    path: Path
    target: PhotoTarget | None  # None: to be matched by hand
    how: str = ""  # 身份证件号 / 姓名


def photo_files(folder: Path) -> list[Path]:
    """The photos in `folder` (not its subfolders), in name order."""
    if not folder.is_dir():
        raise ServiceError("photos.folder_missing", folder=str(folder))
    return sorted((p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES),
                  key=lambda p: p.name)


def match_files(files: Iterable[Path], targets: Sequence[PhotoTarget]) -> list[Match]:
    """Each file with the pupil its name names (ID number first, then a name only one pupil
    of `targets` bears), or None."""
    by_id = {t.id_number.upper(): t for t in targets if t.id_number}
    names: dict[str, list[PhotoTarget]] = {}
    for target in targets:
        names.setdefault(target.name, []).append(target)
    out = []
    for path in files:
        stem = unicodedata.normalize("NFKC", path.stem).strip()
        number = normalise(stem).upper() if re.fullmatch(r"[\dXx\s]{15,20}", stem) else ""
        if number in by_id:
            out.append(Match(path, by_id[number], "身份证件号"))
            continue
        name = _NOISE.sub("", stem)
        found = names.get(name, [])
        out.append(Match(path, found[0], "姓名") if len(found) == 1 else Match(path, None))
    return out


def store_photos(ws: Workspace, pairs: Sequence[tuple[Path, str]],
                 progress: Progress | None = None) -> list[tuple[Path, str]]:
    """Crop, compress and store each (file, pupil id); returns (file, error code) of the
    files that could not be used. The files themselves are only read."""
    failed = []
    for index, (path, student_id) in enumerate(pairs, start=1):
        try:
            data = read_chosen_file(path, MAX_SOURCE_BYTES, "photo.file_too_big",
                                    max_mb=MAX_SOURCE_BYTES // (1024 * 1024))
            set_photo(ws, student_id, normalise_photo(data))
        except ServiceError as error:
            if error.code == "permission.denied":
                raise
            failed.append((path, error.code))
        except OSError:
            failed.append((path, "photo.unreadable"))
        if progress:
            progress(index, len(pairs))
    return failed


def zip_per_class(ws: Workspace, folder: Path, class_name: str | None = None,
                  progress: Progress | None = None) -> list[Path]:
    """One zip per class under `folder` (年级_班级.zip) holding the class's photos named by the
    national rule, pupils without an ID number in a 无身份证件号 folder; returns the zips."""
    folder.mkdir(parents=True, exist_ok=True)
    archives: dict[str, zipfile.ZipFile] = {}
    written: list[Path] = []
    try:
        for count, photo in enumerate(student_photos(ws, class_name), start=1):
            key = f"{photo.grade_name}_{photo.class_name}"
            if key not in archives:
                written.append(folder / f"{safe_name(key)}.zip")
                archives[key] = zipfile.ZipFile(written[-1], "w", zipfile.ZIP_STORED)
            inner = photo.file_name if photo.has_id_number else f"{NO_ID_FOLDER}/{photo.file_name}"
            archives[key].writestr(_safe_inner(inner), photo.jpeg)
            if progress:
                progress(count, 0)
    finally:
        for archive in archives.values():
            archive.close()
    return written


def _safe_inner(name: str) -> str:
    return "/".join(safe_name(part) for part in name.split("/"))
