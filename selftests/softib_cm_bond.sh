#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bonding active-backup (miimon 100) over two IPoIB slaves in connected
# mode (softib0 ports 1 and 2, host A) talking to a connected-mode port
# (softib1/1, host B), MTU 65520.  Pings of 30000 bytes only fit an RC
# connection.  Taking the active slave's port down makes bonding fail over;
# B's connection to the dead port times out (its RC sends fail with retry
# exceeded) and B connects to the new active slave: large pings flow again
# both ways.  Then the same back the other way.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

active()
{
	nsx A cat /proc/net/bonding/bond0 |
		awk -F': ' '/^Currently Active Slave/ { print $2 }'
}
# shellcheck disable=SC2317 # run through wait_for
active_is() { [ "$(active)" = "$1" ]; }
# shellcheck disable=SC2317 # run through wait_for
has_active() { s=$(active); [ -n "$s" ] && [ "$s" != None ]; }
# shellcheck disable=SC2317 # run through wait_for
slave_mii_up()
{
	nsx A cat /proc/net/bonding/bond0 |
		awk -v s="$1" '/^Slave Interface/ { cur = $3 }
			cur == s && /^MII Status: up/ { f = 1 } END { exit !f }'
}
# shellcheck disable=SC2317 # run through wait_for
big_ping_ok() { nsx "$1" ping -c 1 -W 2 -s 30000 "$2"; }

softib_load num_hcas=2 num_ports=2
if [ ! -d /sys/module/bonding ]; then
	modprobe bonding max_bonds=0 || ksft_skip "no bonding module"
	defer "rmmod bonding"
fi
s1=$(softibctl netdev softib0/1)
s2=$(softibctl netdev softib0/2)
b=$(softibctl netdev softib1/1)

ns_add A
"$IP" link set "$s1" netns A
"$IP" link set "$s2" netns A
"$IP" -n A link set lo up
check "$s1: mode connected" cm_mode A "$s1" connected
check "$s2: mode connected" cm_mode A "$s2" connected
check "create bond0 (active-backup, miimon 100)" \
	"$IP" -n A link add bond0 type bond mode active-backup miimon 100
check "enslave $s1" "$IP" -n A link set "$s1" master bond0
check "enslave $s2" "$IP" -n A link set "$s2" master bond0
check "bond0 MTU 65520" "$IP" -n A link set bond0 mtu 65520
"$IP" -n A addr add 10.21.0.1/24 dev bond0
"$IP" -n A link set bond0 up
host B "$b" 10.21.0.2/24
check "B: mode connected" cm_mode B "$b" connected 65520
check "bond0 has an active slave" wait_for "$WAIT" has_active
check "A pings B over bond0" wait_for "$WAIT" ping_ok A 10.21.0.2
check "A: 30000-byte pings to B" wait_for "$WAIT" big_ping_ok A 10.21.0.2
check "B: 30000-byte pings to A" wait_for "$WAIT" big_ping_ok B 10.21.0.1

# failover FROM TO FROM_PORT
failover()
{
	check_eq "$1 is the active slave" "$1" "$(active)"
	e0=$(cat $SOFTIB/devices/softib1/port1/stats/rc_errors)
	t0=$(now_ms)
	softibctl port "$3" link down
	check "bonding switches to $2" wait_for "$WAIT" active_is "$2"
	log "$3 down -> bonding switched: $(($(now_ms) - t0)) ms"
	check "A: 30000-byte pings to B after the failover" \
		wait_for "$WAIT" big_ping_ok A 10.21.0.2
	log "$3 down -> A's large ping answered: $(($(now_ms) - t0)) ms"
	check "B: 30000-byte pings to A after the failover" \
		wait_for "$WAIT" big_ping_ok B 10.21.0.1
	e1=$(cat $SOFTIB/devices/softib1/port1/stats/rc_errors)
	log "B's RC connections failed by the transport: $((e1 - e0))"
	check "$3 link up" softibctl port "$3" link up
	check "$1 is back up for bonding" wait_for "$WAIT" slave_mii_up "$1"
}

first=$(active)
if [ "$first" = "$s1" ]; then
	failover "$s1" "$s2" softib0/1
	failover "$s2" "$s1" softib0/2
else
	failover "$s2" "$s1" softib0/2
	failover "$s1" "$s2" softib0/1
fi
check "no ipoib drain/send timeouts in the log" no_cm_stall

ksft_exit
