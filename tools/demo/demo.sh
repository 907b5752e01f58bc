#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make demo: the ibfo failover demonstration.  Boots the test guest (QEMU
# TCG, no hardware, no network device) with the freshly built modules and
# the ip plugin, and runs tools/demo/guest.sh in it: ibfo0 and then bonding
# (active-backup, miimon 100) lose their active IB port under traffic, with
# the guest's output streamed as it happens and a summary at the end: the
# milestones of each failover in ms after the fault, from tracepoints, the
# way make bench takes them (tools/bench/lib.sh, fo_probe).
#
# usage: tools/demo/demo.sh [run.sh options]   (e.g. --logdir DIR)
# Build the modules first (make modules plugin; "make demo" does both);
# this builds tools/bench/fo_probe.
set -eu

top=$(cd "$(dirname "$0")/../.." && pwd)

if ! ls "$top"/drivers/net/ibfo/ibfo.ko >/dev/null 2>&1; then
	echo "demo: ibfo.ko is not built; run 'make demo' (or 'make modules plugin')" >&2
	exit 1
fi
make -s -C "$top/tools/bench" || { echo "demo: cannot build tools/bench/fo_probe" >&2; exit 1; }
echo "demo: booting the test guest (about 10 s), then two failovers under traffic"
exec "$top/tools/vm/run.sh" --timeout 900 "$@" -- "$top/tools/demo/guest.sh"
