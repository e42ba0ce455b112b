"""The desk's USB bundles end to end: a real encrypted desk enrolled online with the registry on
loopback exports its changes with `xueji bundle export`, the county station imports them with
`xueji-central bundle import`, and `xueji bundle import` of the reply acknowledges every change
and brings the 学籍号 back. The same reply again changes nothing (exit 0); a reply with one
flipped byte is refused (exit 1) and changes nothing; export needs enrollment. The 同步 page's
two buttons do the same through their file-dialog seams."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from desktop.cli.main import main
from desktop.services.context import Workspace
from desktop.services.registry.bundle_ids import read_ids, sent_ids
from desktop.services.registry.device import bundle_chain, device_info
from desktop.services.students.read import StudentQuery, template_rows
from desktop.views.sync.page import SyncPage
from tests.central.conftest import central  # noqa: F401  (fixture)
from tests.central.desk import Central
from tests.conftest import PASSWORD
from tests.gui.conftest import isolated_settings, no_modal_popups  # noqa: F401  (autouse)
from tests.sync.conftest import enrolled  # noqa: F401  (fixture)
from tests.sync.helpers import assert_applied_exactly_once, assert_converged, outbox_states
from tests.sync_bundle.test_central_cli import fill_outbox, run

SQLITE = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def xueji(ws: Workspace, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """`xueji bundle …` in process: (exit code, stdout, stderr)."""
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    capsys.readouterr()

    def call(action: str, *args: str) -> tuple[int, str, str]:
        code = main(["bundle", action, "--db", str(ws.store.path), "--user", "registrar", *args])
        out, err = capsys.readouterr()
        return code, out, err
    return call


def station(central: Central, request: Path, reply: Path) -> str:  # noqa: F811
    """`xueji-central bundle import` at the county station; its report."""
    done = run("bundle", "import", "--db-url", central.db_url, str(request), "--reply-out", str(reply))
    assert done.returncode == 0 and reply.exists(), done.stderr
    return done.stdout


def state(ws: Workspace) -> dict[str, Any]:
    """Everything an import may change."""
    info = device_info(ws)
    return {"outbox": outbox_states(ws), "rows": list(template_rows(ws, StudentQuery())),
            "cursor": info.cursor if info else None, "chain": bundle_chain(ws),
            "read": read_ids(ws), "last": info.last_sync_at if info else None}


def flipped(data: bytes) -> bytes:
    middle = len(data) // 2
    return data[:middle] + bytes([data[middle] ^ 0x01]) + data[middle + 1:]


@SQLITE
def test_changes_go_by_usb_and_come_back_acknowledged(
        central: Central, enrolled: Workspace, today: dt.date, tmp_path: Path,  # noqa: F811
        xueji) -> None:  # type: ignore[no-untyped-def]
    fill_outbox(enrolled, today)
    request, reply = tmp_path / "request.xjb", tmp_path / "reply.xjb"
    code, out, err = xueji("export", "--out", str(request))
    assert code == 0 and "含 4 条" in out, err
    assert set(outbox_states(enrolled).values()) == {"SENT_VIA_BUNDLE"}
    assert bundle_chain(enrolled).bundle_seq == 1 and len(sent_ids(enrolled)) == 1
    assert "应用 4 条" in station(central, request, reply)

    code, out, err = xueji("import", str(reply))
    assert code == 0 and "中心已采用 4 条" in out and "同步完成" in out, err
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)
    numbers = [row["学籍号"] for row in template_rows(enrolled, StudentQuery())]
    assert len(numbers) == 2 and all(number.startswith("G") for number in numbers)
    before = state(enrolled)

    code, out, err = xueji("import", str(reply))
    assert (code, err) == (0, "") and "已导入过" in out
    assert state(enrolled) == before


@SQLITE
def test_a_damaged_reply_is_refused_and_changes_nothing(
        central: Central, enrolled: Workspace, today: dt.date, tmp_path: Path,  # noqa: F811
        xueji) -> None:  # type: ignore[no-untyped-def]
    fill_outbox(enrolled, today)
    request, reply, damaged = (tmp_path / name for name in ("q.xjb", "r.xjb", "bad.xjb"))
    assert xueji("export", "--out", str(tmp_path))[0] == 0
    [written] = tmp_path.glob("XJB1-*-request-*.xjb")
    written.rename(request)
    station(central, request, reply)
    damaged.write_bytes(flipped(reply.read_bytes()))
    before = state(enrolled)
    code, out, err = xueji("import", str(damaged))
    assert (code, out) == (1, "") and "已损坏" in err
    assert state(enrolled) == before
    code, out, err = xueji("import", str(tmp_path / "missing.xjb"))
    assert code == 1 and "无法读取数据包" in err
    assert xueji("import", str(reply))[0] == 0
    assert set(outbox_states(enrolled).values()) == {"APPLIED"}


def test_export_needs_enrollment(ws: Workspace, today: dt.date, tmp_path: Path,
                                 xueji) -> None:  # type: ignore[no-untyped-def]
    fill_outbox(ws, today)
    before = outbox_states(ws)
    code, out, err = xueji("export", "--out", str(tmp_path / "request.xjb"))
    assert (code, out) == (1, "") and "尚未在学籍中心注册" in err
    assert not list(tmp_path.glob("*.xjb")) and outbox_states(ws) == before


@pytest.fixture
def page(qtbot, enrolled: Workspace) -> Iterator[SyncPage]:  # type: ignore[no-untyped-def]  # noqa: F811
    widget = SyncPage(enrolled)
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown()


@SQLITE
def test_the_page_exports_and_imports_bundles(
        qtbot, page: SyncPage, central: Central, today: dt.date,  # noqa: F811
        tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fill_outbox(page.workspace, today)
    request, reply = tmp_path / "request.xjb", tmp_path / "reply.xjb"
    page.ask_save_path = lambda _suggested: request  # type: ignore[method-assign]
    page.ask_open_path = lambda: reply  # type: ignore[method-assign]
    assert page.export_bundle_button.isEnabled()
    with qtbot.waitSignal(page.bundle_work.finished, timeout=30_000):  # off the GUI thread
        qtbot.mouseClick(page.export_bundle_button, Qt.MouseButton.LeftButton)
    assert "已导出U盘数据包（含 4 条" in page.banner.text() and request.exists()
    station(central, request, reply)
    with qtbot.waitSignals([page.synced, page.bundle_work.finished], timeout=30_000):
        qtbot.mouseClick(page.import_bundle_button, Qt.MouseButton.LeftButton)
    assert "已导入回执数据包：采用 4" in page.banner.text()
    assert set(outbox_states(page.workspace).values()) == {"APPLIED"}
    with qtbot.waitSignal(page.bundle_work.finished, timeout=30_000):
        qtbot.mouseClick(page.import_bundle_button, Qt.MouseButton.LeftButton)
    assert "已导入过" in page.banner.text()
    page.ask_open_path = lambda: None  # type: ignore[method-assign]
    qtbot.mouseClick(page.import_bundle_button, Qt.MouseButton.LeftButton)
    assert "已导入过" in page.banner.text()  # cancelled: nothing happened
