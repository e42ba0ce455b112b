"""`xueji --selftest` and `--version` from source: the steps, the failure line, the clean-up,
and how the entry point tells the app from the command line."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import threading
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


def test_a_step_that_runs_alone_starts_at_once_in_its_own_thread_and_is_said_in_its_turn(
        monkeypatch) -> None:
    began = threading.Event()
    threads: list[str] = []

    def alone(_scratch: selftest.Scratch) -> str:
        threads.append(threading.current_thread().name)
        began.set()
        return "独立完成"

    def first(_scratch: selftest.Scratch) -> str:
        assert began.wait(10), "the step that runs alone had not started"
        return "先行"

    monkeypatch.setattr(selftest, "STEPS", (selftest.Step("先行部件", first),))
    lines: list[str] = []
    assert selftest.run(extra=[selftest.Step("独立部件", alone, alone=True)], say=lines.append) == 0
    assert lines[1:3] == ["✓ 先行部件：先行", "✓ 独立部件：独立完成"]
    assert threads and threads[0] != threading.current_thread().name


def test_a_failing_step_that_runs_alone_is_named_in_its_turn(monkeypatch) -> None:
    def broken(_scratch: selftest.Scratch) -> str:
        raise FileNotFoundError("缺少 Qt 平台插件 qwindows.dll")

    monkeypatch.setattr(selftest, "STEPS", selftest.STEPS[:2])
    lines: list[str] = []
    assert selftest.run(extra=[selftest.Step("Qt 界面库与中文翻译", broken, alone=True)],
                        say=lines.append) == 1
    assert [line[0] for line in lines[1:4]] == ["✓", "✓", "✗"]
    assert lines[3] == "✗ Qt 界面库与中文翻译：FileNotFoundError: 缺少 Qt 平台插件 qwindows.dll"


def test_the_warm_up_loads_the_later_steps_libraries_and_none_of_the_database_steps() -> None:
    # in a fresh interpreter: what _warm_up imports beside the database steps, and what it must not
    # (two threads importing one module graph from different ends can meet half-way)
    code = ("import sys; from desktop import selftest; from desktop.printing import fonts; "
            "from reportlab.pdfbase import pdfmetrics; selftest._warm_up(); "
            "from desktop.domain import names; "
            "print(sorted(n for n in ('pypdf', 'pypinyin', 'reportlab.platypus', 'sqlalchemy', 'cryptography', "
            "'argon2', 'sqlcipher3', 'desktop.models', 'desktop.services') if n in sys.modules), "
            "fonts.SANS in pdfmetrics.getRegisteredFontNames(), names._pinyin_table.cache_info().currsize)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    # pypinyin stays out: the pupil's name is read from the pinyin table
    assert done.stdout.split() == ["['reportlab.platypus']", "True", "1"]


def test_the_certificate_needs_only_the_text_font() -> None:
    # a rare character in the pupil's name would make reportlab parse the 3.6 MB and 30 MB fonts
    lines: list[str] = []
    assert selftest.run(say=lines.append) == 0
    pdf_line = next(line for line in lines if line.startswith("✓ PDF"))
    assert pdf_line.endswith("内嵌字体 WenQuanYiMicroHei-0，中文可复制")


def test_the_scratch_database_uses_the_cheapest_allowed_key_derivation(tmp_path: Path) -> None:
    from desktop.models.keyslots import KDF_BOUNDS, KdfParams, KeySlotFile, keyslot_path

    scratch = selftest.Scratch(tmp_path)
    try:
        selftest._database(scratch)
    finally:
        scratch.lock()
    kdf = KeySlotFile.load(keyslot_path(scratch.db)).slots[selftest.USER].kdf
    assert kdf == selftest.scratch_kdf() != KdfParams()
    assert all(getattr(kdf, name) == low for name, (low, _high) in KDF_BOUNDS.items())


def test_service_errors_are_said_in_the_cli_words() -> None:
    from desktop.services.errors import ServiceError

    assert selftest._why(ServiceError("school.name_required")) != "ServiceError: school.name_required"


def test_qt_step_finds_plugins_and_chinese_strings() -> None:
    assert "qtbase" not in check_qt()  # one readable line, not a file list
    assert "Qt 中文翻译齐全" in check_qt()


def test_selftest_option_runs_the_core_steps_plus_the_qt_step(monkeypatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(selftest, "run", lambda extra=(): seen.append([(s.part, s.alone) for s in extra]) or 0)
    assert entry.main(["--selftest"]) == 0
    assert seen == [[("Qt 界面库与中文翻译", True)]]  # alone: PySide6 loads beside the other steps


def test_qt_core_is_loaded_before_the_steps_threads_start() -> None:
    # PySide6's first import swaps builtins.__import__ while shiboken starts; done in the Qt
    # step's thread, it made another thread's import fail now and then. A fresh process, so that
    # nothing here has loaded Qt before.
    probe = ("import sys, desktop.selftest as s\n"
             "s.run = lambda extra=(), say=None: print('QtCore loaded:', 'PySide6.QtCore' in sys.modules) or 0\n"
             "from desktop.app import _selftest\n"
             "print('QtCore before:', 'PySide6.QtCore' in sys.modules)\n"
             "_selftest()\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.split("\n")[:2] == ["QtCore before: False", "QtCore loaded: True"]


def test_a_qt_that_does_not_load_is_named_by_the_qt_step_not_a_traceback() -> None:
    # QtCore loads before the steps' threads; where it cannot (a system library or DLL missing),
    # the self-test still runs, and the Qt step says what failed, with the self-test's advice.
    # A fresh process, in which importing PySide6 fails as a missing library makes it fail.
    probe = ("import sys\n"
             "sys.modules['PySide6'] = None\n"
             "from desktop.app import main\n"
             "sys.exit(main(['--selftest']))\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         encoding="utf-8", timeout=180, check=False)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0] == f"学籍管理 {__version__} 自检开始"
    assert any(line.startswith("✓ 写入学生：") for line in lines), lines
    assert any(line.startswith("✗ Qt 界面库与中文翻译：") and "PySide6" in line
               for line in lines), lines
    assert lines[-1].startswith("自检失败：问题出在“Qt 界面库与中文翻译”")


def test_version_prints_the_package_version(capsys) -> None:
    assert entry.main(["--version"]) == 0
    assert capsys.readouterr().out == f"xueji {__version__}\n"


def test_version_with_other_options_is_argparse_s(capsys) -> None:
    with pytest.raises(SystemExit) as stopped:
        entry.main(["--db", "x.db", "--version"])
    assert stopped.value.code == 0
    assert capsys.readouterr().out.strip() == f"xueji {__version__}"


def test_version_imports_neither_the_command_line_nor_the_database() -> None:
    """`xueji --version` answers before the command line's parser imports every command
    (SQLAlchemy, reportlab, openpyxl …): 2 s under Wine before, the interpreter's start now."""
    probe = ("import sys, desktop.__main__ as entry; code = entry.main(['--version']); "
             "print(sorted(m for m in ('desktop.cli.main', 'sqlalchemy', 'reportlab', 'PySide6')"
             " if m in sys.modules), code)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.stdout.splitlines() == [f"xueji {__version__}", "[] 0"]


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
