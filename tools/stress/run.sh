#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the reliability runs at full size, on the debug (KASAN,
# lockdep, kmemleak) kernel unless DEBUG=0, and their figures.
#   FUZZ_COUNT  rtnetlink requests for ibfo_nlfuzz (default 100000)
#   FUZZ_SEED   its seed (default: the time; printed, to reproduce)
#   FLAP_COUNT  port events per ibfo mode for ibfo_flap_storm (default 10000)
#   FLAP_SEED   their seed (default: the time; printed)
#   RACE_SECONDS  how long ibfo_races races (default 600)
#   FAULT_STEP  ibfo_faults: every STEP-th allocation (default 1)
#   FAULT_ROUNDS  ibfo_faults: sweeps of each operation (default 2)
#   FAULT_OPS   ibfo_faults: its operations (default: its own; all)
#   T=REGEX     only the stress tests whose names match (default: all)
#   DEBUG=0     on a distro kernel instead (KERNEL=NAME, default 6.1)
# Exit status non-zero if a run fails (mismatch, splat, leak, crash).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
now=$(date +%s)
FUZZ_COUNT=${FUZZ_COUNT:-100000}
FUZZ_SEED=${FUZZ_SEED:-$now}
FLAP_COUNT=${FLAP_COUNT:-10000}
FLAP_SEED=${FLAP_SEED:-$now}
RACE_SECONDS=${RACE_SECONDS:-600}
FAULT_STEP=${FAULT_STEP:-1}
FAULT_ROUNDS=${FAULT_ROUNDS:-2}
lane=debug
[ "${DEBUG:-1}" = 0 ] && lane=${KERNEL:-6.1}

# The stress tests: "selftest|its knobs at full size|its figure lines
# (a grep pattern)".  The knobs go into the guest's environment.
tests=(
	"ibfo_fuzz|FUZZ_COUNT=$FUZZ_COUNT FUZZ_SEED=$FUZZ_SEED|# fuzz: "
	"ibfo_flap_storm|FLAP_COUNT=$FLAP_COUNT FLAP_SEED=$FLAP_SEED FLAP_MODES=active-backup,multipath|# flap storm: "
	"ibfo_races|RACE_SECONDS=$RACE_SECONDS|# races: "
	"ibfo_faults|FAULT_STEP=$FAULT_STEP FAULT_ROUNDS=$FAULT_ROUNDS${FAULT_OPS:+ FAULT_OPS=$FAULT_OPS}|# faults: "
)

names=() env=() figures=()
for t in "${tests[@]}"; do
	IFS='|' read -r name knobs pattern <<<"$t"
	[[ $name =~ ${T:-.} ]] || continue
	names+=("$name")
	env+=("$knobs")
	figures+=("$pattern")
	echo "stress: $lane kernel, $name: $knobs"
done
[ ${#names[@]} -gt 0 ] || { echo "stress: no test matches T='${T:-}'" >&2; exit 2; }
regex="^($(IFS='|'; echo "${names[*]}"))\$"
figs=$(printf '%s\n' "${figures[@]}" kmemleak)

# One guest for all of them, with the sizes passed in; the runner's
# per-test timeout and the guest's scaled for the size.
GUEST_ENV="${env[*]} TEST_TIMEOUT=86400" \
VM_TIMEOUT=86400 KERNEL=$lane T="$regex" tools/check.sh
rc=$?
echo "stress: figures ($lane kernel):"
grep -h -F "$figs" "$top/.check/$lane.tap" 2>/dev/null | sed 's/^# */  /'
exit $rc
