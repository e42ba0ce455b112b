#!/usr/bin/env bash
# Makes (once) a Debian 11 "bullseye" root file system for testing the legacy package and
# prints the path of its tarball: $XUEJI_CACHE/chroot/bullseye-<key>.tar.gz.
#
# Debian 11 has glibc 2.31 (Kylin V10's); Debian 10 (glibc 2.28, UOS 20's) is no longer on the
# mirror. The root holds what the test itself uses (Xvfb, xwd for the screenshot, pdffonts) and apt's package lists, but none of the package's own dependencies: the test
# installs those with `apt-get -f install`, which proves the package declares them.
set -euo pipefail
cache=${XUEJI_CACHE:-$HOME/.cache/xueji-build}
MIRROR=${XUEJI_DEBIAN_MIRROR:-http://deb.debian.org/debian}
INCLUDE=xvfb,xauth,x11-apps,poppler-utils,ca-certificates
key=$(echo "bullseye $INCLUDE" | sha256sum | cut -c1-12)
tarball="$cache/chroot/bullseye-$key.tar.gz"
if [ -f "$tarball" ]; then echo "$tarball"; exit 0; fi

command -v debootstrap >/dev/null || apt-get install -y -qq --no-install-recommends debootstrap >&2
mkdir -p "$cache/chroot"
root=$(mktemp -d "$cache/chroot/bullseye-build.XXXXXX")
cleanup() {
    for m in proc dev sys; do umount -l "$root/$m" 2>/dev/null || true; done
    grep -q " $root/" /proc/mounts || rm -rf "$root"
    rm -f "$root.tar.gz" "$root.log"
}
trap cleanup EXIT
debootstrap --variant=minbase --include="$INCLUDE" bullseye "$root" "$MIRROR" \
    >"$root.log" 2>&1 || { tail -30 "$root.log" >&2; exit 1; }
echo "deb $MIRROR bullseye main" > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf"
chroot "$root" apt-get update -qq >&2
chroot "$root" apt-get clean
# Written under a temporary name, so a run that stops half-way leaves no tarball behind.
tar -C "$root" --numeric-owner -czf "$root.tar.gz" .
mv "$root.tar.gz" "$tarball"
echo "$tarball"
