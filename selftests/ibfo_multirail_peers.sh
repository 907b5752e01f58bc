#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Multi-rail failover with peers that pair no ports: hosts A and B each
# have one port on rail 1 (softib subnet 0, GID prefix fe80::) and one on
# rail 2 (subnet 1, prefix fe80:0:0:2).  Active-backup on both sides: rail
# 1 fails (both hosts' ports), both move to rail 2 and every flow goes
# on (order not checked there: see flows_end_alive).  Multipath facing bonding (active-backup over both rails): A's flows
# follow the rail of B's address, also after B failed over to rail 2, and
# B reaches A again on rail 2.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

softib_load num_hcas=2 num_ports=2
require_probe
ibfo_load
# shellcheck source=multirail.lib
. "$(dirname "$0")/multirail.lib"

# ---- active-backup on both sides: rail 1 fails ----
# The first slave enslaved (rail 1) becomes the active one.
lag_host A ibfo0 "ibfo mode active-backup" "$a1" "$a2" 10.60.0.1/24
lag_host B ibfo0 "ibfo mode active-backup" "$b1" "$b2" 10.60.0.2/24
check "A (active-backup) active on rail 1" wait_for "$WAIT" active_is "$a1" A
check "B (active-backup) active on rail 1" wait_for "$WAIT" active_is "$b1" B
check "A pings B (active-backup)" wait_for "$WAIT" ping_ok A 10.60.0.2
check "B pings A (active-backup)" ping_ok B 10.60.0.1
flows_start A B 10.60.0.2 "$FLOW_STREAMS"
softibctl port softib0/1 link down
softibctl port softib1/1 link down
flows_end_alive
check "A moved to rail 2" active_is "$a2" A
check "B moved to rail 2" active_is "$b2" B
check "A pings B on rail 2" wait_for "$WAIT" ping_ok A 10.60.0.2
check "B pings A on rail 2" ping_ok B 10.60.0.1
softibctl port softib0/1 link up
softibctl port softib1/1 link up

# ---- multipath facing bonding (active-backup over both rails) ----
if [ ! -d /sys/module/bonding ]; then
	modprobe bonding max_bonds=0 || ksft_skip "no bonding module"
	defer "rmmod bonding"
fi
"$IP" netns del A
"$IP" netns del B
back_home
for p in softib0/1 softib1/1; do
	check "$p ACTIVE again" wait_for "$WAIT" sh -c \
		"grep -q ACTIVE $IB/${p%/*}/ports/${p#*/}/state"
done
lag_host A ibfo0 "ibfo mode multipath" "$a1" "$a2" 10.60.0.1/24
lag_host B bond0 "bond mode active-backup miimon 100" "$b1" "$b2" \
	10.60.0.2/24
check "A has carrier" wait_for "$WAIT" carrier A ibfo0
check "B's bond0 active on rail 1" wait_for "$WAIT" bond_is "$b1"
check "A pings B (bonding)" wait_for "$WAIT" ping_ok A 10.60.0.2
check "B pings A (bonding)" ping_ok B 10.60.0.1
same_rail_only 8
check "to bond0 on rail 1, A sends (almost) nothing on rail 2 ($t2)" near "$t2" 0

flows_start A B 10.60.0.2 "$FLOW_STREAMS"
softibctl port softib1/1 link down
flows_end
check "B's bond0 moved to rail 2" wait_for "$WAIT" bond_is "$b2"
same_rail_only 8
check "to bond0 on rail 2, A sends (almost) nothing on rail 1 ($t1)" near "$t1" 0
check "B pings A after its failover" wait_for "$WAIT" ping_ok B 10.60.0.1
check "B's ARP entry for A is on rail 2" wait_for "$WAIT" sh -c \
	"$IP -n B neigh show 10.60.0.1 | grep -q 'lladdr \\([0-9a-f]*:\\)\\{4\\}fe:80:00:00:00:00:00:02:'"

ksft_exit
