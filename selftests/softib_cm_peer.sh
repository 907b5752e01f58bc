#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A connected-mode peer disappears, two ways, and the survivor copes
# without WARN and without ipoib-CM's 5-second timeouts:
#  - B's port goes down under pings: A's RC sends time out (retry
#    exceeded), A's connection is torn down; bringing A's netdev down then
#    takes well under 5 s; after link up both talk over RC again;
#  - B's P_Key child interface (connected mode) is taken down and deleted
#    with ip link del while A's child pings it; A's child is deleted
#    afterwards, promptly.
# Deleting an interface that is still up with connections, removing the
# peer's HCA or unloading ib_ipoib with connections up is not here: 6.1's
# ipoib_ndo_uninit() destroys its CQs and SRQ before it flushes the work
# queue that reaps connected-mode QPs (the close in the same unregister
# queues the reap), and when the reap loses that race ib_destroy_cq()
# WARNs - about one run in four under QEMU TCG for an HCA removal, rarely
# for an ip link del.  So each interface is taken down first, which
# queues the reap, and deleted only once the RDMA core tracks no more RC
# QPs on its port than the parent's (lib.sh rc_qps).
# softib_cm_rmmod unloads softib under traffic; the runner unloads
# ib_ipoib after every test.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

# shellcheck disable=SC2317 # run through wait_for
big_ping_ok() { nsx "$1" ping -c 1 -W 2 -s 30000 "$2"; }
# shellcheck disable=SC2317 # run through wait_for
grew() { [ "$(cat "$1")" -gt "$2" ]; }

# timed_ms CMD...: run CMD, print its duration in ms; fails if CMD fails.
timed_ms()
{
	_t0=$(now_ms)
	"$@" >/dev/null 2>&1 || return 1
	echo $(($(now_ms) - _t0))
}

# A teardown stuck on ipoib-CM's 5 s timeouts takes longer than this on
# the distro kernel; the debug kernel is several times slower at all of
# it, and no_cm_stall catches those timeouts there.
LIMIT=4000
[ -n "$SLOW" ] && LIMIT=30000

softib_load num_hcas=3 num_ports=1
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
c=$(softibctl netdev softib2/1)
host A "$a" 10.22.0.1/24
host B "$b" 10.22.0.2/24
host C "$c" 10.22.0.3/24
for h in "A $a" "B $b" "C $c"; do
	# shellcheck disable=SC2086 # "NS NETDEV"
	check "${h%% *}: mode connected" cm_mode $h connected 65520
done
check "A: large pings to B" wait_for "$WAIT" big_ping_ok A 10.22.0.2
check "A: large pings to C" wait_for "$WAIT" big_ping_ok A 10.22.0.3

# 1. B's port goes down under traffic.
err=$SOFTIB/devices/softib0/port1/stats/rc_errors
e0=$(cat $err)
"$IP" netns exec A ping -i 0.01 -c 300 -s 1000 10.22.0.2 >/dev/null 2>&1 &
fpid=$!
sleep 1
check "softib1/1 link down" softibctl port softib1/1 link down
check "A's RC connection to B fails (retry exceeded)" wait_for "$WAIT" grew "$err" "$e0"
wait $fpid
log "A's rc_errors: $e0 -> $(cat $err), timeouts $(cat $SOFTIB/devices/softib0/port1/stats/rc_timeouts)"
ms=$(timed_ms "$IP" -n A link set "$a" down)
check "A's netdev goes down (${ms:-failed} ms)" between "${ms:--}" 0 "$LIMIT"
check "A's netdev comes back up" "$IP" -n A link set "$a" up
check "softib1/1 link up" softibctl port softib1/1 link up
check "A: large pings to B again" wait_for "$WAIT" big_ping_ok A 10.22.0.2
check "B: large pings to A again" wait_for "$WAIT" big_ping_ok B 10.22.0.1

# 2. ip link del of a connected-mode P_Key child on one side.
check "P_Key 0x8001 on softib0/1" softibctl port softib0/1 pkeys "0xffff 0x8001"
check "P_Key 0x8001 on softib1/1" softibctl port softib1/1 pkeys "0xffff 0x8001"
# Not "ip link add ... type ipoib mode connected": 6.1's ipoib_set_mode()
# drops RTNL and retakes it with rtnl_trylock(); when that loses a race,
# ipoib_changelink() returns -EBUSY without RTNL and rtnetlink unregisters
# the new child and unlocks unlocked (ASSERT_RTNL WARNs, lockdep).  The
# sysfs "mode" file handles -EBUSY; only create_child children have it.
# The parents' connections stay up: count them, to tell when the
# children's are gone.
rca=$(rc_qps softib0/1) rcb=$(rc_qps softib1/1)
check "A: child $a.8001" legacy_child A "$a" 0x8001
check "B: child $b.8001" legacy_child B "$b" 0x8001
check "A child: mode connected" cm_mode A "$a.8001" connected
check "B child: mode connected" cm_mode B "$b.8001" connected
"$IP" -n A addr add 10.23.0.1/24 dev "$a.8001"
"$IP" -n B addr add 10.23.0.2/24 dev "$b.8001"
check "A child: MTU 65520 (connected), up" \
	"$IP" -n A link set "$a.8001" mtu 65520 up
check "B child: MTU 65520 (connected), up" \
	"$IP" -n B link set "$b.8001" mtu 65520 up
check "A child: large pings to B child" wait_for "$WAIT" big_ping_ok A 10.23.0.2
"$IP" netns exec A ping -i 0.01 -c 300 -s 20000 10.23.0.2 >/dev/null 2>&1 &
fpid=$!
sleep 1
ms=$(timed_ms "$IP" -n B link set "$b.8001" down)
check "B's child goes down (${ms:-failed} ms)" between "${ms:--}" 0 "$LIMIT"
# The unregister must not race the reap of B's connections (lib.sh).
check "B's ipoib reaped its child's RC connections" \
	wait_for 30 rc_qps_at_most softib1/1 "$rcb"
ms=$(timed_ms "$IP" -n B link del "$b.8001")
check "ip link del B's child (${ms:-failed} ms)" between "${ms:--}" 0 "$LIMIT"
wait $fpid
check_fail "A child no longer reaches B" big_ping_ok A 10.23.0.2
"$IP" -n A link set "$a.8001" down
check "A's ipoib reaped its child's RC connections" \
	wait_for 30 rc_qps_at_most softib0/1 "$rca"
ms=$(timed_ms "$IP" -n A link del "$a.8001")
check "ip link del A's child (${ms:-failed} ms)" between "${ms:--}" 0 "$LIMIT"

check "no 5 s ipoib-CM timeouts" no_cm_stall

ksft_exit
