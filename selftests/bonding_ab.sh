#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Baseline for ibfo: the distro bonding driver in active-backup mode
# (miimon 100) over two IPoIB slaves on host A (softib0 ports 1 and 2), a
# plain IPoIB port on host B (softib1/1).  Traffic flows; taking the active
# slave's port down makes bonding switch to the other slave (its hardware
# address follows, fail_over_mac=active) and traffic resumes.  Then the same
# back the other way.  Prints switch and resume times and lost pings.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

# active: bond0's current active slave in A.
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
hwaddr() { "$IP" -n A -o link show dev "$1" | sed 's|.*link/infiniband \([^ ]*\).*|\1|'; }

softib_load num_hcas=2 num_ports=2
# max_bonds=0: no stray bond0 in the init namespace.
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
check "create bond0 (active-backup, miimon 100)" \
	"$IP" -n A link add bond0 type bond mode active-backup miimon 100
check "enslave $s1" "$IP" -n A link set "$s1" master bond0
check "enslave $s2" "$IP" -n A link set "$s2" master bond0
"$IP" -n A addr add 10.20.0.1/24 dev bond0
"$IP" -n A link set bond0 up
host B "$b" 10.20.0.2/24
check "bond0 is of type infiniband" \
	sh -c "'$IP' -n A -o link show dev bond0 | grep -q link/infiniband"
check "bond0 has an active slave" wait_for "$WAIT" has_active
check "A pings B over bond0" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A" ping_ok B 10.20.0.1

# failover FROM TO FROM_PORT: take FROM's port down, expect TO to take over.
failover()
{
	check_eq "$1 is the active slave" "$1" "$(active)"
	check_eq "bond0 has $1's address" "$(hwaddr "$1")" "$(hwaddr bond0)"
	# Pings from B at 10 ms during the failover: lost count, for the record.
	"$IP" netns exec B ping -i 0.01 -c 400 -W 2 10.20.0.1 >"$dir/ping" 2>&1 &
	ppid=$!
	sleep 1
	t0=$(now_ms)
	softibctl port "$3" link down
	check "bonding switches to $2" wait_for "$WAIT" active_is "$2"
	log "$3 down -> bonding switched: $(($(now_ms) - t0)) ms"
	check "A pings B after the failover" wait_for "$WAIT" ping_ok A 10.20.0.2
	log "$3 down -> A's ping answered: $(($(now_ms) - t0)) ms"
	check_eq "bond0 took $2's address" "$(hwaddr "$2")" "$(hwaddr bond0)"
	check "B pings A after the failover" wait_for "$WAIT" ping_ok B 10.20.0.1
	wait $ppid
	log "pings from B at 10 ms intervals: $(grep transmitted "$dir/ping")"
	check "$3 link up" softibctl port "$3" link up
	check "$1 is back up for bonding" wait_for "$WAIT" slave_mii_up "$1"
	check_eq "bonding stays on $2 (no primary)" "$2" "$(active)"
}

dir=$(mktemp -d)
defer "rm -rf $dir"
first=$(active)
if [ "$first" = "$s1" ]; then
	failover "$s1" "$s2" softib0/1
	failover "$s2" "$s1" softib0/2
else
	failover "$s2" "$s1" softib0/2
	failover "$s1" "$s2" softib0/1
fi
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.20.0.2

ksft_exit
