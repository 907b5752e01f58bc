#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check: build, static checks and the selftests in the test guest, each
# counted as a test; ends with one line "N passed, N failed" and a non-zero
# exit status on any failure.
#   T=REGEX   run only the matching selftests (skips the static checks
#             and the benchmark run)
#   KERNEL=NAME  only that kernel lane: 6.1, 6.12, latest
#             (tools/vm/kernel.sh), or debug; default: all of them
#   DEBUG=0   skip the debug-kernel lane
#   BOOT=0    skip make boot-check (run beside the distro lanes, after
#             the debug lane, on the first lane's kernel)
#   DEBUG=full  every selftest in the debug lane too (default: the ones
#             in DEBUG_T, the tests of lifetimes, locking, teardown and
#             untrusted input, which is what the debug kernel is for;
#             every selftest runs on each distro lane)
#   PLANT_BUG=1  build softib with a deliberate use-after-free and leak
#             in the debug lane only, to prove that lane catches them
#   GUEST_ENV="VAR=VALUE ..."  environment of the selftests in the guest;
#   VM_TIMEOUT  seconds a lane's guest may run (default 4200)
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
T=${T:-}
DEBUG=${DEBUG:-1}
KERNEL=${KERNEL:-}
if [ -z "$KERNEL" ]; then
	lanes=$(tools/vm/kernel.sh list | tr '\n' ' ')
elif [ "$KERNEL" = debug ]; then
	lanes="" DEBUG=1
else
	lanes=$KERNEL DEBUG=0
fi
# The host's own tools (package test, bench) use the first lane.
export KERNEL=${lanes%% *}
logs=$top/.check
rm -rf "$logs"
mkdir -p "$logs"
passed=0 failed=0 failures=""

result()	# result NAME STATUS [DETAIL]
{
	if [ "$2" -eq 0 ]; then
		passed=$((passed + 1))
		echo "ok - $1${3:+ # $3}"
	else
		failed=$((failed + 1))
		failures="$failures $1"
		echo "not ok - $1${3:+ # $3}"
	fi
}

# step NAME CMD...: run CMD with output in .check/NAME.log, shown on failure.
step()
{
	local name=$1 rc=0 t0=$SECONDS
	shift
	"$@" > "$logs/$name.log" 2>&1 || rc=$?
	[ $rc -eq 0 ] || tail -n 40 "$logs/$name.log" | sed 's/^/#   /'
	result "$name" $rc "$((SECONDS - t0))s"
	return $rc
}

no_warnings()	# no_warnings LOG: fail on compiler/sparse diagnostics
{
	! grep -E '(warning|error):' "$1"
}

# build_lane NAME: ibfo.ko and softib.ko for one kernel lane, in a copy
# of the tree (.build/NAME), with W=1 and sparse (C=1): no diagnostics.
build_lane()
{
	tools/vm/kernel.sh install "$1" || return 1
	if ! tools/vm/lane-build.sh "$1" "$top/.build/$1" W=1 C=1; then
		cat "$top/.build/$1/build.log"
		return 1
	fi
	cat "$top/.build/$1/build.log"
	# Kbuild drops C=1 with a note (not a warning) when the checker is
	# older than the kernel accepts (scripts/checker-valid.sh): Debian's
	# sparse 0.6.4 on 7.x.  Say so instead of passing in silence.
	if grep -q 'specified, but .* not available or not up to date' \
		"$top/.build/$1/build.log"; then
		echo "# build-$1: sparse not run: this kernel refuses Debian's sparse (scripts/checker-valid.sh); W=1 only"
	fi
	no_warnings "$top/.build/$1/build.log"
}

# The user-space parts: the ip plugin, the benchmarks' UDP probe (also
# used by selftests), the rtnetlink fuzzer and privilege tests.
build_tools()
{
	make plugin && make -C tools/bench && make -C tools/fuzz
}

lane_kos()	# lane_kos NAME: run.sh's --ko arguments for the lane's modules
{
	find "$top/.build/$1/drivers" -name '*.ko' | sort | sed 's/^/--ko\n/'
}

# lane_boot NAME RUN-ARGS...: the selftests in one guest kernel; the
# runner's TAP output in .check/NAME.tap, run.sh's exit status in
# .check/NAME.rc, the seconds it took in .check/NAME.time.
lane_boot()
{
	local lane=$1 t0=$SECONDS
	shift
	tools/vm/run.sh --logdir "$logs/$lane" --timeout "${VM_TIMEOUT:-4200}" "$@" -- \
		"${GUEST_ENV:+env $GUEST_ENV }sh /opt/ibfo/selftests/run_tests.sh '${pattern:-${T:-.}}'" \
		> "$logs/$lane.tap" 2> "$logs/$lane.err"
	echo $? > "$logs/$lane.rc"
	echo $((SECONDS - t0)) > "$logs/$lane.time"
}

# lane_results NAME: one result per selftest of a booted lane, and one
# for a guest that crashed, hung or left a splat outside any test.
lane_results()
{
	local lane=$1 rc p0=$passed f0=$failed line
	rc=$(cat "$logs/$lane.rc" 2>/dev/null || echo 125)
	sed "s/^/# [$lane] /" "$logs/$lane.err"
	while read -r line; do
		case $line in
		"ok "*) result "$lane/$(echo "$line" | cut -d' ' -f3)" 0 "${line#*# }" ;;
		"not ok "*) result "$lane/$(echo "$line" | cut -d' ' -f4)" 1 "${line#*# }" ;;
		esac
	done < "$logs/$lane.tap"
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 1 ]; then
		result "$lane/guest" 1 "run.sh exit $rc"
	elif ! grep -q '^ok \|^not ok ' "$logs/$lane.tap"; then
		result "$lane/guest" 1 "no test ran"
	fi
	echo "lane $lane: $((passed - p0)) passed, $((failed - f0)) failed, $(cat "$logs/$lane.time") s"
}

# vm_lane NAME RUN-ARGS...: boot a lane with its output shown as it
# comes, then its results.
vm_lane()
{
	local lane=$1 pid
	shift
	echo "# lane $lane: booting"
	: > "$logs/$lane.tap"
	lane_boot "$lane" "$@" &
	pid=$!
	tail -n +1 -f --pid=$pid "$logs/$lane.tap" 2>/dev/null | sed -u "s/^/# [$lane] /"
	wait $pid
	lane_results "$lane"
}

# The debug lane: our modules built against the KASAN/lockdep/kmemleak
# kernel (built once, cached under /var/cache), every selftest run on it.
debug_lane()
{
	local dir kver b=$top/.build/debug
	dir=$(tools/vm/build-debug-kernel.sh 2> "$logs/debug-kernel.log" | tail -n 1) &&
		[ -d "$dir" ] || { tail -n 40 "$logs/debug-kernel.log"; return 1; }
	kver=$(cat "$dir/kver")
	rm -rf "$b"
	mkdir -p "$b"
	cp -r Kbuild Makefile dkms.conf compat drivers include "$b/"
	find "$b" \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' \
		-o -name compat_autoconf.h \) -delete
	make -C "$b" KDIR="$dir/build" KVER="$kver" W=1 \
		${PLANT_BUG:+SOFTIB_PLANT_BUG=y} modules > "$logs/debug-build.log" 2>&1 &&
		no_warnings "$logs/debug-build.log" || { tail -n 40 "$logs/debug-build.log"; return 1; }
	debug_args=(--kernel "$dir/bzImage" --modroot "$dir/mods" --kver "$kver" --mem 2048)
	while read -r ko; do
		debug_args+=(--ko "$ko")
	done < <(find "$b/drivers" -name '*.ko' | sort)
}

step deps tools/vm/deps.sh || { echo "0 passed, 1 failed"; exit 1; }
built=""
for lane in $lanes; do
	step "build-$lane" build_lane "$lane" && built="$built $lane"
done
if ! step build-tools build_tools || [ -z "$built" ] && [ -n "$lanes" ]; then
	echo "$passed passed, $failed failed"
	exit 1
fi
if [ -z "$T" ]; then
	step checkpatch tools/checkpatch.sh
	# The first lane's kernel (the package test's apt install makes
	# DKMS build for every kernel of this machine).
	[ -z "$lanes" ] || step dkms tools/dkms-test.sh
	# The ip plugin with Debian unstable's iproute2 (a Debian sid tree).
	[ -z "$lanes" ] || step plugin-sid tools/ip/chroot-check.sh sid
fi
# The debug kernel is 3-5 times slower: it runs the selftests whose
# subject is object lifetimes, locking, teardown and untrusted input.
# A guest uses about 1.3 of this machine's 2 cores, so the debug guest
# runs beside the distro lanes (DEBUG_PARALLEL=0: after them).
DEBUG_T=${DEBUG_T:-'^(ibfo_(enslave|rmmod|races|faults|netns|failover|fast_failover(_cm)?|multipath|flap_storm|fuzz|invalid|link|cm|striping|trace|module|peer_trailer|lower)|softib_(rmmod|cm_rmmod|cm_faults|cm_peer|ctl_errors|events))$'}
# make boot-check (tools/boot/check.sh): the systemd guests, with the
# packages built and installed as a user does; its TAP in .check/boot.tap.
boot_check()
{
	local t0=$SECONDS
	tools/boot/check.sh "$logs/boot" > "$logs/boot.tap" 2>&1
	echo $? > "$logs/boot.rc"
	echo $((SECONDS - t0)) > "$logs/boot.time"
}

# boot_results: one result for make boot-check, its failed checks shown.
boot_results()
{
	local rc
	rc=$(cat "$logs/boot.rc" 2>/dev/null || echo 125)
	[ "$rc" -eq 0 ] || grep -E '^not ok |^#   ' "$logs/boot.tap" | tail -n 40 | sed 's/^/#   /'
	result boot-check "$rc" "$(tail -n 1 "$logs/boot.tap" 2>/dev/null), $(cat "$logs/boot.time" 2>/dev/null) s"
}

# The second guest slot, beside the distro lanes: the debug lane, then
# make boot-check (a guest uses about 1.3 of this machine's 2 cores).
side_pid="" side_debug="" side_boot=""
if [ "$DEBUG" != 0 ] && step debug-kernel debug_lane; then
	pattern=$DEBUG_T
	[ "$DEBUG" != full ] && [ -z "$T" ] || pattern=${T:-.}
	if [ -n "$built" ] && [ "${DEBUG_PARALLEL:-1}" != 0 ]; then
		side_debug=1
	else
		vm_lane debug "${debug_args[@]}"
	fi
fi
[ -z "$T" ] && [ -n "$built" ] && [ "${BOOT:-1}" != 0 ] && side_boot=1
if [ -n "$side_debug$side_boot" ]; then
	echo "# beside the distro lanes:${side_debug:+ lane debug}${side_boot:+ boot-check}"
	{
		[ -z "$side_debug" ] || lane_boot debug "${debug_args[@]}"
		[ -z "$side_boot" ] || boot_check
	} &
	side_pid=$!
fi
pattern=
for lane in $built; do
	mapfile -t kos < <(lane_kos "$lane")
	KERNEL=$lane vm_lane "$lane" "${kos[@]}"
done
if [ -n "$side_pid" ]; then
	wait "$side_pid"
	if [ -n "$side_debug" ]; then
		sed 's/^/# [debug] /' "$logs/debug.tap"
		lane_results debug
	fi
	if [ -n "$side_boot" ]; then
		sed 's/^/# [boot] /' "$logs/boot.tap"
		boot_results
	fi
fi
# The Debian packages: built, lintian-checked, installed (DKMS builds
# the modules for each lane kernel: here, or in the lane's Debian tree
# for latest), used in a guest of each lane, purged.
if [ -z "$T" ] && [ -n "$lanes" ]; then
	step package env KERNEL="$lanes" tools/deb/test.sh "$logs/deb"
fi
# make bench in its quick, strict mode (tools/bench/run.sh --check, one
# boot): fails if the benchmark tooling breaks or a bench guest crashes,
# hangs or splats; never on a number.
if [ -z "$T" ] && [ -n "$lanes" ]; then
	export IBFO_KO_DIR=$top/.build/$KERNEL/drivers
	step bench tools/bench/run.sh --check --out "$logs/bench"
	echo "# bench: $(cat "$logs/bench/headline.txt" 2>/dev/null || echo 'no headline')"
fi
# failure_details: for each failed selftest, its failed checks and the
# last lines it printed, so that the tail of a CI log says why.
failure_details()
{
	local f lane t
	for f in $failures; do
		lane=${f%%/*} t=${f#*/}
		[ -f "$logs/$lane.tap" ] || continue
		echo "# --- $f"
		awk -v t="$t" '$0 == "# === " t { on = 1; next }
			on && /^(not )?ok [0-9]+ / { exit }
			on' "$logs/$lane.tap" |
			{ grep -v '^# ok - ' || true; } | tail -n 15 | sed 's/^/#   /'
	done
}

if [ -n "$failures" ]; then
	failure_details
	echo "# failed:$failures"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
