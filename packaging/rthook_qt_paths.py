"""PyInstaller runtime hook of every build, in place of PyInstaller's own for PySide6
(pyi_rth_pyside6, taken out in xueji.spec): the same Qt paths, without loading Qt at every start.

PyInstaller's hook points QT_PLUGIN_PATH at the bundled plugins, puts the program's folder first
on PATH on Windows (where Qt finds DLLs it loads by name), and imports PySide6.QtCore to register
a qt.conf when the Qt package made none. PySide6 from PyPI registers its own when QtCore loads
(the hook then finds it and does nothing), so that import only moved Qt's load to the start of
every run: 0.3 s under Wine before `xueji-cli --version`, or a command that never shows a window,
could print a word. Qt now loads when the program first uses it. The self-test's Qt step checks
what the qt.conf decides: the platform plugin and Qt's Chinese translations are found through
QLibraryInfo. QML2_IMPORT_PATH is left out: the program has no QML.
"""

import os
import sys


def _qt_paths() -> None:
    package = os.path.join(sys._MEIPASS, "PySide6")
    qt = package if sys.platform == "win32" else os.path.join(package, "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    if sys.platform == "win32":
        os.environ["PATH"] = os.pathsep.join(filter(None, (sys._MEIPASS, os.environ.get("PATH"))))


_qt_paths()
del _qt_paths
