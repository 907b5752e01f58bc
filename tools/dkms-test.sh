#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Check that dkms.conf works: Debian's dkms adds and builds the package
# against the installed headers, in private trees (nothing is installed),
# and the built modules carry the package version.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
kver=$("$top/tools/vm/kernel.sh")
if ! command -v dkms >/dev/null; then
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dkms
fi
name=$(sed -n 's/^PACKAGE_NAME="\(.*\)"/\1/p' "$top/dkms.conf")
ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/$name-$ver" "$work/tree" "$work/install"
cp -r "$top"/{Makefile,Kbuild,dkms.conf,drivers,include,tools} "$work/src/$name-$ver/"
find "$work/src/$name-$ver" \( -name '*.o' -o -name '*.ko' -o -name '*.cmd' \
	-o -name '*.mod*' -o -name Module.symvers -o -name modules.order \) -delete
opts=(--dkmstree "$work/tree" --sourcetree "$work/src" --installtree "$work/install")
dkms add "${opts[@]}" -m "$name" -v "$ver"
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
