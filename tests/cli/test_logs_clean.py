"""The error log never holds a name or an ID number: CLI failures of every kind (wrong
password, refused records, damaged files, an internal error whose message carries the
pupil's name and ID number) and the app's paths for unexpected errors (the exception hook,
the backup on close) are run with the log folder in a temporary place, which is then
searched for the names and numbers used."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import cmd_student
from desktop.cli.main import main
from desktop.services.context import Workspace
from tests.conftest import PASSWORD
from tests.factories import valid_row

ROW = valid_row(name="欧阳晓明")
SECRETS = (ROW["姓名"], ROW["身份证件号"], ROW["成员1姓名"], ROW["成员1身份证件号"],
           ROW["身份证件号"][6:14])


@pytest.fixture
def logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "logs"
    monkeypatch.setenv("XUEJI_LOG_DIR", str(folder))
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    monkeypatch.delenv("XUEJI_DEBUG", raising=False)
    return folder


def add(db: Path, tmp_path: Path, body: str) -> int:
    source = tmp_path / "in.json"
    source.write_text(body, encoding="utf-8")
    return main(["student", "add", "--db", str(db), "--user", "registrar", "--json", str(source)])


def run_cli_failures(ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = ws.store.path
    bad = {**ROW, "身份证件号": ROW["身份证件号"][:17] + "0"}
    assert add(db, tmp_path, json.dumps([ROW, bad], ensure_ascii=False)) == 1
    assert add(db, tmp_path, json.dumps(ROW, ensure_ascii=False)[:-3]) == 1
    hostile = tmp_path / "x.xlsx"
    hostile.write_text(ROW["姓名"] + ROW["身份证件号"], encoding="utf-8")
    assert main(["import", "--db", str(db), "--user", "registrar", str(hostile)]) == 1

    def explode(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError(f"{ROW['姓名']} {ROW['身份证件号']} {ROW['成员1姓名']}")

    monkeypatch.setattr(cmd_student, "add_students", explode)
    assert add(db, tmp_path, json.dumps(ROW, ensure_ascii=False)) == 70
    monkeypatch.setenv("XUEJI_PASSWORD", ROW["身份证件号"])  # a password that is an ID number
    assert main(["student", "list", "--db", str(db), "--user", "registrar"]) == 2


def run_app_error_paths(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.views import close_backup, error_hook

    monkeypatch.setattr(sys, "excepthook", lambda *_args: None)
    error_hook.install()
    try:
        raise ValueError(f"{ROW['姓名']}（{ROW['身份证件号']}）")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def explode(*_args: Any) -> None:
        raise KeyError(ROW["成员1身份证件号"])

    monkeypatch.setattr(close_backup, "back_up", explode)
    assert close_backup.back_up_on_close(ws, "lock") is False


def test_no_name_or_id_number_reaches_the_log(ws: Workspace, logs: Path, tmp_path: Path,
                                              capsys: Any, monkeypatch: pytest.MonkeyPatch,
                                              qapp: Any) -> None:
    run_cli_failures(ws, tmp_path, monkeypatch)
    run_app_error_paths(ws, monkeypatch)
    capsys.readouterr()
    files = [p for p in logs.rglob("*") if p.is_file()]
    text = "".join(p.read_text("utf-8") for p in files)
    assert text.count("RuntimeError") == 1 and "ValueError" in text and "KeyError" in text
    for secret in SECRETS:
        assert secret not in text, secret
