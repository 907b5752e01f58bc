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
active() { bond_active A; }
# shellcheck disable=SC2317 # run through wait_for
active_is() { [ "$(active)" = "$1" ]; }
# shellcheck disable=SC2317 # run through wait_for
has_active() { s=$(active); [ -n "$s" ] && [ "$s" != None ]; }

softib_load num_hcas=2 num_ports=2
# max_bonds=0: no stray bond0 in the init namespace.
if [ ! -d /sys/module/bonding ]; then
	modprobe bonding max_bonds=0 || ksft_skip "no bonding module"
	defer "rmmod bonding"
fi
two_hosts
lag_host A bond0 "bond mode active-backup miimon 100" "$a1" "$a2" 10.20.0.1/24
host B "$b1" 10.20.0.2/24
check "bond0 is of type infiniband" \
	sh -c "'$IP' -n A -o link show dev bond0 | grep -q link/infiniband"
check "bond0 has an active slave" wait_for "$WAIT" has_active
check "A pings B over bond0" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A" ping_ok B 10.20.0.1

# failover FROM TO FROM_PORT: take FROM's port down, expect TO to take over.
failover()
{
	check_eq "$1 is the active slave" "$1" "$(active)"
	check_eq "bond0 has $1's address" "$(lladdr A "$1")" "$(lladdr A bond0)"
	# Pings from B at 10 ms during the failover: lost count, for the record.
	flood_start B 10.20.0.1 400
	sleep 1
	t0=$(now_ms)
	softibctl port "$3" link down
	check "bonding switches to $2" wait_for "$WAIT" active_is "$2"
	log "$3 down -> bonding switched: $(($(now_ms) - t0)) ms"
	check "A pings B after the failover" wait_for "$WAIT" ping_ok A 10.20.0.2
	log "$3 down -> A's ping answered: $(($(now_ms) - t0)) ms"
	check_eq "bond0 took $2's address" "$(lladdr A "$2")" "$(lladdr A bond0)"
	check "B pings A after the failover" wait_for "$WAIT" ping_ok B 10.20.0.1
	flood_end "from B, $3 down"
	check "$3 link up" softibctl port "$3" link up
	check "$1 is back up for bonding" wait_for "$WAIT" bond_slave_up A "$1"
	check_eq "bonding stays on $2 (no primary)" "$2" "$(active)"
}

failover_both_ways
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.20.0.2

ksft_exit
