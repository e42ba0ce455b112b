#!/usr/bin/env bash
# Installs zig from the PyPI package ziglang into $XUEJI_CACHE/zig-<version>/ (once) and writes
# cc, c++, ar and ranlib wrappers there that target glibc 2.28. Prints that folder.
set -euo pipefail
ZIG_VERSION=0.17.1
GLIBC=2.28
cache=${XUEJI_CACHE:-$HOME/.cache/xueji-build}
dir="$cache/zig-$ZIG_VERSION"
zig="$dir/ziglang/zig"
if [ ! -x "$zig" ]; then
    rm -rf "$dir"
    "${PYTHON:-python3}" -m pip install --quiet --disable-pip-version-check --target "$dir" \
        "ziglang==$ZIG_VERSION" >&2
fi
mkdir -p "$dir/bin"
# -fno-sanitize=undefined: zig cc turns UBSan on for unoptimised compiles (configure's);
# -Wno-error=date-time: zig makes __DATE__ an error, CPython's getbuildinfo.c uses it.
for tool in cc c++; do
    printf '#!/bin/sh\nexec "%s" %s -target x86_64-linux-gnu.%s %s "$@"\n' "$zig" "$tool" \
        "$GLIBC" "-fno-sanitize=undefined -Wno-error=date-time" > "$dir/bin/$tool.new"
done
for tool in ar ranlib; do
    printf '#!/bin/sh\nexec "%s" %s "$@"\n' "$zig" "$tool" > "$dir/bin/$tool.new"
done
for tool in cc c++ ar ranlib; do
    chmod +x "$dir/bin/$tool.new" && mv "$dir/bin/$tool.new" "$dir/bin/$tool"
done
echo "$dir"
