#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the reliability runs at full size, on the debug (KASAN,
# lockdep, kmemleak) kernel unless DEBUG=0, and their figures.
#   FUZZ_COUNT  rtnetlink requests for ibfo_nlfuzz (default 100000)
#   FUZZ_SEED   its seed (default: the time; printed, to reproduce)
#   DEBUG=0     on the distro kernel instead
# Exit status non-zero if a run fails (mismatch, splat, leak, crash).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
count=${FUZZ_COUNT:-100000}
seed=${FUZZ_SEED:-$(date +%s)}
lane=debug
[ "${DEBUG:-1}" = 0 ] && lane=distro
echo "stress: $lane kernel, ibfo_nlfuzz $count requests, seed $seed"
# One selftest per run, with the sizes passed into the guest; the
# runner's per-test timeout and the guest's scaled for the size.
GUEST_ENV="FUZZ_COUNT=$count FUZZ_SEED=$seed TEST_TIMEOUT=86400" \
VM_TIMEOUT=86400 DISTRO=$([ $lane = distro ] && echo 1 || echo 0) \
	T='^ibfo_fuzz$' DEBUG=${DEBUG:-1} tools/check.sh
rc=$?
echo "stress: figures ($lane kernel):"
grep -h '# fuzz: \|kmemleak' "$top/.check/$lane.tap" 2>/dev/null |
	sed 's/^# */  /'
exit $rc
