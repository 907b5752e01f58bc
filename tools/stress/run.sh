#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the reliability runs at full size, on the debug (KASAN,
# lockdep, kmemleak) kernel unless DEBUG=0, and their figures.
#   T=REGEX       only the stress tests matching it (default: all)
#   FUZZ_COUNT    rtnetlink requests for ibfo_nlfuzz (default 100000)
#   FUZZ_SEED     its seed (default: the time; printed, to reproduce)
#   FAULT_STEP    ibfo_faults: every STEP-th allocation (default 1)
#   FAULT_ROUNDS  ibfo_faults: sweeps of each operation (default 2)
#   DEBUG=0       on the distro kernel instead
# Exit status non-zero if a run fails (mismatch, splat, leak, crash).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
lane=debug
[ "${DEBUG:-1}" = 0 ] && lane=distro

# The stress tests: selftest, its guest environment at full size, and
# the pattern of its figure lines in the TAP output.
tests=()
declare -A test_env test_figures
add_test()	# add_test NAME ENV FIGURES
{
	tests+=("$1")
	test_env[$1]=$2
	test_figures[$1]=$3
}
seed=${FUZZ_SEED:-$(date +%s)}
add_test ibfo_fuzz "FUZZ_COUNT=${FUZZ_COUNT:-100000} FUZZ_SEED=$seed" \
	'# fuzz: '
add_test ibfo_faults "FAULT_STEP=${FAULT_STEP:-1} FAULT_ROUNDS=${FAULT_ROUNDS:-2}" \
	'# faults: '

run=()
guest_env="TEST_TIMEOUT=86400"
figures='kmemleak'
for t in "${tests[@]}"; do
	[[ $t =~ ${T:-.} ]] || continue
	run+=("$t")
	guest_env+=" ${test_env[$t]}"
	figures+="|${test_figures[$t]}"
done
[ ${#run[@]} -gt 0 ] || { echo "stress: no test matches T=$T"; exit 2; }
echo "stress: $lane kernel: ${run[*]}; $guest_env"
# One guest, the selected selftests in it, with the sizes passed in; the
# runner's per-test timeout and the guest's scaled for the size.
GUEST_ENV=$guest_env VM_TIMEOUT=86400 \
	DISTRO=$([ $lane = distro ] && echo 1 || echo 0) \
	T="^($(IFS='|'; echo "${run[*]}"))\$" DEBUG=${DEBUG:-1} tools/check.sh
rc=$?
echo "stress: figures ($lane kernel):"
grep -hE "$figures" "$top/.check/$lane.tap" 2>/dev/null | sed 's/^# */  /'
exit $rc
