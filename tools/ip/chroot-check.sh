#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Check the ip plugin against the iproute2 of another Debian release, in
# a Debian tree of that release (tools/vm/chroot.sh): build it against
# that iproute2's source, as ibfo-tools built on that release would be,
# and check that release's ip loads it (tools/ip/Makefile's smoke test).
# Where the mirror has no source package of that iproute2, the plugin
# built here (against this machine's iproute2) is loaded instead, which
# checks that struct link_util and the helpers it uses did not change.
#
# usage: chroot-check.sh SUITE      (e.g. sid: Debian unstable)
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
suite=${1:?usage: chroot-check.sh SUITE}
dir=$("$top/tools/vm/chroot.sh" ensure "$suite" "" iproute2 dpkg-dev)
work=$top/.build/plugin-$suite
rm -rf "$work"
mkdir -p "$work/tools" "$work/include"
cp -r "$top/tools/ip" "$work/tools/"
cp -r "$top/include/uapi" "$work/include/"
in_tree() { "$top/tools/vm/chroot.sh" run "$dir" "$top" "$@"; }
ipver=$(in_tree dpkg-query -W -f='${Version}' iproute2)
if in_tree make -C "$work/tools/ip" clean all > "$work/build.log" 2>&1; then
	echo "plugin: built against iproute2 $ipver, loaded by its ip"
	exit 0
fi
if ! grep -q 'fetch-iproute2: the source of iproute2' "$work/build.log"; then
	cat "$work/build.log"
	exit 1
fi
echo "plugin: the source of iproute2 $ipver is not on the mirror;" \
	"loading the plugin built against $(dpkg-query -W -f='${Version}' iproute2) instead"
make -s -C "$top/tools/ip"
in_tree make -s -C "$work/tools/ip" smoke SO="$top/tools/ip/link_ibfo.so" IP=/usr/sbin/ip
echo "plugin: iproute2 $ipver's ip loads it"
