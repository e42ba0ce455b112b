"""A file the user chooses is checked before it is read: a FIFO, /dev/zero or a device is
refused at once (it would hang the dialog or fill memory), a file over the limit is refused
from its size, and the photo, scan, bundle and JSON paths all go through this check."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from desktop.services.chosen_file import read_chosen_file
from desktop.services.errors import ServiceError
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero")


def _refused(path: Path) -> str:
    outcome: list[str] = []

    def read() -> None:
        try:
            read_chosen_file(path, 1024, "file.too_big", name=path.name, max_mb=1)
        except ServiceError as exc:
            outcome.append(exc.code)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=10)
    assert not worker.is_alive(), f"reading {path} hung"
    return outcome[0]


def test_a_fifo_and_dev_zero_are_refused_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "photo.jpg"
    os.mkfifo(fifo)
    assert _refused(fifo) == "file.not_regular"
    assert _refused(Path("/dev/zero")) == "file.not_regular"


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.jpg"
    big.write_bytes(b"x" * 1025)
    assert _refused(big) == "file.too_big"
    small = tmp_path / "small.jpg"
    small.write_bytes(b"x" * 1024)
    assert read_chosen_file(small, 1024, "file.too_big") == b"x" * 1024


@pytest.mark.parametrize("args", [("student", "add", "--json", "/dev/zero"),
                                  ("bundle", "import", "/dev/zero")])
def test_the_cli_refuses_dev_zero(db_path: Path, ws: object, args: tuple[str, ...]) -> None:
    ws.lock()  # type: ignore[attr-defined]
    env = {**os.environ, "XUEJI_PASSWORD": PASSWORD, "XUEJI_LOG_DIR": str(db_path.parent / "l")}
    run = subprocess.run([sys.executable, "-m", "desktop", *args[:2], "--db", str(db_path),
                          "--user", "registrar", *args[2:]], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 1, run.stderr
    assert "不是普通文件" in run.stderr and "Traceback" not in run.stderr


def test_a_fifo_among_camera_photos_is_reported_not_waited_for(ws: object, tmp_path: Path) -> None:
    from desktop.exchange.photo_workshop import store_photos
    from desktop.services.students.add import add_students
    from tests.factories import valid_row

    student = add_students(ws, [valid_row()]).ids[0]  # type: ignore[arg-type]
    fifo = tmp_path / "王小明.jpg"
    os.mkfifo(fifo)
    outcome: list[object] = []
    worker = threading.Thread(target=lambda: outcome.append(store_photos(ws, [(fifo, student)])),  # type: ignore[arg-type]
                              daemon=True)
    worker.start()
    worker.join(timeout=20)
    assert not worker.is_alive(), "the photo folder waited on a FIFO"
    assert outcome == [[(fifo, "file.not_regular")]]
