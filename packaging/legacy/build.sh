#!/usr/bin/env bash
# `make dist-legacy`: dist/legacy/xueji_<version>_amd64.deb for older domestic Linux (UOS 20
# with glibc 2.28, Kylin V10 with glibc 2.31) and every newer Debian-based system.
#
#  1. build-python.sh: CPython 3.11 built for glibc 2.28 (cached);
#  2. wheels for manylinux_2_28 and older tags only, PySide6 below 6.10 (requirements.py),
#     downloaded once into the cache, then installed with --no-index into a cached venv;
#  3. build.py, run by that venv: PyInstaller with packaging/xueji.spec, the .deb from
#     packaging/deb.py, the glibc/C++ runtime check of every ELF file, the self-test.
# Everything downloaded or compiled is kept under $XUEJI_CACHE (~/.cache/xueji-build),
# keyed by version, so a second run only repeats step 3.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${XUEJI_CACHE:-$HOME/.cache/xueji-build}
export XUEJI_CACHE=$cache
started=$(date +%s)

prefix=$("$here/build-python.sh")
python="$prefix/bin/python3.11"
requirements=$("$python" "$here/requirements.py")
platforms=()
for minor in $(seq 28 -1 5); do platforms+=(--platform "manylinux_2_${minor}_x86_64"); done
platforms+=(--platform manylinux2014_x86_64 --platform manylinux2010_x86_64
            --platform manylinux1_x86_64)
# pip itself comes from PyPI too: Debian's ensurepip is disabled.
requirements=$(printf '%s\n' pip "$requirements")
key=$(printf '%s\n' "$requirements" "${platforms[@]}" | sha256sum | cut -c1-12)

wheels="$cache/wheels/$key"
if [ ! -f "$wheels/.complete" ]; then
    echo "dist-legacy: downloading wheels for glibc 2.28 into $wheels" >&2
    "${PYTHON:-python3}" -m pip download --quiet --disable-pip-version-check --only-binary=:all: \
        --python-version 3.11 --implementation cp "${platforms[@]}" --dest "$wheels" \
        -r /dev/stdin <<<"$requirements"
    touch "$wheels/.complete"
fi
venv="$cache/venv/$(basename "$prefix")-$key"
if [ ! -f "$venv/.complete" ]; then
    rm -rf "$venv"
    "$python" -m venv --without-pip "$venv"
    pip_wheel=$(ls "$wheels"/pip-*.whl | head -1)
    "$venv/bin/python" "$pip_wheel/pip" install --quiet --disable-pip-version-check --no-index \
        --find-links "$wheels" -r /dev/stdin <<<"$requirements"
    touch "$venv/.complete"
fi
"$venv/bin/python" "$here/build.py"
echo "dist-legacy: done in $(( $(date +%s) - started )) s"
