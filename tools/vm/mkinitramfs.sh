#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the guest's initramfs: busybox, the real iproute2 and kmod with their
# libraries, the kernel modules our tests need (resolved through modules.dep),
# our own modules, the selftests and tools, and /init.
#
# usage: mkinitramfs.sh KVER MODROOT OUT KO...
#   MODROOT/lib/modules/KVER holds the kernel's modules; KO are ours.
set -eu

kver=$1 modroot=$2 out=$3
shift 3
top=$(cd "$(dirname "$0")/../.." && pwd)
src=$modroot/lib/modules/$kver

# Modules the guest may load; their dependencies come along.  The
# systemd guest (run.sh --disk) needs only those that mount its disk.
want_mods=${IBFO_INITRD_MODS:-"ib_core ib_cm ib_ipoib bonding team
	team_mode_activebackup team_mode_roundrobin team_mode_loadbalance
	team_mode_broadcast team_mode_random veth dummy"}
# Binaries copied with their shared libraries (busybox shadows the rest).
want_bins="ip rdma kmod ethtool ${GUEST_BINS:-}"
# Debian's ip loads its link_KIND.so plugins from here.
iplibdir=/usr/lib/$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/ip

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mkdir -p "$root"/{bin,sbin,etc,proc,sys,dev,tmp,run,var,root,mnt,opt/ibfo}
mkdir -p "$root/lib/modules/$kver/updates" "$root$iplibdir"
ln -s ../run "$root/var/run"
cp /bin/busybox "$root/bin/busybox"
for a in $("$root/bin/busybox" --list-full); do
	[ -e "$root/$a" ] || { mkdir -p "$root/$(dirname "$a")"; ln -s /bin/busybox "$root/$a"; }
done

copy_with_libs()
{
	local f=$1 dst=$2 lib
	mkdir -p "$root$(dirname "$dst")"
	# dst may be a busybox applet link: never write through it.
	rm -f "$root$dst"
	cp -L "$f" "$root$dst"
	for lib in $(ldd "$f" | grep -o '/[^ ]*'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

for b in $want_bins; do
	p=$(command -v "$b") || { echo "mkinitramfs: $b not installed" >&2; exit 1; }
	copy_with_libs "$p" "/sbin/$b"
done
for t in modprobe insmod rmmod lsmod depmod modinfo; do
	ln -sf kmod "$root/sbin/$t"
done
# Our ip plugin ("type ibfo"), if built: make plugin.
for so in "$top"/tools/ip/link_ibfo*.so; do
	if [ -e "$so" ]; then
		cp -L "$so" "$root$iplibdir/"
	fi
done
# busybox installed /bin/ip etc.; make sure the real ones win on PATH too.
rm -f "$root/bin/ip" "$root/bin/modprobe" "$root/bin/insmod" "$root/bin/rmmod" "$root/bin/lsmod"
# busybox's sh runs its own applets (ip, modprobe, ...) before searching
# PATH, so scripts would silently get busybox's ip; dash searches PATH.
copy_with_libs /bin/dash /bin/dash
ln -sf dash "$root/bin/sh"

# Distro modules with their dependency closure, from modules.dep.
declare -A seen=()
add_mod()	# add_mod NAME: NAME? is optional (skipped if the kernel lacks it)
{
	local rel dep opt=
	case $1 in *\?) opt=1; set -- "${1%\?}" ;; esac
	rel=$(awk -F: -v m="$1" '{ n = $1; sub(".*/", "", n); sub("\\.ko.*", "", n); gsub("-", "_", n) }
		n == m { print $1; exit }' "$src/modules.dep")
	if [ -z "$rel" ] && grep -q "/${1}.ko" "$src/modules.builtin" 2>/dev/null; then
		return 0
	fi
	[ -n "$rel" ] || [ -z "$opt" ] || return 0
	[ -n "$rel" ] || { echo "mkinitramfs: module $1 not in $src" >&2; exit 1; }
	add_rel "$rel"
}
add_rel()
{
	local rel=$1 dep
	[ -n "${seen[$rel]:-}" ] && return 0
	seen[$rel]=1
	mkdir -p "$root/lib/modules/$kver/$(dirname "$rel")"
	# Debian compresses modules from 6.12 on: unpack them here once
	# rather than in the emulated guest at every load.
	case $rel in
	*.ko.xz) xz -dc "$src/$rel" > "$root/lib/modules/$kver/${rel%.xz}" ;;
	*.ko.zst) zstd -qdc "$src/$rel" > "$root/lib/modules/$kver/${rel%.zst}" ;;
	*.ko.gz) gzip -dc "$src/$rel" > "$root/lib/modules/$kver/${rel%.gz}" ;;
	*) cp "$src/$rel" "$root/lib/modules/$kver/$rel" ;;
	esac
	for dep in $(awk -F: -v r="$rel" '$1 == r { print $2; exit }' "$src/modules.dep"); do
		add_rel "$dep"
	done
}
for m in $want_mods; do
	add_mod "$m"
done
cp "$src"/modules.order "$src"/modules.builtin* "$root/lib/modules/$kver/" 2>/dev/null || true
for ko in "$@"; do
	cp "$ko" "$root/lib/modules/$kver/updates/"
done
depmod -b "$root" "$kver"

# The project payload: selftests and tools, as in the repo.
cp -r "$top/selftests" "$top/tools" "$root/opt/ibfo/"
cp "$top/tools/vm/init" "$root/init"
chmod +x "$root/init"
echo "$kver" > "$root/etc/kver"

(cd "$root" && find . | cpio -o -H newc --quiet) > "$out"
