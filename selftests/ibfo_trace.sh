#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo tracepoints: ibfo_failover and ibfo_slave_state, enabled in
# tracefs after modprobe ibfo, record a port-down failover.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

tracefs_need

ibfo_two_ports

check "ibfo events in tracefs" [ -d $T/events/ibfo/ibfo_failover ]
check "ibfo_slave_state in tracefs" [ -d $T/events/ibfo/ibfo_slave_state ]
ibfo_trace_events ibfo_failover ibfo_slave_state

check "create ibfo0" "$IP" link add ibfo0 type ibfo
check "enslave $s1" "$IP" link set "$s1" master ibfo0
check "enslave $s2" "$IP" link set "$s2" master ibfo0
"$IP" link set ibfo0 up
check "$s1 active" wait_for "$WAIT" active_is "$s1"
softibctl port softib0/1 link down
check "$s2 active" wait_for "$WAIT" active_is "$s2"
sleep 1
log "$(grep ibfo_ $T/trace)"
check "failover event" \
	grep -q "ibfo_failover: ibfo0: $s1 -> $s2 (active slave failed)" $T/trace
# The cause is the IB event, or ipoib's carrier drop when that came first
# (it can, on a slow debug kernel: both follow the same port change).
check "slave state event" \
	grep -Eq "ibfo_slave_state: ibfo0: $s1 up -> down \((port error|NETDEV_CHANGE)\)" $T/trace
softibctl port softib0/1 link up
check "delete ibfo0" "$IP" link del ibfo0
ksft_exit
