"""Every import of the project's own code resolves, including the imports inside functions.

Collecting the tests imports each module's top level only; an import written inside a
function (the project defers many for start-up speed) runs only when that function does.
This reads every Python file with `ast` and checks each `import a.b` and `from a.b import c`
of a project package against the real modules: the module exists, and `c` is a submodule
or a name the module defines.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("desktop", "central", "tests", "benchmarks", "tools", "packaging")
PROJECT = set(FOLDERS)


def python_files() -> list[Path]:
    """Every .py file of the project's folders (and the PyInstaller spec)."""
    files = [p for folder in FOLDERS for p in sorted((ROOT / folder).rglob("*.py"))]
    return files + sorted((ROOT / "packaging").glob("*.spec"))


def package_of(path: Path) -> str:
    """The dotted package a file belongs to (for relative imports)."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])


def imports_of(path: Path) -> Iterator[tuple[int, str, str | None]]:
    """(line, module, name or None) for every import of a project module in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in PROJECT:
                    yield node.lineno, alias.name, None
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package_of(path).split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            if module.split(".")[0] not in PROJECT:
                continue
            for alias in node.names:
                yield node.lineno, module, None if alias.name == "*" else alias.name


def module_exists(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def unresolved(path: Path) -> list[str]:
    """The imports of one file that name a module or a name that does not exist."""
    problems = []
    for line, module, name in imports_of(path):
        where = f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:{line}"
        if not module_exists(module):
            problems.append(f"{where}: no module {module}")
        elif (name and not module_exists(f"{module}.{name}")
              and not hasattr(importlib.import_module(module), name)):
            problems.append(f"{where}: {module} has no {name}")
    return problems


def test_the_check_sees_a_broken_local_import(tmp_path: Path) -> None:
    """The reader finds imports inside functions, and a wrong one is reported."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "def later():\n"
        "    from desktop.services.context import Workspace\n"
        "    from desktop.services.context import NoSuchName\n"
        "    import desktop.no_such_module\n", encoding="utf-8")
    problems = unresolved(probe)
    assert [p.split(": ", 1)[1] for p in problems] == [
        "desktop.services.context has no NoSuchName", "no module desktop.no_such_module"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_every_import_resolves(folder: str) -> None:
    problems = [p for path in python_files()
                if path.relative_to(ROOT).parts[0] == folder for p in unresolved(path)]
    assert problems == []
