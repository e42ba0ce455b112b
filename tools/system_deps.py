"""Checks the system packages a make target needs (resources/system/packages.toml) and, where
it may, installs the missing ones; otherwise stops with one clear message.

    python3 tools/system_deps.py PURPOSE...      (run, test, dist, …)

Runs with the system's python3 before `.venv` exists, so it uses the standard library only.
- Debian, Ubuntu and the Debian-based domestic systems: as root, missing packages are
  installed with apt-get, saying what and why. Not as root, with sudo and a terminal, it
  asks first. Otherwise it prints the exact packages and the one command, and exits 2.
- Fedora-likes: it checks with rpm and prints the dnf command when something is missing.
- Other systems: it cannot check; it prints what to look for and goes on.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python before 3.11: say so instead of a traceback
    sys.exit("需要 Python 3.11 或更新版本 / Python 3.11 or newer is needed "
             f"(this is {sys.version.split()[0]})")

PACKAGES = Path(__file__).resolve().parents[1] / "resources" / "system" / "packages.toml"
FAMILIES = {
    "debian": ("debian", "ubuntu", "uos", "kylin", "deepin"),
    "fedora": ("fedora", "rhel", "centos", "openeuler"),
}
INSTALL = {"debian": "apt-get install -y --no-install-recommends", "fedora": "dnf install -y"}
MISSING_ERROR = 2
PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"


def os_family(os_release: Path = Path("/etc/os-release")) -> str | None:
    """'debian' or 'fedora' from ID and ID_LIKE, or None for a system this list does not know."""
    try:
        text = os_release.read_text(encoding="utf-8")
    except OSError:
        return None
    fields = dict(line.split("=", 1) for line in text.splitlines() if "=" in line)
    words = " ".join(fields.get(key, "").strip('"').lower() for key in ("ID", "ID_LIKE")).split()
    for family, ids in FAMILIES.items():
        if any(word in ids for word in words):
            return family
    return None


def wanted(purposes: list[str], family: str, table: dict) -> list[tuple[str, str]]:
    """(package, why) for every package the purposes need, with included purposes, in order."""
    found: dict[str, str] = {}
    pending = list(purposes)
    seen: set[str] = set()
    while pending:
        name = pending.pop(0)
        if name in seen:
            continue
        seen.add(name)
        purpose = table["purpose"][name]
        pending += purpose.get("includes", [])
        for package in purpose.get(family, []):
            found.setdefault(package.format(python=PYTHON), purpose["why"])
    return list(found.items())


def architectures(purposes: list[str], table: dict) -> list[str]:
    """Foreign dpkg architectures the purposes need (`debian_architectures`), with included ones."""
    found: list[str] = []
    pending, seen = list(purposes), set()
    while pending:
        name = pending.pop(0)
        if name not in seen:
            seen.add(name)
            pending += table["purpose"][name].get("includes", [])
            found += [a for a in table["purpose"][name].get("debian_architectures", []) if a not in found]
    return found


def missing_architectures(wanted_ones: list[str]) -> list[str]:
    done = subprocess.run(["dpkg", "--print-foreign-architectures"], capture_output=True, text=True,
                          check=False)
    return [name for name in wanted_ones if name not in done.stdout.split()]


def add_architectures(names: list[str]) -> None:
    """As root: let dpkg install packages of these architectures (apt_install then updates)."""
    for name in names:
        print(f"正在添加软件包架构 / Adding the dpkg architecture {name}", file=sys.stderr)
        subprocess.run(["dpkg", "--add-architecture", name], check=True)


def installed(package: str, family: str) -> bool:
    if family == "debian":
        done = subprocess.run(["dpkg-query", "-W", "-f=${db:Status-Abbrev}", package],
                              capture_output=True, text=True, check=False)
        return done.stdout.startswith("ii")
    return subprocess.run(["rpm", "-q", package], capture_output=True, check=False).returncode == 0


def apt_install(packages: list[str], prefix: list[str]) -> bool:
    """apt-get install, with one `apt-get update` and a retry if the first attempt fails."""
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    command = [*prefix, "apt-get", "install", "-y", "-q", "--no-install-recommends", *packages]
    if subprocess.run(command, env=env, check=False).returncode == 0:
        return True
    subprocess.run([*prefix, "apt-get", "update", "-q"], env=env, check=False)
    return subprocess.run(command, env=env, check=False).returncode == 0


def explain(missing: list[tuple[str, str]]) -> None:
    reasons = sorted({why for _, why in missing})
    print(f"缺少系统软件包（用于：{'；'.join(reasons)}）：", file=sys.stderr)
    print(f"Missing system packages: {' '.join(name for name, _ in missing)}", file=sys.stderr)


def refuse(missing: list[tuple[str, str]], family: str) -> int:
    names = " ".join(name for name, _ in missing)
    command = f"sudo {INSTALL[family]} {names}"
    explain(missing)
    print(f"请用管理员身份运行这一条命令后再试 / Install them with this one command, then retry:\n"
          f"    {command}", file=sys.stderr)
    return MISSING_ERROR


def may_ask() -> bool:
    return shutil.which("sudo") is not None and sys.stdin.isatty() and sys.stdout.isatty()


def ask() -> bool:
    answer = input("现在安装吗？/ Install them now? [Y/n] ").strip().lower()
    return answer in ("", "y", "yes", "是")


def install_debian(missing: list[tuple[str, str]]) -> int:
    names = [name for name, _ in missing]
    if os.geteuid() == 0:
        explain(missing)
        print("正在用 apt-get 安装 / Installing with apt-get …", file=sys.stderr)
        return 0 if apt_install(names, []) else refuse(missing, "debian")
    if may_ask():
        explain(missing)
        if ask() and apt_install(names, ["sudo"]):
            return 0
    return refuse(missing, "debian")


def check(purposes: list[str], family: str | None, table: dict) -> int:
    if family is None:
        names = " ".join(name for name, _ in wanted(purposes, "debian", table))
        print(f"提示：无法识别本系统的软件包管理器，请确认已安装相应软件包（Debian 名称）：{names}\n"
              f"Note: unknown system; make sure the equivalents of these Debian packages are "
              f"installed: {names}", file=sys.stderr)
        return 0
    missing = [(name, why) for name, why in wanted(purposes, family, table)
               if not installed(name, family)]
    if not missing:
        return 0
    if family == "debian":
        foreign = missing_architectures(architectures(purposes, table))
        if foreign and os.geteuid() != 0:
            print("先运行 / First run: " + " && ".join(f"sudo dpkg --add-architecture {a}" for a in foreign)
                  + " && sudo apt-get update", file=sys.stderr)
            return refuse(missing, family)
        add_architectures(foreign)
        return install_debian(missing)
    return refuse(missing, family)


def main(argv: list[str]) -> int:
    table = tomllib.loads(PACKAGES.read_text(encoding="utf-8"))
    unknown = [name for name in argv if name not in table["purpose"]]
    if not argv or unknown:
        print(f"usage: system_deps.py PURPOSE… (one of: {', '.join(table['purpose'])})",
              file=sys.stderr)
        return MISSING_ERROR
    return check(argv, os_family(), table)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
