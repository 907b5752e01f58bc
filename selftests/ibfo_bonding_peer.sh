#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo facing plain bonding: host A = ibfo0 over softib0 ports 1 and 2,
# host B = bond0 (active-backup, miimon 100) over softib1 ports 1 and 2.
# Ping and TCP (with content check) work both ways; A's active port dies
# under pings from B, then during a TCP transfer B -> A; then B's active
# port, under pings from A and during a transfer A -> B.  Traffic
# recovers each time and each peer's neighbour entry follows the other's
# new address.  Bonding only
# notices a dead port on its next miimon tick, after ipoib dropped the
# carrier: its bound on lost pings is looser.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# Most pings at 10 ms lost when B's bonding fails over (bench: ~60
# typical; ibfo's bound, MAX_LOST, is in ibfo.lib).
MAX_LOST_BOND=${MAX_LOST_BOND:-300}

# cur NS: the active slave of NS's master (ibfo0 in A, bond0 in B).
cur()
{
	if [ "$1" = A ]; then active A; else bond_active B; fi
}
# back SLAVE NS: SLAVE is usable again for NS's master.
# shellcheck disable=SC2317 # run through wait_for
back()
{
	if [ "$2" = A ]; then state_is "$1" backup A; else bond_slave_up B "$1"; fi
}

softib_load num_hcas=2 num_ports=2
ibfo_load
if [ ! -d /sys/module/bonding ]; then
	modprobe bonding max_bonds=0 || ksft_skip "no bonding module"
	defer "rmmod bonding"
fi
two_hosts
lag_host A ibfo0 ibfo "$a1" "$a2" 10.20.0.1/24
lag_host B bond0 "bond mode active-backup miimon 100" "$b1" "$b2" \
	10.20.0.2/24
check "A's ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "B's bond0 has an active slave" wait_for "$WAIT" moved_from B ""
check "A pings B" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A" ping_ok B 10.20.0.1
xfer_start A B 10.20.0.2
xfer_end "TCP A -> B"
xfer_start B A 10.20.0.1
xfer_end "TCP B -> A"

fail_active A ibfo0 10.20.0.1 B 10.20.0.2 "$MAX_LOST"
fail_under_tcp A 10.20.0.1 B
fail_active B bond0 10.20.0.2 A 10.20.0.1 "$MAX_LOST_BOND"
fail_under_tcp B 10.20.0.2 A
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A at the end" wait_for "$WAIT" ping_ok B 10.20.0.1

ksft_exit
