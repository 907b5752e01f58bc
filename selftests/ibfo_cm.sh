#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo active-backup over two IPoIB slaves in connected mode (softib0
# ports 1 and 2, host A), MTU 65520, facing a connected-mode port
# (softib1/1, host B).  30000-byte pings only fit RC connections set up
# through ib_cm.  The active slave's port dies under pings: ibfo switches
# on the IB event, B follows the new address and connects to the new
# port, and large pings flow both ways again; then the same across a TCP
# transfer.  No ipoib-CM 5-second stall may show in the log.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# For fail_active / fail_under_tcp.
# shellcheck disable=SC2317 # run through wait_for
cur() { active "$1"; }
# shellcheck disable=SC2317
back() { state_is "$1" backup "$2"; }
# shellcheck disable=SC2317
has_active() { [ -n "$(active A)" ]; }
# shellcheck disable=SC2317
big_ping_ok() { nsx "$1" ping -c 1 -W 2 -s 30000 "$2"; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
# shellcheck disable=SC2154 # a1 a2 b1 are set by two_hosts
ns_add A
"$IP" -n A link set lo up
for s in "$a1" "$a2"; do
	"$IP" link set "$s" netns A
	check "$s: mode connected" cm_mode A "$s" connected
done
check "create ibfo0" "$IP" -n A link add ibfo0 type ibfo
for s in "$a1" "$a2"; do
	check "enslave $s" "$IP" -n A link set "$s" master ibfo0
done
check "ibfo0 MTU 65520" "$IP" -n A link set ibfo0 mtu 65520
for s in "$a1" "$a2"; do
	check_eq "$s took MTU 65520" "mtu 65520" \
		"$("$IP" -n A link show dev "$s" | grep -o 'mtu [0-9]*')"
done
addrs_up A ibfo0 10.22.0.1/24
host B "$b1" 10.22.0.2/24
check "B: mode connected, MTU 65520" cm_mode B "$b1" connected 65520
check "ibfo0 has an active slave" wait_for "$WAIT" has_active
check "A pings B over ibfo0" wait_for "$WAIT" ping_ok A 10.22.0.2
check "A: 30000-byte pings to B" wait_for "$WAIT" big_ping_ok A 10.22.0.2
check "B: 30000-byte pings to A" wait_for "$WAIT" big_ping_ok B 10.22.0.1

for round in 1 2; do
	fail_active A ibfo0 10.22.0.1 B 10.22.0.2 "$MAX_LOST"
	check "A: 30000-byte pings to B after failover $round" \
		wait_for "$WAIT" big_ping_ok A 10.22.0.2
	check "B: 30000-byte pings to A after failover $round" \
		wait_for "$WAIT" big_ping_ok B 10.22.0.1
done
fail_under_tcp A 10.22.0.1 B
log "softib1/1 RC: $(rc_stats softib1 1)"
check "no ipoib-CM drain/send timeouts in the log" no_cm_stall

ksft_exit
