#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the ip plugin against the iproute2 of another Debian release and
# check that release's ip loads it (tools/ip/Makefile's smoke test), in
# a Debian tree of that release (tools/vm/chroot.sh).  The plugin
# interface is no stable ABI: this is what ibfo-tools built on that
# release would be.
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
"$top/tools/vm/chroot.sh" run "$dir" "$top" sh -euc '
	make -C "$1" clean all
	echo "plugin: built against iproute2 $(dpkg-query -W -f="\${Version}" iproute2), loaded by $(ip -V)"
' sh "$work/tools/ip"
