#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Run the selftests in the guest and report TAP 13.
# usage: run_tests.sh [PATTERN]   (PATTERN: a grep -E regex on test names)
#
# After each test the runner tears everything down (network namespaces,
# ibfo, bonding, team, ib_ipoib, softib): teardown is where hidden
# lifetime bugs show, so a hung or failed unload fails the test, and so
# does any kernel splat the test left in dmesg.

dir=$(cd "$(dirname "$0")" && pwd)
splat=$dir/../tools/vm/splat.sh
pattern=${1:-.}
# The debug kernel (KASAN, lockdep) runs the tests 3-5 times slower.
case $(uname -r) in
*debug*) timeout=${TEST_TIMEOUT:-480} ;;
*) timeout=${TEST_TIMEOUT:-300} ;;
esac
IP=/sbin/ip
# shellcheck source=lib.sh
. "$dir/lib.sh"

tests=$(cd "$dir" && ls ./*.sh | sed 's|^\./||' | grep -v -e '^lib\.sh$' \
	-e '^run_tests\.sh$' | sed 's/\.sh$//' | grep -E -- "$pattern")
n=$(echo "$tests" | grep -c .)

teardown()
{
	# A test's background jobs must not outlive it (they would hold the
	# runner's output open and disturb the next test).
	for ns in $($IP netns list | cut -d' ' -f1); do
		pids=$($IP netns pids "$ns" 2>/dev/null)
		[ -n "$pids" ] && kill -9 $pids 2>/dev/null
	done
	# Connected-mode IPoIB reaps its RC connections from a work item
	# queued when the interface closes; 6.1's ipoib_ndo_uninit()
	# destroys the CQs before it flushes that work (lib.sh no_rc_qps).
	# Close such interfaces first and wait for the reap, before the
	# namespaces go and ib_ipoib unloads.
	cm=
	for ns in "" $($IP netns list | cut -d' ' -f1); do
		for d in $(${ns:+$IP netns exec "$ns"} sh -c \
			'grep -l connected /sys/class/net/*/mode 2>/dev/null'); do
			d=${d%/mode}
			$IP ${ns:+-n "$ns"} link set dev "${d##*/}" down 2>/dev/null
			cm=1
		done
	done
	if [ -n "$cm" ] && ! wait_for 30 no_rc_qps; then
		echo "# teardown: ipoib kept RC QPs 30 s after its interfaces closed"
		return 1
	fi
	$IP -all netns delete 2>/dev/null
	for m in ibfo bonding team_mode_activebackup team_mode_roundrobin \
		 team_mode_loadbalance team_mode_broadcast team_mode_random \
		 team ib_ipoib softib; do
		grep -q "^$m " /proc/modules || continue
		if ! timeout 60 rmmod "$m"; then
			echo "# teardown: rmmod $m failed or hung"
			return 1
		fi
	done
	return 0
}

# A debug kernel with kmemleak adds one last test: a scan after every
# module is unloaded.  Leaks in our modules, or in code they drive (ib_core,
# ipoib), fail it; others are reported.
kmemleak=/sys/kernel/debug/kmemleak
leakcheck=0
[ -w $kmemleak ] && leakcheck=1

kmemleak_scan()
{
	echo scan > $kmemleak
	sleep 5
	echo scan > $kmemleak
	report=$(cat $kmemleak)
	[ -n "$report" ] || return 0
	echo "$report" | head -n 200 | sed 's/^/# /'
	# Unloaded modules leave raw addresses in backtraces: after "[<...>]"
	# up to 6.1, alone on the line from 6.6 on.
	! echo "$report" | grep -qE \
		'softib|ibfo|ib_ipoib|ib_core|ib_cm|\] 0x[0-9a-f]+$|^ +0x[0-9a-f]+$'
}

echo "TAP version 13"
echo "1..$((n + leakcheck))"
i=0
failed=0
for t in $tests; do
	i=$((i + 1))
	echo "# === $t"
	before=$(dmesg | wc -l)
	start=$(awk '{ print int($1 * 1000) }' /proc/uptime)
	timeout "$timeout" sh "$dir/$t.sh"
	rc=$?
	teardown || rc=1
	ms=$(($(awk '{ print int($1 * 1000) }' /proc/uptime) - start))
	if ! msg=$(dmesg | tail -n +$((before + 1)) | sh "$splat" 2>&1); then
		echo "$msg" | sed 's/^/# /'
		rc=1
	fi
	case $rc in
	0) echo "ok $i $t # time=${ms}ms" ;;
	4) echo "ok $i $t # SKIP" ;;
	124) echo "not ok $i $t # TIMEOUT ${timeout}s" ;;
	*) echo "not ok $i $t # exit=$rc time=${ms}ms" ;;
	esac
	case $rc in 0 | 4) ;; *) failed=$((failed + 1)) ;; esac
done
if [ $leakcheck -eq 1 ]; then
	if kmemleak_scan; then
		echo "ok $((i + 1)) kmemleak"
	else
		echo "not ok $((i + 1)) kmemleak"
		failed=$((failed + 1))
	fi
fi
[ "$failed" -eq 0 ]
