#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: the ibfo failover demonstration.  Boots the test guest (QEMU
# TCG, no hardware, no network device) with the freshly built modules and
# the ip plugin, and runs tools/demo/guest.sh in it: ibfo0 and then bonding
# (active-backup, miimon 100) lose their active IB port under traffic, with
# the guest's output streamed as it happens and a summary at the end.
#
# usage: tools/demo/demo.sh [run.sh options]   (e.g. --logdir DIR)
# Build first (make modules plugin; "make demo" does both).
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)

if ! ls "$top"/drivers/net/ibfo/ibfo.ko >/dev/null 2>&1; then
	echo "demo: ibfo.ko is not built; run 'make demo' (or 'make modules plugin')" >&2
	exit 1
fi
echo "demo: booting the test guest (about 10 s), then two failovers under traffic"
exec "$top/tools/vm/run.sh" --timeout 900 "$@" -- "$top/tools/demo/guest.sh"
