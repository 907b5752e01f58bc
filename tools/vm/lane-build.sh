#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build ibfo.ko and softib.ko for one kernel lane in a copy of the tree,
# so that lanes never share objects.
#
# usage: lane-build.sh NAME DIR [MAKE-ARG...]
#   NAME: a lane (tools/vm/kernel.sh list); DIR: the copy (made afresh);
#   MAKE-ARG: e.g. W=1 C=1 SOFTIB_PLANT_BUG=y.  The build's output is
#   DIR/build.log; the modules are DIR/drivers/**/*.ko.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
name=$1 dir=$2
shift 2
rm -rf "$dir"
mkdir -p "$dir"
cp -r "$top"/{Kbuild,Makefile,dkms.conf,compat,drivers,include} "$dir/"
mkdir -p "$dir/tools/vm" "$dir/tools/lib"
cp "$top"/tools/vm/{kernel.sh,chroot.sh} "$dir/tools/vm/"
cp "$top"/tools/lib/apt.sh "$dir/tools/lib/"
find "$dir" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' \
	-o -name compat_autoconf.h \) -delete
make -C "$dir" -j"$(nproc)" KERNEL="$name" "$@" modules > "$dir/build.log" 2>&1
