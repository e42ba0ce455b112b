"""The Windows installer from `make dist-windows`, as a registrar meets it: installed silently into
a fresh Wine prefix set to Windows 10, then used through the installed program's own command line
(init, import of a national-template workbook with a name outside the BMP, print card, backup,
restore), then uninstalled. Checked: the Start-menu shortcut, the .xjb association in the
registry, the data folder under %LOCALAPPDATA%, Chinese output piped to a file under the Chinese
code page 936, and that uninstalling removes the program but keeps the data.

Wine 8.0 lacks two DLLs Windows 10 has; this test copies the build's stand-ins (packaging/windows/
shims/) into the fresh prefix's system32, as the build does in its own prefix. The installer and
the installed folder must not contain them.

Everything runs once for the module (about 15 Wine runs); each test then checks one fact."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path, PureWindowsPath
from types import SimpleNamespace

import pytest
from pypdf import PdfReader

from tests.dist.conftest import prerequisite_missing
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE, valid_row

pytestmark = pytest.mark.timeout(1800)  # one Wine session for the module: install, 12 runs, uninstall

USER = "registrar"
PASSWORD = "correct-horse-7"
SHORTCUT = "学籍管理.lnk"
PUPILS = [valid_row(name="欧阳𠮷祥", seq=11), valid_row(name="李小红", seq=12, birth=dt.date(2016, 5, 20))]
UTF8_LOCALE = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}


@dataclass
class Run:
    code: int
    out: str  # stdout and stderr together, decoded as UTF-8 (strictly: wrong bytes fail)
    seconds: float


@dataclass
class Windows:
    """Paths inside the test prefix, as Linux paths and as the Windows program sees them."""
    drive_c: Path
    user_dir: Path

    def c(self, path: Path) -> str:
        return str(PureWindowsPath("C:\\", *path.relative_to(self.drive_c).parts))

    @property
    def app(self) -> Path:
        return self.user_dir / "AppData" / "Local" / "Programs" / "xueji"

    @property
    def data(self) -> Path:
        return self.user_dir / "AppData" / "Local" / "xueji" / "xueji"

    @property
    def documents(self) -> Path:
        return self.user_dir / "Documents"

    @property
    def start_menu(self) -> Path:
        return self.user_dir / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"


@dataclass
class Session:
    where: Windows
    runs: dict[str, Run] = field(default_factory=dict)
    installed_files: list[str] = field(default_factory=list)
    shortcut: bytes = b""
    after_uninstall: dict[str, bool] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Run:
        return self.runs[name]


def _run(wine, program: Path | str, *args: str, env: dict | None = None) -> Run:
    """Run a Windows program; the output of ours must be UTF-8 (a decoding error fails)."""
    started = time.monotonic()
    done = wine.run(program, *args, env={**UTF8_LOCALE, **(env or {})}, check=False, timeout=900)
    ours = Path(str(program)).name.startswith(("xueji", "unins"))
    out = done.stdout.decode("utf-8", "strict" if ours else "replace")
    return Run(done.returncode, out, time.monotonic() - started)


def _user_dir(drive_c: Path) -> Path:
    [user] = [p for p in (drive_c / "users").iterdir() if p.name not in ("Public", "Default")]
    return user


@pytest.fixture(scope="module")
def chinese_locale(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The environment of a Linux user in zh_CN.UTF-8, from which Wine takes the ANSI code page
    936 of a Chinese Windows. Compiled with localedef into a private folder (LOCPATH) unless the
    system has it: without it Wine would see ASCII file names."""
    env = {"LC_ALL": "zh_CN.UTF-8", "LANG": "zh_CN.UTF-8"}
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    if "zh_CN.utf8" in have.split():
        return env
    folder = tmp_path_factory.mktemp("locale")
    made = subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8", str(folder / "zh_CN.UTF-8")],
                          capture_output=True, text=True, check=False)
    if made.returncode != 0:
        prerequisite_missing(f"cannot make the zh_CN.UTF-8 locale (package locales): {made.stderr}")
    return {**env, "LOCPATH": str(folder)}


@pytest.fixture(scope="module")
def session(windows_setup: Path, windows_tools: SimpleNamespace, xvfb_display: str,
            chinese_locale: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Session:
    scratch = tmp_path_factory.mktemp("wine")
    wine = windows_tools.wine.Wine(scratch / "prefix", home=scratch / "home", display=xvfb_display)
    wine.boot("win10")
    windows_tools.shims.install(wine.system32)
    where = Windows(wine.drive_c, _user_dir(wine.drive_c))
    log = where.documents / "setup.log"
    result = Session(where)
    runs = result.runs
    runs["install"] = _run(wine, windows_setup, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART",
                           f"/LOG={where.c(log)}")
    wine.wait()
    result.installed_files = sorted(str(p.relative_to(where.app)) for p in where.app.rglob("*"))
    cli = where.app / "xueji-cli.exe"
    # The app's own data folder (QStandardPaths' AppLocalDataLocation for xueji/xueji, the
    # installer's DataDir); the window's setup wizard makes it, `init` expects it to exist.
    where.data.mkdir(parents=True)
    secret = {"XUEJI_PASSWORD": PASSWORD}
    db = where.c(where.data / "学籍.db")
    book = write_workbook(where.documents / "学生名单.xlsx", PUPILS, title="测试县第一小学学生信息")
    card, backup = where.documents / "学籍卡.pdf", where.documents / "备份.xjbak"
    base = ("--db", db, "--user", USER)
    steps = {
        "version": ("--version",),
        "selftest": ("--selftest",),
        "init": ("init", "--db", db, "--school-code", SCHOOL_CODE, "--school-name", "测试县第一小学",
                 "--user", USER, "--stages", "小学,初中"),
        "import": ("import", *base, where.c(book)),
        "card": ("print", "card", *base, "--student", PUPILS[0]["身份证件号"], "--out", where.c(card)),
        "backup": ("backup", *base, "--out", where.c(backup)),
        "restore": ("restore", "--from", where.c(backup), *base),
        "list": ("student", "list", *base),
    }
    for name, args in steps.items():
        runs[name] = _run(wine, cli, *args, env=secret)
    runs["selftest_cp936"] = _run(wine, cli, "--selftest", env=chinese_locale)
    runs["acp"] = _run(wine, "reg", "query", r"HKLM\System\CurrentControlSet\Control\Nls\CodePage",
                       "/v", "ACP", env=chinese_locale)
    runs["association"] = _run(wine, "reg", "query", r"HKCU\Software\Classes\.xjb", "/ve")
    runs["open_command"] = _run(wine, "reg", "query",
                                r"HKCU\Software\Classes\xueji.bundle\shell\open\command", "/ve")
    shortcut = where.start_menu / SHORTCUT
    result.shortcut = shortcut.read_bytes() if shortcut.is_file() else b""
    runs["uninstall"] = _run(wine, where.app / "unins000.exe", "/VERYSILENT", "/SUPPRESSMSGBOXES",
                             "/NORESTART")
    wine.wait()
    runs["association_after"] = _run(wine, "reg", "query", r"HKCU\Software\Classes\xueji.bundle")
    result.after_uninstall = {
        "program": (where.app / "xueji-cli.exe").exists(), "shortcut": shortcut.exists(),
        "database": (where.data / "学籍.db").is_file(),
    }
    wine.wait()
    return result


def test_installs_silently_for_the_user_without_admin_rights(session: Session) -> None:
    assert session["install"].code == 0, session["install"].out
    assert {"xueji.exe", "xueji-cli.exe", "unins000.exe", "_internal"} <= set(session.installed_files)


def test_installed_folder_has_no_wine_workaround(session: Session, windows_tools: SimpleNamespace) -> None:
    shipped = {Path(name).name.lower() for name in session.installed_files}
    assert not shipped & {name.lower() for name in windows_tools.shims.NAMES}


def test_installed_program_reports_the_pyproject_version(session: Session, version: str) -> None:
    assert session["version"].code == 0
    assert session["version"].out.strip() == f"xueji {version}"


def test_installed_program_passes_its_selftest(session: Session) -> None:
    run = session["selftest"]
    assert run.code == 0, run.out
    lines = run.out.splitlines()
    assert lines[-1] == "自检通过。"
    for part in ("加密数据库（SQLCipher）", "PDF 打印与内嵌字体", "Qt 界面库与中文翻译"):
        assert any(line.startswith(f"✓ {part}") for line in lines), part


def test_chinese_output_piped_under_code_page_936_is_utf8(session: Session) -> None:
    # Without UTF-8 mode the program would print in the ANSI code page and stop at ✓ (not in GBK).
    assert re.search(r"ACP\s+REG_SZ\s+936", session["acp"].out), session["acp"].out
    run = session["selftest_cp936"]
    assert run.code == 0, run.out
    assert run.out.splitlines()[-1] == "自检通过。"
    assert "✓ 清理：临时数据库与文件已删除" in run.out


def test_start_menu_shortcut_opens_the_window_program(session: Session) -> None:
    assert session.shortcut, f"no {SHORTCUT} in the Start menu"
    assert "xueji.exe".encode("utf-16-le") in session.shortcut or b"xueji.exe" in session.shortcut


def test_xjb_files_open_with_the_app(session: Session) -> None:
    assert "xueji.bundle" in session["association"].out
    command = session["open_command"].out
    assert "xueji.exe" in command and '"%1"' in command


def test_init_creates_the_database_in_the_local_application_data_folder(session: Session) -> None:
    assert session["init"].code == 0, session["init"].out
    assert "恢复密钥" in session["init"].out
    names = {p.name for p in session.where.data.iterdir()}
    assert {"学籍.db", "学籍.db.keys"} <= names, names
    assert session.where.data.parent.parent.name == "Local"  # %LOCALAPPDATA%\xueji\xueji


def test_import_of_a_national_template_workbook_with_a_name_outside_the_bmp(session: Session) -> None:
    run = session["import"]
    assert run.code == 0, run.out
    assert "导入完成" in run.out
    assert "欧阳𠮷祥" in session["list"].out and "李小红" in session["list"].out


def test_student_card_pdf_has_the_name_and_all_fonts_embedded(session: Session) -> None:
    assert session["card"].code == 0, session["card"].out
    card = session.where.documents / "学籍卡.pdf"
    text = "".join("".join(page.extract_text().split()) for page in PdfReader(card).pages)
    assert "欧阳𠮷祥" in text and "学籍卡" in text
    fonts = _pdffonts(card)
    assert fonts and all(row["emb"] == "yes" for row in fonts), fonts


def test_backup_then_restore(session: Session) -> None:
    assert session["backup"].code == 0, session["backup"].out
    assert "备份完成并已校验" in session["backup"].out
    assert session["restore"].code == 0, session["restore"].out
    assert "校验通过" in session["restore"].out
    assert session["list"].code == 0 and "欧阳𠮷祥" in session["list"].out  # read after the restore


def test_uninstall_removes_the_program_and_keeps_the_data(session: Session) -> None:
    assert session["uninstall"].code == 0, session["uninstall"].out
    assert session.after_uninstall == {"program": False, "shortcut": False, "database": True}
    assert session["association_after"].code != 0  # the xueji.bundle file type is gone too


def _pdffonts(pdf: Path) -> list[dict[str, str]]:
    """pdffonts' table as rows of {column: value}, columns cut where its dashed line has gaps."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True
                           ).stdout.splitlines()
    spans, start = [], 0
    for part in lines[1].split(" "):
        spans.append((start, start + len(part)))
        start += len(part) + 1
    names = [lines[0][a:b].strip() if i < len(spans) - 1 else lines[0][a:].strip()
             for i, (a, b) in enumerate(spans)]
    return [{names[i]: row[a:b].strip() for i, (a, b) in enumerate(spans)} for row in lines[2:]]
