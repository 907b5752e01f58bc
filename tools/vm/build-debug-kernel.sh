#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) the debug-lane kernel: Debian's linux-source-6.12 (from
# bookworm-backports, built with the host's gcc-12 as Debian builds it) with
# tinyconfig + tools/vm/debug.config (KASAN, lockdep, kmemleak, ...).
#
# Usage: build-debug-kernel.sh [--print-dir]
#   (no args)    build unless cached; last stdout line is the cache dir
#   --print-dir  print the cache dir if already built, else exit 1
#
# Cache dir ($IBFO_DEBUG_KERNEL_CACHE, default /var/cache/ibfo-debug-kernel)
# /<key>/ contains:
#   bzImage                     the kernel
#   kver                        kernel release string (one line)
#   mods/lib/modules/<kver>/    installed modules, depmod done
#   build/                      built tree, usable as KDIR for M= builds
#   config                      the final .config
# key = source package version + hash of (fragment, BUILD_REV, compiler), so
# changing any of them builds a new kernel instead of reusing a stale one.
# Progress goes to stderr, make output to build/ibfo-build.log.
set -eu

# Bump when the build logic below changes in a way that affects the output.
BUILD_REV=1
SRC_PKG=linux-source-6.12
SRC_TARBALL=/usr/src/linux-source-6.12.tar.xz
DEPS="$SRC_PKG build-essential flex bison bc libelf-dev libssl-dev cpio kmod xz-utils rsync"

here=$(cd "$(dirname "$0")" && pwd)
fragment=$here/debug.config
cache_root=${IBFO_DEBUG_KERNEL_CACHE:-/var/cache/ibfo-debug-kernel}
# depmod lives in /usr/sbin, which a non-login root shell may not have.
PATH=$PATH:/usr/sbin:/sbin

log() { echo "build-debug-kernel: $*" >&2; }
# shellcheck source=../lib/apt.sh
. "$here/../lib/apt.sh"
die() { log "ERROR: $*"; exit 1; }

print_only=0
case "${1:-}" in
    "") ;;
    --print-dir) print_only=1 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) die "unknown argument: $1" ;;
esac
[ -r "$fragment" ] || die "missing config fragment $fragment"

cache_key() {
    local ver sum
    ver=$(dpkg-query -W -f='${Version}' "$SRC_PKG")
    # The compiler is part of the key: out-of-tree modules must be built with
    # the same gcc as the tree, and KASAN/UBSAN flags depend on it.
    sum=$( { cat "$fragment"; echo "BUILD_REV=$BUILD_REV"; gcc --version 2>/dev/null | head -n1; } \
        | sha256sum | cut -c1-16)
    echo "${ver}-${sum}"
}

# A published dir is complete by construction (atomic rename); these checks
# only guard against someone deleting parts of it by hand.
is_complete() {
    [ -s "$1/bzImage" ] && [ -s "$1/kver" ] && [ -s "$1/build/Module.symvers" ] &&
        [ -d "$1/mods/lib/modules/$(cat "$1/kver")" ]
}

if [ "$print_only" = 1 ]; then
    pkg_installed "$SRC_PKG" || exit 1
    dir=$cache_root/$(cache_key)
    is_complete "$dir" || exit 1
    echo "$dir"
    exit 0
fi

# Fast path: no apt, no locking when the kernel is already there.
if pkg_installed "$SRC_PKG"; then
    dir=$cache_root/$(cache_key)
    if is_complete "$dir"; then
        echo "$dir"
        exit 0
    fi
fi

[ "$(uname -m)" = x86_64 ] || die "only x86_64 hosts are supported"

# shellcheck disable=SC2086  # word splitting of the package list is wanted
host_install $DEPS || die "could not install: $DEPS"
[ -r "$SRC_TARBALL" ] || die "$SRC_TARBALL not found (is $SRC_PKG installed?)"

key=$(cache_key)
dir=$cache_root/$key
tmp=$dir.tmp
mkdir -p "$cache_root"

# Serialise concurrent callers (e.g. parallel test lanes); the loser waits and
# then finds the published dir.
exec 9>"$dir.lock"
if ! flock -n 9; then
    log "another build of $key is running; waiting for it"
    flock 9
fi
if is_complete "$dir"; then
    echo "$dir"
    exit 0
fi

start=$(date +%s)
# Anything left in .tmp is from an interrupted build: never reuse it.
rm -rf "$tmp" "$dir"
mkdir -p "$tmp/build"
buildlog=$tmp/build/ibfo-build.log

log "unpacking $SRC_TARBALL into $tmp/build"
tar -xJf "$SRC_TARBALL" -C "$tmp/build" --strip-components=1

mk() {
    if ! make -C "$tmp/build" "$@" >>"$buildlog" 2>&1; then
        tail -n 40 "$buildlog" >&2
        die "make $* failed; full log: $buildlog"
    fi
}

# Every line of the fragment must survive olddefconfig: Kconfig silently drops
# symbols whose dependencies are unmet, which would quietly lose a debug check.
verify_config() {
    local line sym bad=""
    while IFS= read -r line; do
        case "$line" in
            CONFIG_*=*)
                grep -qxF -- "$line" "$tmp/build/.config" ||
                    bad="$bad
  want: $line   got: $(grep -E "^(# )?${line%%=*}[= ]" "$tmp/build/.config" || echo '(absent)')"
                ;;
            "# CONFIG_"*" is not set")
                sym=${line#\# }
                sym=${sym%% *}
                ! grep -q "^$sym=" "$tmp/build/.config" ||
                    bad="$bad
  want: $line   got: $(grep "^$sym=" "$tmp/build/.config")"
                ;;
        esac
    done <"$fragment"
    [ -z "$bad" ] || die "config symbols from $fragment did not stick:$bad"
}

log "configuring (tinyconfig + $(basename "$fragment"))"
mk tinyconfig
# -m: only merge, olddefconfig below resolves dependencies.
(cd "$tmp/build" && scripts/kconfig/merge_config.sh -m .config "$fragment") >>"$buildlog" 2>&1 ||
    die "merge_config.sh failed; see $buildlog"
mk olddefconfig
verify_config

log "building bzImage + modules with -j$(nproc) (log: $buildlog)"
mk -j"$(nproc)" bzImage modules
verify_config

kver=$(make -s -C "$tmp/build" kernelrelease)
log "installing modules for $kver"
mk modules_install INSTALL_MOD_PATH="$tmp/mods"
# These point at the absolute .tmp path (dangling after the rename) and would
# drag the whole tree into an initramfs built with cp -L / rsync -L.
rm -f "$tmp/mods/lib/modules/$kver/build" "$tmp/mods/lib/modules/$kver/source"
depmod -b "$tmp/mods" "$kver"

cp "$tmp/build/arch/x86/boot/bzImage" "$tmp/bzImage"
cp "$tmp/build/.config" "$tmp/config"
echo "$kver" >"$tmp/kver"
log "built $kver in $(( $(date +%s) - start ))s"

mv "$tmp" "$dir"
echo "$dir"
