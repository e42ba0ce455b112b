"""照片整理 on a real encrypted database and a folder of camera-sized photos: files named by
ID number or by a pupil's name are matched, the rest left for matching by hand; stored photos
are 26:32, 260×320, under 60 KB; the originals are byte for byte untouched; the register's
photos go out as one zip per class, named by the national rule."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from desktop.exchange.photo_workshop import match_files, photo_files, store_photos, zip_per_class
from desktop.services.errors import ServiceError
from desktop.services.students.add import add_students
from desktop.services.students.photo_targets import photo_targets
from desktop.services.students.photos import MAX_BYTES, get_photo
from tests.factories import SCHOOL_CODE, valid_row


def camera_photo(path: Path, colour: str, size: tuple[int, int] = (1500, 2000)) -> Path:
    Image.new("RGB", size, colour).save(path, "JPEG", quality=95)
    return path


@pytest.fixture
def school(ws, tmp_path: Path):
    with_id = valid_row(name="王小明", seq=11)
    without = valid_row(name="李小红", seq=12)
    without.update({"身份证件类型": "其他", "身份证件号": ""})
    other = valid_row(name="赵小刚", seq=13, class_name="三年级(1)班")
    add_students(ws, [with_id, without, other])
    folder = tmp_path / "相机"
    folder.mkdir()
    camera_photo(folder / f"{with_id['身份证件号']}.JPG", "blue")
    camera_photo(folder / "李小红(1).jpg", "red", (2000, 1500))
    camera_photo(folder / "IMG_0031.jpg", "green")
    (folder / "说明.txt").write_text("不是照片", encoding="utf-8")
    return ws, with_id, folder


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_files_are_matched_by_id_number_or_name_and_the_rest_left(school) -> None:
    ws, with_id, folder = school
    matches = match_files(photo_files(folder), photo_targets(ws))
    found = {m.path.name: (m.target.name if m.target else None, m.how) for m in matches}
    assert found == {f"{with_id['身份证件号']}.JPG": ("王小明", "身份证件号"),
                     "李小红(1).jpg": ("李小红", "姓名"), "IMG_0031.jpg": (None, "")}


def test_stored_photos_follow_the_size_rule_and_originals_stay(school, tmp_path) -> None:
    ws, _with_id, folder = school
    before = digests(folder)
    matches = match_files(photo_files(folder), photo_targets(ws))
    pairs = [(m.path, m.target.id) for m in matches if m.target]
    targets = {t.name: t for t in photo_targets(ws)}
    pairs.append((folder / "IMG_0031.jpg", targets["赵小刚"].id))  # matched by hand
    bad = tmp_path / "坏.jpg"
    bad.write_bytes(b"not a jpeg")
    pairs.append((bad, targets["赵小刚"].id))
    steps: list[tuple[int, int]] = []
    failed = store_photos(ws, pairs, lambda done, total: steps.append((done, total)))
    assert failed == [(bad, "photo.unreadable")] and steps[-1] == (4, 4)
    for target in photo_targets(ws):
        jpeg = get_photo(ws, target.id)
        assert jpeg is not None and len(jpeg) <= MAX_BYTES
        assert Image.open(io.BytesIO(jpeg)).size == (260, 320)
    assert digests(folder) == before


def test_one_zip_per_class_named_by_the_national_rule(school, tmp_path) -> None:
    ws, with_id, folder = school
    matches = match_files(photo_files(folder), photo_targets(ws))
    store_photos(ws, [(m.path, m.target.id) for m in matches if m.target])
    zips = zip_per_class(ws, tmp_path / "上传")
    assert [z.name for z in zips] == ["三年级_三年级(2)班.zip"]
    with zipfile.ZipFile(zips[0]) as archive:
        assert sorted(archive.namelist()) == sorted([f"{with_id['身份证件号']}.jpg",
                                                     f"无身份证件号/{SCHOOL_CODE}_2_李小红.jpg"])


def test_a_missing_folder_is_refused(tmp_path) -> None:
    with pytest.raises(ServiceError) as caught:
        photo_files(tmp_path / "没有")
    assert caught.value.code == "photos.folder_missing"
