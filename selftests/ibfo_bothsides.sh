#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo on both hosts: A = ibfo0 over softib0 ports 1 and 2, B = ibfo0
# over softib1 ports 1 and 2.  The port of A's active slave dies under
# pings from B at 10 ms, then B's under pings from A: each time the host
# fails over, the peer's neighbour entry moves to the new address and the
# pings lose at most MAX_LOST.  Then a TCP transfer from A to B with a
# content check across the failure of B's (the receiver's) active port.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# cur NS, back SLAVE NS: for fail_active.
cur() { active "$1"; }
# shellcheck disable=SC2317 # run through wait_for
back() { state_is "$1" backup "$2"; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
lag_host A ibfo0 ibfo "$a1" "$a2" 10.20.0.1/24
lag_host B ibfo0 ibfo "$b1" "$b2" 10.20.0.2/24
check "A's ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "B's ibfo0 has carrier" wait_for "$WAIT" carrier B ibfo0
check "A pings B" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A" ping_ok B 10.20.0.1
check "A's neighbour entry for B names B's ibfo0 address" \
	neigh_is A 10.20.0.2 "$(lladdr B ibfo0)"

fail_active A ibfo0 10.20.0.1 B 10.20.0.2 "$MAX_LOST"
fail_active B ibfo0 10.20.0.2 A 10.20.0.1 "$MAX_LOST"

# TCP from A to B across the failure of B's active port.
fail_under_tcp B 10.20.0.2 A
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.20.0.2

ksft_exit
