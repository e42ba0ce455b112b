"""The photo folder for the national photo import: named by ID number in grade/class folders,
pupils without a resident ID as 学校标识码_班号_姓名 in their own folder, students without a
photo left out, an unknown class refused."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from desktop.exchange.photo_folder import NO_ID_FOLDER, export_photo_folder
from desktop.services.errors import ServiceError
from desktop.services.students.add import add_students
from desktop.services.students.photos import normalise_photo, set_photo
from desktop.services.students.read import StudentQuery, search
from tests.factories import SCHOOL_CODE, valid_row


def jpeg(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), colour).save(out, "JPEG")
    return normalise_photo(out.getvalue())


@pytest.fixture
def school(ws):
    with_id = valid_row(name="王小明", seq=11)
    without = valid_row(name="李小红", seq=12)
    without.update({"身份证件类型": "其他", "身份证件号": ""})
    add_students(ws, [with_id, without, valid_row(name="张无照", seq=13)])
    for name, colour in (("王小明", "blue"), ("李小红", "red")):
        student = search(ws, StudentQuery(text=name), 0, 1).rows[0]
        set_photo(ws, student.id, jpeg(colour))
    return ws, with_id


def test_photos_named_by_the_national_rule(school, tmp_path: Path) -> None:
    ws, with_id = school
    out = tmp_path / "photos"
    assert export_photo_folder(ws, out) == 2
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.jpg"))
    assert f"三年级/三年级(2)班/{with_id['身份证件号']}.jpg" in files
    assert f"{NO_ID_FOLDER}/三年级/三年级(2)班/{SCHOOL_CODE}_2_李小红.jpg" in files
    assert all(Image.open(out / f).format == "JPEG" for f in files)


def test_unknown_class_is_refused(school, tmp_path: Path) -> None:
    with pytest.raises(ServiceError) as caught:
        export_photo_folder(school[0], tmp_path / "photos", "九年级(9)班")
    assert caught.value.code == "export.class_not_found"
    assert not (tmp_path / "photos").exists()
