#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Shared helpers for the ibfo/softib selftests.  Sourced by every test; runs
# inside the test guest under busybox sh, as root.
#
# A test calls check/check_fail/check_err for each observable outcome, then
# ends with ksft_exit.  Exit status: 0 pass, 1 fail, 4 skip (KSFT_SKIP).

KSFT_PASS=0
KSFT_FAIL=1
KSFT_SKIP=4

# busybox sh would run its own ip applet: always use the real iproute2.
IP=/sbin/ip
SELFTEST_DIR=$(cd "$(dirname "$0")" && pwd)
TOOLS_DIR=${TOOLS_DIR:-$SELFTEST_DIR/../tools}
PATH=$TOOLS_DIR/softib:$PATH

ksft_failures=0
ksft_checks=0
ksft_cleanups=""

log() { echo "# $*"; }

ksft_skip()
{
	log "SKIP: $*"
	run_cleanups
	exit $KSFT_SKIP
}

# tracefs_need: T names tracefs, mounted if it was not; skip without it.
tracefs_need()
{
	T=/sys/kernel/tracing
	[ -d $T/events ] || mount -t tracefs nodev $T 2>/dev/null
	[ -d $T/events ] || ksft_skip "no tracefs"
}

# defer CMD: run CMD (a string) when the test exits, last registered first.
defer()
{
	ksft_cleanups="$*
$ksft_cleanups"
}

run_cleanups()
{
	[ -n "$ksft_cleanups" ] || return 0
	echo "$ksft_cleanups" | while IFS= read -r c; do
		[ -n "$c" ] && eval "$c" >/dev/null 2>&1
	done
	ksft_cleanups=""
}

pass() { ksft_checks=$((ksft_checks + 1)); log "ok - $1"; }

fail()
{
	ksft_checks=$((ksft_checks + 1))
	ksft_failures=$((ksft_failures + 1))
	log "not ok - $1"
}

# check DESC CMD...: CMD must succeed.
check()
{
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		pass "$desc"
	else
		fail "$desc (exit $?: $*)"
		[ -n "$out" ] && echo "$out" | sed 's/^/#   /'
	fi
}

# check_fail DESC CMD...: CMD must fail.
check_fail()
{
	desc=$1
	shift
	if out=$("$@" 2>&1); then
		fail "$desc (unexpected success: $*)"
		[ -n "$out" ] && echo "$out" | sed 's/^/#   /'
	else
		pass "$desc"
	fi
}

# check_err DESC TEXT CMD...: CMD must fail and print TEXT (an extack
# message or errno string) on stdout/stderr.
check_err()
{
	desc=$1
	text=$2
	shift 2
	if out=$("$@" 2>&1); then
		fail "$desc (unexpected success: $*)"
	elif echo "$out" | grep -qF -- "$text"; then
		pass "$desc"
	else
		fail "$desc (expected \"$text\")"
		echo "$out" | sed 's/^/#   /'
	fi
}

# check_eq DESC EXPECTED ACTUAL
check_eq()
{
	if [ "$2" = "$3" ]; then
		pass "$1"
	else
		fail "$1 (expected \"$2\", got \"$3\")"
	fi
}

# wait_for SECONDS CMD...: poll CMD every 50 ms until it succeeds.
wait_for()
{
	limit=$1
	shift
	end=$(($(date +%s) + limit))
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -ge "$end" ] && return 1
		usleep 50000
	done
	return 0
}

# no_rc_qps: the RDMA core tracks no RC QP.  IPoIB's connected mode
# makes one per connection and reaps them in a work item after its
# interface closes; 6.1's ipoib destroys its CQs before it waits for
# that work when the interface is unregistered (rmmod, HCA removal), and
# WARNs if a reap is still running ("Destroy of kernel CQ shouldn't
# fail").  Wait for this before unregistering connected-mode interfaces.
no_rc_qps() { [ "$(rc_qps)" -eq 0 ]; }

# rc_qps [PORT]: how many RC QPs the RDMA core tracks (on PORT only,
# softibN/P); rc_qps_at_most PORT N: at most N there.
rc_qps()
{
	rdma resource show qp 2>/dev/null | grep -e "${1:+$1 }" | grep -c ' type RC '
}
rc_qps_at_most() { [ "$(rc_qps "$1")" -le "$2" ]; }

# Monotonic milliseconds (guest clock).
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# ns_add NAME: create a network namespace, deleted at exit.
ns_add()
{
	$IP netns add "$1" || return 1
	defer "$IP netns del $1"
}

# require_module MOD...: modprobe or skip.
require_module()
{
	for m in "$@"; do
		modprobe "$m" || ksft_skip "module $m not available"
	done
}

ksft_exit()
{
	run_cleanups
	log "$ksft_checks checks, $ksft_failures failed"
	[ "$ksft_checks" -gt 0 ] || { log "no check ran"; exit $KSFT_FAIL; }
	[ "$ksft_failures" -eq 0 ] && exit $KSFT_PASS
	exit $KSFT_FAIL
}

trap 'run_cleanups' EXIT
