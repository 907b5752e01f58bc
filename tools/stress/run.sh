#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make stress: the reliability runs at full size, on the debug (KASAN,
# lockdep, kmemleak) kernel unless DEBUG=0, and their figures.
#   FUZZ_COUNT    rtnetlink requests for ibfo_nlfuzz (default 100000)
#   FUZZ_SEED     its seed (default: the time; printed, to reproduce)
#   RACE_SECONDS  how long ibfo_races races (default 600)
#   T=REGEX       only the stress tests matching REGEX (default: all)
#   DEBUG=0       on the distro kernel instead
# Exit status non-zero if a run fails (mismatch, splat, leak, crash).
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
count=${FUZZ_COUNT:-100000}
seed=${FUZZ_SEED:-$(date +%s)}
race_secs=${RACE_SECONDS:-600}
lane=debug
[ "${DEBUG:-1}" = 0 ] && lane=distro

# The stress tests: "selftest|its guest environment at full size|the
# grep -E pattern of its figure lines".
stress_tests=(
	"ibfo_fuzz|FUZZ_COUNT=$count FUZZ_SEED=$seed|# fuzz: "
	"ibfo_races|RACE_SECONDS=$race_secs|# races: "
)

names=() env="" figures="kmemleak"
for t in "${stress_tests[@]}"; do
	IFS='|' read -r name tenv fig <<<"$t"
	[[ $name =~ ${T:-.} ]] || continue
	names+=("$name")
	env="$env $tenv"
	figures="$figures|$fig"
done
[ ${#names[@]} -gt 0 ] || { echo "stress: no test matches T='${T:-}'" >&2; exit 2; }
regex="^($(IFS='|'; echo "${names[*]}"))\$"
echo "stress: $lane kernel, ${names[*]}:$env"
# The runner's per-test timeout and the guest's scaled for the sizes.
GUEST_ENV="${env# } TEST_TIMEOUT=86400" \
VM_TIMEOUT=86400 DISTRO=$([ $lane = distro ] && echo 1 || echo 0) \
	T="$regex" DEBUG=${DEBUG:-1} tools/check.sh
rc=$?
echo "stress: figures ($lane kernel):"
grep -hE "$figures" "$top/.check/$lane.tap" 2>/dev/null |
	sed 's/^# */  /'
exit $rc
