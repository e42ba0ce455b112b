"""`xueji --selftest` and `--version` from source: the steps, the failure line, the clean-up,
and how the entry point tells the app from the command line."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from desktop import __main__ as entry
from desktop import __version__, app, selftest
from desktop.views.qt_check import check_qt


def _leftovers() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob("xueji-selftest-*"))


def test_selftest_passes_with_one_line_per_step_and_leaves_nothing() -> None:
    before, lines = _leftovers(), []
    assert selftest.run(say=lines.append) == 0
    assert lines[0] == f"学籍管理 {__version__} 自检开始"
    for step in selftest.STEPS:
        assert any(line.startswith(f"✓ {step.part}：") for line in lines), step.part
    assert lines[-2] == "✓ 清理：临时数据库与文件已删除"
    assert lines[-1] == "自检通过。"
    assert _leftovers() == before


def test_a_failing_step_is_named_and_exits_1_after_cleaning_up(monkeypatch) -> None:
    def broken(_scratch: selftest.Scratch) -> str:
        raise ModuleNotFoundError("No module named 'pypdf'")

    # fails while the temporary database is open: it must still be closed and removed
    monkeypatch.setattr(selftest, "STEPS", (*selftest.STEPS[:3], selftest.Step("测试用部件", broken)))
    before, lines = _leftovers(), []
    assert selftest.run(say=lines.append) == 1
    assert "✗ 测试用部件：ModuleNotFoundError: No module named 'pypdf'" in lines
    assert "✓ 清理：临时数据库与文件已删除" in lines
    assert lines[-1] == "自检失败：问题出在“测试用部件”。请重新安装本程序，仍不行请联系技术支持。"
    assert _leftovers() == before


def test_service_errors_are_said_in_the_cli_words() -> None:
    from desktop.services.errors import ServiceError

    assert selftest._why(ServiceError("school.name_required")) != "ServiceError: school.name_required"


def test_qt_step_finds_plugins_and_chinese_strings() -> None:
    assert "qtbase" not in check_qt()  # one readable line, not a file list
    assert "Qt 中文翻译齐全" in check_qt()


def test_selftest_option_runs_the_core_steps_plus_the_qt_step(monkeypatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(selftest, "run", lambda extra=(): seen.append([s.part for s in extra]) or 0)
    assert entry.main(["--selftest"]) == 0
    assert seen == [["Qt 界面库与中文翻译"]]


@pytest.mark.parametrize("argv", [["--version"], ["--db", "x.db", "--version"]])
def test_version_prints_the_package_version(argv: list[str], capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        entry.main(argv)
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"xueji {__version__}"


@pytest.mark.parametrize(("argv", "cli"), [
    ([], False), (["--db", "a.db"], False), (["--selftest"], False), (["同步包.XJB"], False),
    (["init", "--db", "a.db"], True), (["--help"], True), (["--version"], True), (["nonsense"], True),
])
def test_first_argument_chooses_cli_or_app(argv: list[str], cli: bool) -> None:
    assert entry.wants_cli(argv) is cli


def test_the_app_accepts_a_bundle_but_no_other_file(capsys) -> None:
    assert app._arguments(["收件.xjb"]).bundle == Path("收件.xjb")
    with pytest.raises(SystemExit):
        app._arguments(["学籍.db"])
    assert ".xjb" in capsys.readouterr().err
