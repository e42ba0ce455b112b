"""PyInstaller runtime hook of every build: the program's Python modules are read from one
read-only memory map of the program file, instead of opening the file again for each module.

PyInstaller keeps the modules in an archive inside the program file, and its reader
(pyimod01_archive.ZlibArchiveReader.extract) opens that file afresh for every module it reads,
so that the file is never held open. An open is cheap on Linux; under Wine it costs 1.2–1.5 ms
(0.6 s of the 2.5 s a self-test took, for some 400 modules), and on Windows a virus scanner looks
at every open of a program file. The reader still does everything itself: the hook only hands it,
in place of the opened file, a view of one memory map that seeks and reads the same way. Any
other open goes to the built-in `open`, and where the reader is not the shape this was written
for (another PyInstaller) or the file cannot be mapped, nothing changes. The map keeps the program
file open while the program runs, as Windows keeps every running program and its DLLs; the
installer closes a running program before it replaces files (CloseApplications in xueji.iss), and
a .deb upgrade puts a new file in place while the running program keeps reading the old one.
"""

import builtins
import mmap
import os
import sys
import threading


class _View:
    """One reader's position in the shared map: `with`, seek and read, as on a file."""

    def __init__(self, data):
        self._data = data
        self._position = 0

    def __enter__(self):
        return self

    def __exit__(self, *_exc):
        return False

    def seek(self, offset, whence=os.SEEK_SET):
        base = {os.SEEK_SET: 0, os.SEEK_CUR: self._position, os.SEEK_END: len(self._data)}[whence]
        self._position = base + offset
        return self._position

    def tell(self):
        return self._position

    def read(self, size=-1):
        end = len(self._data) if size is None or size < 0 else self._position + size
        chunk = self._data[self._position:end]
        self._position += len(chunk)
        return chunk

    def readinto(self, buffer):  # marshal.load, for the reader's table of contents
        target = memoryview(buffer).cast("B")
        chunk = self.read(len(target))
        target[:len(chunk)] = chunk
        return len(chunk)


class _ArchiveOpener:
    """`open` for the archive reader's module: the archive file as a view of its map."""

    def __init__(self, archive_path):
        self._archive_path = archive_path
        self._map = None
        self._unmappable = False
        self._lock = threading.Lock()

    def __call__(self, file, mode="r", *args, **kwargs):
        if file == self._archive_path and mode == "rb" and not args and not kwargs:
            data = self._mapped()
            if data is not None:
                return _View(data)
        return builtins.open(file, mode, *args, **kwargs)

    def _mapped(self):
        with self._lock:
            if self._map is None and not self._unmappable:
                try:
                    with builtins.open(self._archive_path, "rb") as file:
                        self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
                except (OSError, ValueError):
                    self._unmappable = True
            return self._map


def _read_archive_through_one_map():
    reader_module = sys.modules.get("pyimod01_archive")
    extract = getattr(getattr(reader_module, "ZlibArchiveReader", None), "extract", None)
    archive = getattr(sys.modules.get("pyimod02_importers"), "pyz_archive", None)  # the program's reader
    path = getattr(archive, "_filename", None)
    if callable(extract) and isinstance(path, str):
        reader_module.open = _ArchiveOpener(path)


_read_archive_through_one_map()
del _read_archive_through_one_map
