#!/usr/bin/env bash
# Installs zig from the PyPI package ziglang into $XUEJI_CACHE/zig-<version>/ and writes
# cc, c++, ar and ranlib wrappers that target glibc 2.28. Prints that folder.
set -euo pipefail
ZIG_VERSION=0.17.1
GLIBC=2.28
cache=${XUEJI_CACHE:-$HOME/.cache/xueji-build}
dir="$cache/zig-$ZIG_VERSION"
if [ ! -x "$dir/bin/cc" ]; then
    python=${PYTHON:-python3}
    rm -rf "$dir"
    "$python" -m pip install --quiet --disable-pip-version-check --target "$dir" "ziglang==$ZIG_VERSION" >&2
    mkdir -p "$dir/bin"
    zig="$dir/ziglang/zig"
    # -fno-sanitize=undefined: zig cc turns UBSan on for unoptimised compiles (configure's).
    for tool in cc c++; do
        printf '#!/bin/sh\nexec "%s" %s -target x86_64-linux-gnu.%s -fno-sanitize=undefined "$@"\n' \
            "$zig" "$tool" "$GLIBC" > "$dir/bin/$tool"
    done
    for tool in ar ranlib; do
        printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$zig" "$tool" > "$dir/bin/$tool"
    done
    chmod +x "$dir/bin/"*
fi
echo "$dir"
