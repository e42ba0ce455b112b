"""The 照片 tab on a real encrypted database and a folder of camera photos: matched by file
name, the rest matched by hand with the photo shown, stored with progress, zipped per class."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from desktop.services.students.add import add_students
from desktop.services.students.photo_targets import photo_targets
from desktop.services.students.photos import get_photo
from desktop.views.exchange.photo_tab import PhotoTab
from tests.factories import valid_row


@pytest.fixture
def tab(qtbot, ws, tmp_path: Path, monkeypatch) -> PhotoTab:
    rows = [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12)]
    add_students(ws, rows)
    folder = tmp_path / "相机"
    folder.mkdir()
    Image.new("RGB", (900, 1200), "blue").save(folder / f"{rows[0]['身份证件号']}.jpg")
    Image.new("RGB", (900, 1200), "red").save(folder / "DSC_0002.jpg")
    widget = PhotoTab(ws)
    qtbot.addWidget(widget)
    widget.show()
    monkeypatch.setattr("desktop.views.widgets.dialogs.folder_path",
                        lambda *_a: tmp_path / "上传")
    widget.load(folder)
    return widget


def test_match_by_hand_store_and_zip(tab: PhotoTab, ws, tmp_path: Path) -> None:
    assert [m.target.name if m.target else None for m in tab.matches] == ["王小明", None]
    assert tab.store_button.text().endswith("（1 张）")
    tab.table.selectRow(1)
    assert tab.preview.pixmap() is not None and not tab.preview.pixmap().isNull()
    tab.pupil_combo.setCurrentIndex(next(i for i in range(tab.pupil_combo.count())
                                         if "李小红" in tab.pupil_combo.itemText(i)))
    tab.assign_selected()
    assert [m.target.name for m in tab.matches] == ["王小明", "李小红"]
    tab.store()
    assert "已保存 2 张照片" in tab.banner.text()
    assert all(get_photo(ws, t.id) for t in photo_targets(ws))
    tab.export_zips()
    [made] = (tmp_path / "上传").glob("*.zip")
    with zipfile.ZipFile(made) as archive:
        assert len(archive.namelist()) == 2
