#!/usr/bin/env bash
# Fetches Debian's patched source of one package into $XUEJI_CACHE/src/<package>-<version>/
# (apt-get source, which runs dpkg-source -x and so applies Debian's patches). Enables the
# deb-src lines of the Debian sources when none are enabled. Prints the unpacked folder.
# Usage: sources.sh PACKAGE
set -euo pipefail
pkg=$1
cache=${XUEJI_CACHE:-$HOME/.cache/xueji-build}
mkdir -p "$cache/src"

if ! apt-cache showsrc "$pkg" 2>/dev/null | grep -q '^Version:'; then
    src=/etc/apt/sources.list.d/xueji-debian-src.sources
    if [ ! -e "$src" ]; then
        # The same mirrors as the binary lines, for source packages.
        sed -e 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$src"
    fi
    apt-get update -qq >&2
fi
# Newest version first; a mirror that lists a source but does not serve it (seen on the
# security mirror) falls through to the next one.
for version in $(apt-cache showsrc "$pkg" | sed -n 's/^Version: //p' | sort -uVr); do
    upstream=${version#*:}
    dir="$cache/src/$pkg-$upstream"
    [ -f "$dir/.unpacked" ] && { echo "$dir"; exit 0; }
    command -v dpkg-source >/dev/null || apt-get install -y -qq --no-install-recommends dpkg-dev >&2
    rm -rf "$dir" "$dir.tmp" && mkdir -p "$dir.tmp"
    if (cd "$dir.tmp" && apt-get source -qq --download-only "$pkg=$version" \
            && dpkg-source -x ./*.dsc unpacked) >"$dir.log" 2>&1; then
        mv "$dir.tmp/unpacked" "$dir" && rm -rf "$dir.tmp" "$dir.log"
        touch "$dir/.unpacked"
        echo "$dir"
        exit 0
    fi
    echo "sources.sh: $pkg $version not fetched, trying an older one" >&2
    rm -rf "$dir.tmp" "$dir.log"
done
echo "sources.sh: no version of $pkg could be fetched" >&2
exit 1
