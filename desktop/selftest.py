"""`xueji --selftest`: prove an installed copy works without opening a window.

Each step checks one part (bundled data, SQLCipher, writing and reading a student, a PDF with
the embedded font) in a temporary folder that is removed at the end, and prints one Chinese
line. The first failing step prints a line naming the missing part and the run exits 1.
No Qt here: the caller may append GUI-library steps of its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import secrets
import shutil
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop import PRODUCT_NAME, __version__
from desktop.domain.data import resource_dir  # here, before the warm-up thread imports beside the steps

SCHOOL_CODE = "4406040001"
USER = "selftest"
# The pupil's name, in place of the demo's random one: common characters, so the certificate needs
# the text font only (a rare one would make reportlab parse the 3.6 MB and 30 MB fonts as well).
PUPIL_NAME = "王小明"
REQUIRED_FILES = ("codes/mz.csv", "regions/gb2260.csv", "fonts/wqy-microhei.ttc", "fonts/HanaMinB.ttf",
                  "fonts/xj-sans-rare.ttf", "calendar/workdays.csv", "translations/xueji_en.qm",
                  "icons/xueji.png")


@dataclass
class Scratch:
    """What the steps share: the temporary database and what was written to it."""

    folder: Path
    password: str = field(default_factory=lambda: "Selftest-" + secrets.token_hex(8))
    workspace: Any = None
    student_id: str = ""
    name: str = ""

    @property
    def db(self) -> Path:
        return self.folder / "自检.db"

    def lock(self) -> None:
        if self.workspace is not None:
            self.workspace.lock()
            self.workspace = None


@dataclass(frozen=True)
class Step:
    part: str  # the part being checked, named when it fails
    action: Callable[[Scratch], str]  # returns what was found
    # Uses nothing the other steps make and imports nothing they import: started in a thread of
    # its own when the self-test begins, its line said in its turn. Loading a library's DLLs waits
    # on the system (under Wine, on wineserver) and runs beside the other steps' work.
    alone: bool = False


def _resources(_: Scratch) -> str:
    folder = resource_dir()
    missing = [name for name in REQUIRED_FILES if not (folder / name).is_file()]
    if missing:
        raise FileNotFoundError("缺少 " + "、".join(missing))
    tables = len(list((folder / "codes").glob("*.csv")))
    return f"代码表 {tables} 个、字体、工作日日历、翻译、图标齐全"


def _code_tables_and_calendar(_: Scratch) -> str:
    from desktop.domain.codes import table
    from desktop.domain.workdays import is_workday

    nations = len(table("mz").names)
    if nations < 56:
        raise ValueError(f"民族代码表只有 {nations} 项")
    if is_workday(dt.date(2026, 10, 1))[0]:
        raise ValueError("2026年10月1日被当作工作日")
    return f"民族 {nations} 项，2026年国庆假期识别正确"


def scratch_kdf() -> Any:
    """Argon2id at its lowest allowed cost for the throw-away database's password slot: the step
    proves that Argon2 and the key slots work; the real cost (64 MiB, 3 passes) would add about
    0.7 s of CPU to every self-test (create, then unlock), more under Wine."""
    from desktop.models.keyslots import KDF_BOUNDS, KdfParams

    return KdfParams(**{name: low for name, (low, _high) in KDF_BOUNDS.items()})


def _database(scratch: Scratch) -> str:
    import sqlcipher3.dbapi2 as sqlcipher

    from desktop.services.safekeeping.accounts import NewSchool, create_database

    school = NewSchool(code=SCHOOL_CODE, name="自检学校", stages="小学,初中")
    scratch.workspace, _ = create_database(scratch.db, school, USER, scratch.password, kdf=scratch_kdf())
    with scratch.db.open("rb") as handle:
        if handle.read(16) == b"SQLite format 3\x00":
            raise ValueError("数据库文件未加密")
    memory = sqlcipher.connect(":memory:")
    try:
        version = memory.execute("PRAGMA cipher_version").fetchone()[0]
    finally:
        memory.close()
    return f"已创建加密数据库（SQLCipher {version}），文件头不可读"


def _write_student(scratch: Scratch) -> str:
    from desktop.domain.grades import SchoolSystem
    from desktop.services.importing.demo import demo_rows
    from desktop.services.students.add import add_students

    today = dt.date.today()
    system = SchoolSystem.parse("6-3-3", "小学,初中")
    row = {**next(demo_rows(system, SCHOOL_CODE, 1, 2026, today)), "姓名": PUPIL_NAME}
    scratch.student_id = add_students(scratch.workspace, [row], today=today).ids[0]
    scratch.name = row["姓名"]
    scratch.lock()
    return "已写入 1 名学生（含家庭成员、审计与同步记录），数据库已关闭"


def _read_student(scratch: Scratch) -> str:
    from desktop.services.safekeeping.accounts import unlock
    from desktop.services.students.read import StudentQuery, get_student, search

    scratch.workspace = unlock(scratch.db, USER, scratch.password)
    detail = get_student(scratch.workspace, scratch.student_id)
    total = search(scratch.workspace, StudentQuery()).total
    if detail.values.get("name") != scratch.name or total != 1:
        raise ValueError("读出的学生与写入的不一致")
    return "用密码重新解锁，读出的学生与写入的一致"


def _pdf(scratch: Scratch) -> str:
    from desktop.printing import certificate
    from desktop.services.students.printable import printable_students

    pdf = certificate.build(printable_students(scratch.workspace, student=scratch.student_id))
    fonts, text = _pdf_fonts_and_text(pdf)
    if not fonts or not all(embedded for embedded in fonts.values()):
        raise ValueError("PDF 中的字体未内嵌：" + "、".join(n for n, e in fonts.items() if not e))
    if "学籍证明" not in text or scratch.name not in text:
        raise ValueError("PDF 中的中文无法读出")
    return f"学籍证明 {len(pdf) // 1024} KB，内嵌字体 {'、'.join(sorted(fonts))}，中文可复制"


def _pdf_fonts_and_text(pdf: bytes) -> tuple[dict[str, bool], str]:
    """{font name: embedded?} over all pages, and the extracted text."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf))
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources: Any = page["/Resources"].get_object()  # a pypdf DictionaryObject
        for ref in resources.get("/Font", {}).values():
            font = ref.get_object()
            name = str(font.get("/BaseFont", "?")).lstrip("/").split("+")[-1]
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            fonts[name] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts, "".join(page.extract_text() for page in reader.pages)


def _photo(_: Scratch) -> str:
    from PIL import Image

    from desktop.services.students.photos import SIZE, normalise_photo

    source = io.BytesIO()
    Image.new("RGB", (600, 800), (200, 210, 230)).save(source, "PNG")
    jpeg = normalise_photo(source.getvalue())
    with Image.open(io.BytesIO(jpeg)) as photo:
        if photo.format != "JPEG" or photo.size != SIZE:
            raise ValueError(f"得到 {photo.format} {photo.size}")
    return f"PNG 转为 {SIZE[0]}×{SIZE[1]} 的 JPEG（{len(jpeg)} 字节）"


STEPS = (
    Step("程序资源（resources）", _resources),
    Step("代码表与工作日日历", _code_tables_and_calendar),
    Step("加密数据库（SQLCipher）", _database),
    Step("写入学生", _write_student),
    Step("读出学生", _read_student),
    Step("PDF 打印与内嵌字体", _pdf),
    Step("证件照处理（Pillow）", _photo),
)


def _why(exc: BaseException) -> str:
    code = getattr(exc, "code", None)
    if isinstance(code, str):
        from desktop.messages import describe

        return describe(code, getattr(exc, "params", None))
    return f"{type(exc).__name__}: {exc}"


def _warm_up() -> None:
    """Load what the pupil and PDF steps need (the names' pinyin table, reportlab, the text font)
    in a thread of its own while the database steps run: those wait on the disk, on DLLs
    loading and on Argon2, C code that lets Python run meanwhile. Only libraries the database
    steps do not import (two threads importing one module graph from different ends can meet
    half-way: pypdf, for one, imports cryptography). A failure is left to the step that needs the
    library, which names it."""
    with contextlib.suppress(Exception):
        from desktop.domain.names import pinyin_key

        pinyin_key(PUPIL_NAME)
    with contextlib.suppress(Exception):
        import reportlab.platypus  # noqa: F401

        from desktop.printing import fonts

        fonts.register()


def _run_steps(steps: Sequence[Step], scratch: Scratch, say: Callable[[str], None]) -> str | None:
    """Run until one fails; the failing part's name, or None. The steps that run alone are
    started first, each in its own thread, and waited for in their turn."""
    with ThreadPoolExecutor(max_workers=1 + sum(step.alone for step in steps),
                            thread_name_prefix="selftest") as pool:
        started = {index: pool.submit(step.action, scratch)
                   for index, step in enumerate(steps) if step.alone}
        pool.submit(_warm_up)
        for index, step in enumerate(steps):
            try:
                found = started[index].result() if index in started else step.action(scratch)
            except Exception as exc:
                say(f"✗ {step.part}：{_why(exc)}")
                return step.part
            say(f"✓ {step.part}：{found}")
    return None


def run(extra: Sequence[Step] = (), say: Callable[[str], None] | None = None) -> int:
    """Run every step, remove the temporary files; 0 if all passed, 1 otherwise."""
    say = say or _print
    say(f"{PRODUCT_NAME} {__version__} 自检开始")
    folder = Path(tempfile.mkdtemp(prefix="xueji-selftest-"))
    scratch = Scratch(folder)
    try:
        failed = _run_steps((*STEPS, *extra), scratch, say)
    finally:
        scratch.lock()
        shutil.rmtree(folder, ignore_errors=True)
    if folder.exists():
        say(f"✗ 清理：临时文件夹 {folder} 未能删除")
        failed = failed or "清理"
    else:
        say("✓ 清理：临时数据库与文件已删除")
    if failed:
        say(f"自检失败：问题出在“{failed}”。请重新安装本程序，仍不行请联系技术支持。")
        return 1
    say("自检通过。")
    return 0


def _print(line: str) -> None:
    print(line, flush=True)  # prints nothing where there is no console (windowed Windows build)
