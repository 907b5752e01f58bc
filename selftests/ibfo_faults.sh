#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Allocation-fault sweep of ibfo's rtnetlink operations
# (tools/fuzz/ibfo_failnth): create a master with options (active-backup,
# multipath), enslave a slave that is down or up, enslave a second one,
# change options, change mode, change the MTU over two slaves, release,
# delete a master with slaves; each with the n-th slab or page allocation
# of the request failing (/proc/thread-self/fail-nth), n = 1, 1 + STEP,
# ... until the request makes fewer than n allocations.  Every request
# succeeds or returns an errno, the state read back is all before or all
# after it, a retry after a failure succeeds; the runner fails the test
# on any splat and its kmemleak scan on any leak.  Needs
# CONFIG_FAULT_INJECTION, CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC and
# CONFIG_FAULT_INJECTION_DEBUG_FS (the debug kernel); skipped elsewhere.
#   FAULT_STEP    test every STEP-th allocation (default 1; 20 on the
#                 debug kernel, whose requests are slow)
#   FAULT_ROUNDS  sweeps of each operation, each from another offset
#                 within STEP (default 1)
#   FAULT_OPS     comma-separated operations (default: all but enslave and
#                 enslave_second, which open a down IPoIB slave: a fault in
#                 ib_ipoib's open leaks its posted receive skbs and leaves
#                 the device refusing the next open with EINVAL, a 6.1
#                 ib_ipoib error path, not ibfo's; FAULT_OPS=all for them)
# The faults hit any allocation in the request: rtnetlink core, sysfs,
# ib_ipoib's open (with a receive ring of 16: same code, fewer points),
# softib's verbs, ibfo.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

SWEEP=$TOOLS_DIR/fuzz/ibfo_failnth
DBG=/sys/kernel/debug
[ -x "$SWEEP" ] || ksft_skip "ibfo_failnth not built (make -C tools/fuzz)"
[ -e /proc/thread-self/fail-nth ] ||
	ksft_skip "no fault injection in this kernel (CONFIG_FAULT_INJECTION)"
for f in failslab fail_page_alloc; do
	[ -d $DBG/$f ] || ksft_skip "no $f in debugfs"
done

step=${FAULT_STEP:-$([ -n "$SLOW" ] && echo 20 || echo 1)}
rounds=${FAULT_ROUNDS:-1}

# Fewer receive buffers posted on open: the same allocation sites, a
# sweep 16 times shorter through them.
rmmod ib_ipoib 2>/dev/null
check "ib_ipoib with a receive ring of 16" \
	modprobe ib_ipoib recv_queue_size=16
softib_load num_hcas=1 num_ports=2
ibfo_load
s0=$(softibctl netdev softib0/1)
s1=$(softibctl netdev softib0/2)

# The defaults skip allocations that may sleep (failslab, fail_page_alloc)
# and, for pages, highmem and order 0: fail every kind, silently.
# Restored at exit.
fi_set()	# fi_set FILE VALUE
{
	defer "echo $(cat "$DBG/$1") > $DBG/$1"
	echo "$2" > "$DBG/$1"
}
fi_set failslab/ignore-gfp-wait N
fi_set failslab/verbose 0
fi_set fail_page_alloc/ignore-gfp-wait N
fi_set fail_page_alloc/ignore-gfp-highmem N
fi_set fail_page_alloc/min-order 0
fi_set fail_page_alloc/verbose 0

# Core networking prints a stack dump, not a warning, when its sysctl
# directory cannot be allocated (__register_sysctl_table); with faults on
# purpose that dump is expected (tools/vm/splat.sh).
echo "ibfo-splat: expect-dump sysctl could not get directory: .* -12\$" \
	> /dev/kmsg
defer "echo ibfo-splat: expect-end > /dev/kmsg"

log "slaves $s0 $s1, allocation step $step, $rounds round(s)"
out=/tmp/ibfo_faults.$$
ops=${FAULT_OPS:-create,create_mp,enslave_up,change,mode,mtu,release,delete}
[ "$ops" = all ] && ops=
"$SWEEP" -i "$s0,$s1" -x "$step" -r "$rounds" ${ops:+-o "$ops"} \
	> "$out" 2> "$out.err"
rc=$?
sed 's/^/# /' "$out"
head -n 40 "$out.err" | sed 's/^/#   /'
last=$(tail -n 1 "$out")
inj=$(echo "$last" | sed -n 's/^faults: \([0-9]*\) injected.*/\1/p')
errs=$(echo "$last" | sed -n 's/.* \([0-9]*\) errors returned.*/\1/p')
mis=$(echo "$last" | sed -n 's/.* \([0-9]*\) mismatches$/\1/p')
check_eq "sweep exit status" 0 "$rc"
check_eq "mismatches" 0 "$mis"
check "faults injected ($inj)" [ "${inj:-0}" -gt 0 ]
check "errors returned to the caller ($errs)" [ "${errs:-0}" -gt 0 ]
# Each operation's sweep reached its end: a request with no fault left.
check "every sweep ran to the end" sh -c "! grep -q ' over [0-9]* allocations' '$out'"
rm -f "$out" "$out.err"

# What the sweep leaves is usable: a master with both slaves.
check "create after the sweep" $IP link add fi1 type ibfo
check "enslave $s0 after the sweep" $IP link set "$s0" master fi1
check "enslave $s1 after the sweep" $IP link set "$s1" master fi1
check "delete after the sweep" $IP link del fi1
check_eq "$s0 released" "" "$(readlink /sys/class/net/"$s0"/master)"

ksft_exit
