"""packaging/rthook_archive_view.py, on PyInstaller's own archive reader and writer: the modules
read through one map of the archive file are the modules the reader reads by itself, and the
file is opened once, not once per module."""

from __future__ import annotations

import builtins
import runpy
import sys
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dist.conftest import ROOT

HOOK = ROOT / "packaging" / "rthook_archive_view.py"
MODULES = {f"pkg.mod{i}": f"VALUE = {i}\nTEXT = {'x' * (i * 37)!r}\n" for i in range(40)}


@pytest.fixture
def archive(tmp_path: Path) -> Path:
    """A PYZ archive of 40 small modules, written behind a 100-byte prefix as in a program file."""
    writers = pytest.importorskip("PyInstaller.archive.writers", reason="PyInstaller comes with .[dist]")
    entries, code = [], {}
    for name, source in MODULES.items():
        path = tmp_path / f"{name}.py"
        path.write_text(source, encoding="utf-8")
        entries.append((name, str(path), "PYMODULE"))
        code[name] = compile(source, str(path), "exec")
    pyz = tmp_path / "plain.pyz"
    writers.ZlibArchiveWriter(str(pyz), entries, code)
    program = tmp_path / "program"
    program.write_bytes(b"\x7fELF" + b"\0" * 96 + pyz.read_bytes())
    return program


@pytest.fixture
def reader_module(monkeypatch: pytest.MonkeyPatch) -> Iterator[types.ModuleType]:
    from PyInstaller.loader import pyimod01_archive

    monkeypatch.setitem(sys.modules, "pyimod01_archive", pyimod01_archive)
    yield pyimod01_archive
    vars(pyimod01_archive).pop("open", None)  # the hook's patch undone


def _start_program(monkeypatch: pytest.MonkeyPatch, reader: object) -> None:
    """The hook as a frozen program runs it: PyInstaller's importers hold the program's reader."""
    importers = types.ModuleType("pyimod02_importers")
    importers.pyz_archive = reader  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "pyimod02_importers", importers)
    runpy.run_path(str(HOOK))


def _opens_while(monkeypatch: pytest.MonkeyPatch, path: Path, read) -> list[str]:  # type: ignore[no-untyped-def]
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):  # type: ignore[no-untyped-def]
        if str(file) == str(path):
            opened.append(str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    read()
    monkeypatch.setattr(builtins, "open", real_open)
    return opened


def _values(reader) -> dict[str, object]:  # type: ignore[no-untyped-def]
    values = {}
    for name in MODULES:
        namespace: dict[str, object] = {}
        exec(reader.extract(name), namespace)
        values[name] = (namespace["VALUE"], namespace["TEXT"])
    return values


def test_modules_read_through_the_map_are_the_readers_own_and_the_file_opens_once(
        monkeypatch: pytest.MonkeyPatch, archive: Path, reader_module: types.ModuleType) -> None:
    location = f"{archive}?100"
    plain = reader_module.ZlibArchiveReader(location, check_pymagic=True)
    before: dict[str, object] = {}
    opened_before = _opens_while(monkeypatch, archive, lambda: before.update(_values(plain)))
    assert len(opened_before) == len(MODULES)  # PyInstaller's reader: one open per module

    _start_program(monkeypatch, reader_module.ZlibArchiveReader(location, check_pymagic=True))
    mapped = reader_module.ZlibArchiveReader(location, check_pymagic=True)
    after: dict[str, object] = {}
    opened_after = _opens_while(monkeypatch, archive, lambda: after.update(_values(mapped)))
    assert after == before and len(after) == len(MODULES)
    assert opened_after == []  # mapped once when the reader read its table of contents


def test_other_files_still_open_as_files(monkeypatch: pytest.MonkeyPatch, archive: Path, tmp_path: Path,
                                         reader_module: types.ModuleType) -> None:
    _start_program(monkeypatch, reader_module.ZlibArchiveReader(f"{archive}?100"))
    other = tmp_path / "other.txt"
    other.write_text("plain", encoding="utf-8")
    with reader_module.open(str(other), "rb") as handle:
        assert handle.read() == b"plain"
    with pytest.raises(KeyError):
        reader_module.ZlibArchiveReader(f"{archive}?100").extract("pkg.missing")


def test_a_reader_of_another_shape_is_left_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    unknown = types.ModuleType("pyimod01_archive")
    monkeypatch.setitem(sys.modules, "pyimod01_archive", unknown)
    _start_program(monkeypatch, types.SimpleNamespace(_filename="/nowhere"))
    assert not hasattr(unknown, "open")
