#!/usr/bin/env bash
# Builds CPython 3.11 for glibc 2.28 (UOS 20) on a newer build machine and prints its prefix.
#
# Sources are Debian's patched packages (sources.sh). Everything is compiled with
# `zig cc -target x86_64-linux-gnu.2.28` (zig from the PyPI package ziglang), which links
# against glibc 2.28's symbol versions whatever glibc the build machine has. OpenSSL, xz,
# zlib, bzip2 and libffi are built the same way and linked statically; the build machine's
# /usr/include and /usr/lib are kept out of CPython's setup.py, so no extension links a host
# library. Results are cached under $XUEJI_CACHE (default ~/.cache/xueji-build), keyed by
# the versions: a second run only prints the prefix. About 15 minutes on 2 idle cores.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${XUEJI_CACHE:-$HOME/.cache/xueji-build}
GLIBC=2.28
jobs=$(nproc)
log() { echo "build-python: $*" >&2; }

zigdir=$("$here/zig.sh")
py_src=$("$here/sources.sh" python3.11)
ssl_src=$("$here/sources.sh" openssl)
xz_src=$("$here/sources.sh" xz-utils)
zlib_src=$("$here/sources.sh" zlib)
bz2_src=$("$here/sources.sh" bzip2)
ffi_src=$("$here/sources.sh" libffi)
key="$(basename "$py_src")_$(basename "$ssl_src")_$(basename "$xz_src")_$(basename "$zigdir")_glibc-$GLIBC"
prefix="$cache/cpython/$key"
if [ -f "$prefix/.complete" ]; then echo "$prefix"; exit 0; fi

export ZIG_GLOBAL_CACHE_DIR="$cache/zig-cache" ZIG_LOCAL_CACHE_DIR="$cache/zig-cache"
export CC="$zigdir/bin/cc" CXX="$zigdir/bin/c++" AR="$zigdir/bin/ar" RANLIB="$zigdir/bin/ranlib"
# Only the libraries built here are visible to configure and pkg-config.
deps="$cache/deps/$key"
export PKG_CONFIG_LIBDIR="$deps/lib/pkgconfig" PKG_CONFIG_PATH=""
work="$cache/work/$key"
mkdir -p "$work" "$deps"

fresh() { rm -rf "$work/$1" && cp -a "$2" "$work/$1" && cd "$work/$1"; }

build_zlib() {
    fresh zlib "$zlib_src"
    CFLAGS="-O2 -fPIC" ./configure --static --prefix="$deps"
    make -j"$jobs" libz.a
    make install
}

build_bzip2() {
    fresh bzip2 "$bz2_src"
    make -j"$jobs" libbz2.a CC="$CC" AR="$AR" RANLIB="$RANLIB" CFLAGS="-O2 -fPIC -D_FILE_OFFSET_BITS=64"
    install -D -m644 bzlib.h "$deps/include/bzlib.h"
    install -D -m644 libbz2.a "$deps/lib/libbz2.a"
}

build_xz() {
    fresh xz "$xz_src"
    ./configure --prefix="$deps" --disable-shared --enable-static --with-pic --disable-xz \
        --disable-xzdec --disable-lzmadec --disable-lzmainfo --disable-scripts --disable-doc \
        --disable-nls --disable-lzma-links
    make -j"$jobs"
    make install
}

build_libffi() {
    fresh libffi "$ffi_src"
    # Static trampolines (3.4's default) do not compile with clang: the classic closures do.
    ./configure --prefix="$deps" --libdir="$deps/lib" --disable-shared --enable-static \
        --with-pic --disable-docs --disable-multi-os-directory --disable-exec-static-tramp
    make -j"$jobs"
    make install
}

build_openssl() {
    fresh openssl "$ssl_src"
    # The certificates are looked up where Debian, UOS and Kylin keep them.
    ./Configure linux-x86_64 no-shared no-tests -fPIC --prefix="$deps" --libdir=lib \
        --openssldir=/usr/lib/ssl
    make -j"$jobs" build_libs
    make install_dev
}

build_cpython() {
    fresh python "$py_src"
    # Keep the build machine's headers and libraries out of setup.py's search.
    sed -i -e 's/^\(\s*\)self.add_multiarch_paths()$/\1pass  # no host multiarch paths/' \
        -e "s|^\(\s*\)system_lib_dirs = \['/lib64'.*|\1system_lib_dirs = []|" \
        -e "s|^\(\s*\)system_include_dirs = \['/usr/include'\]|\1system_include_dirs = []|" setup.py
    grep -q 'system_include_dirs = \[\]' setup.py
    grep -q 'no host multiarch' setup.py
    # Debian's CVE-2026-4224 fix makes pyexpat include an internal header, which Debian's own
    # build allows by linking pyexpat into the interpreter; here it is a shared module.
    sed -i "s/Extension('pyexpat', sources=\['pyexpat.c'\])/Extension('pyexpat', sources=['pyexpat.c'], define_macros=[('Py_BUILD_CORE_MODULE', '1')])/" setup.py
    grep -q "'pyexpat.c'\], define_macros" setup.py
    # zig's linker knows -soname, not its short form -h.
    sed -i -e 's/-Wl,-h\$(INSTSONAME)/-Wl,-soname,$(INSTSONAME)/' -e 's/-Wl,-h\$@/-Wl,-soname,$@/' \
        Makefile.pre.in
    if grep -q 'Wl,-h' Makefile.pre.in; then echo "a -Wl,-h is left in Makefile.pre.in"; exit 1; fi
    # No ensurepip: Debian's is disabled (and its wheels removed); build.sh brings pip from PyPI.
    ./configure --prefix="$prefix" --enable-shared --with-openssl="$deps" --with-ensurepip=no \
        --without-static-libpython --disable-test-modules \
        CPPFLAGS="-I$deps/include" LDFLAGS="-L$deps/lib -Wl,-rpath,$prefix/lib" LIBS="-ldl -pthread"
    # PY3LIBRARY: no libpython3.so (the stable-ABI forwarder, a link of nothing but
    # libpython3.11.so, which zig cc cannot do); nothing here loads it.
    make -j"$jobs" PY3LIBRARY=
    grep -A12 'necessary bits to build these optional modules' "$work/cpython.log" >&2 || true
    make install PY3LIBRARY=
    # The modules the program needs must all have been built.
    "$prefix/bin/python3.11" -c 'import ssl, hashlib, lzma, bz2, zlib, ctypes, _decimal, pyexpat
import xml.etree.ElementTree as tree; print(ssl.OPENSSL_VERSION, tree.fromstring("<a>学籍</a>").text)' >&2
}

# Each step runs once; its output goes to $work/<step>.log, shown when it fails.
step() {
    [ -f "$deps/.built-$1" ] && return 0
    log "$1"
    set +e
    (set -e; "build_$1") >"$work/$1.log" 2>&1
    local status=$?
    set -e
    if [ $status -ne 0 ]; then
        grep -v 'warning\|^ *[0-9]* |\|^ *|\|generated\.' "$work/$1.log" | tail -40 >&2
        echo "build-python: $1 failed, full log: $work/$1.log" >&2
        exit 1
    fi
    touch "$deps/.built-$1"
}

for part in zlib bzip2 xz libffi openssl; do step "$part"; done
rm -rf "$prefix"
step cpython
touch "$prefix/.complete"
rm -rf "$work"
echo "$prefix"
