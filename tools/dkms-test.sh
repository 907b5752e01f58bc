#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Check that dkms.conf works: Debian's dkms adds and builds the package
# against the headers of each lane kernel installed here (6.1, 6.12;
# KERNEL=NAME: that one), in private trees (nothing is installed), and
# the built modules carry the package version.  A kernel older than the
# oldest supported one stops the build with a message that names it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=lib/apt.sh
. "$top/tools/lib/apt.sh"
host_install dkms
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$top/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/$name-$ver" "$work/tree" "$work/install"
cp -r "$top"/{Makefile,Kbuild,dkms.conf,compat,drivers,include,tools} "$work/src/$name-$ver/"
find "$work/src/$name-$ver" \( -name '*.o' -o -name '*.ko' -o -name '*.cmd' \
	-o -name '*.mod*' -o -name Module.symvers -o -name modules.order \
	-o -name compat_autoconf.h \) -delete
opts=(--dkmstree "$work/tree" --sourcetree "$work/src" --installtree "$work/install")
dkms add "${opts[@]}" -m "$name" -v "$ver"
for lane in ${KERNEL:-$("$top/tools/vm/kernel.sh" list)}; do
	kver=$("$top/tools/vm/kernel.sh" get KVER "$lane" 2>/dev/null) || continue
	[ -z "$("$top/tools/vm/kernel.sh" get CHROOT "$lane")" ] || continue
	echo "== $lane: $kver"
	dkms build "${opts[@]}" -m "$name" -v "$ver" -k "$kver"
	for m in ibfo softib; do
		ko=$(find "$work/tree/$name/$ver/$kver" -name "$m.ko*" | head -n 1)
		[ -n "$ko" ] || { echo "dkms-test: $m.ko not built" >&2; exit 1; }
		modinfo "$ko" | grep -E '^(filename|version|vermagic|license):'
		modinfo -F vermagic "$ko" | grep -q "^$kver " ||
			{ echo "dkms-test: $m.ko built for the wrong kernel" >&2; exit 1; }
		[ "$(modinfo -F version "$ko")" = "$ver" ] ||
			{ echo "dkms-test: $m.ko: version is not $ver" >&2; exit 1; }
		modinfo -F license "$ko" | grep -qx GPL ||
			{ echo "dkms-test: $m.ko: license is not GPL" >&2; exit 1; }
	done
done

# A kernel older than 6.1 (its headers' PATCHLEVEL made 0).
kdir=$("$top/tools/vm/kernel.sh" get KDIR 6.1)
if make -C "$kdir" M="$work/src/$name-$ver" PATCHLEVEL=0 modules > "$work/old.log" 2>&1 ||
   ! grep -q 'ibfo needs Linux 6.1 or later' "$work/old.log"; then
	cat "$work/old.log"
	echo "dkms-test: an unsupported kernel was not refused clearly" >&2
	exit 1
fi
echo "unsupported kernel: $(grep -o 'ibfo needs Linux.*supported' "$work/old.log")"
