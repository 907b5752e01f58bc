#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Subnets are separate fabrics: ports in subnet 1 reach each other but not
# the ports in subnet 0, and each subnet has its own LID space.  A port
# moved back to subnet 0 works there again.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
c=$(softibctl netdev softib0/2)
host A "$a" 10.7.0.1/24
host B "$b" 10.7.0.2/24
host C "$c" 10.7.0.3/24
check "A pings B in subnet 0" wait_for "$WAIT" ping_ok A 10.7.0.2
check "A pings C in subnet 0" wait_for "$WAIT" ping_ok A 10.7.0.3

check "softib1/1 subnet 1" softibctl port softib1/1 subnet 1
check "softib0/2 subnet 1" softibctl port softib0/2 subnet 1
check_eq "softib1/1 reads back subnet 1" 1 "$(cat "$SOFTIB"/devices/softib1/port1/subnet)"
check "B has carrier in subnet 1" wait_for "$WAIT" carrier B "$b"
check "C has carrier in subnet 1" wait_for "$WAIT" carrier C "$c"
check "B pings C within subnet 1" wait_for "$WAIT" ping_ok B 10.7.0.3
check "C pings B within subnet 1" ping_ok C 10.7.0.2
check "A (subnet 0) cannot reach B (subnet 1)" ping_fails A 10.7.0.2
check "A (subnet 0) cannot reach C (subnet 1)" ping_fails A 10.7.0.3
check "B (subnet 1) cannot reach A (subnet 0)" ping_fails B 10.7.0.1

# Back to subnet 0.  A's ipoib still caches B's old path, so A is told to
# reregister, as an SM would after reassigning a LID.
check "softib1/1 back to subnet 0" softibctl port softib1/1 subnet 0
check "B has carrier back in subnet 0" wait_for "$WAIT" carrier B "$b"
softibctl port softib0/1 reregister
check "A pings B in subnet 0 again" wait_for "$WAIT" ping_ok A 10.7.0.2
check "B still cannot reach C" ping_fails B 10.7.0.3

# Separate LID spaces: C (alone in subnet 1) may take A's LID; B may not.
lid_a=$(cat "$SOFTIB"/devices/softib0/port1/lid)
check "subnet 1 port takes subnet 0's LID $lid_a" softibctl port softib0/2 lid "$lid_a"
check_err "a LID in use in the same subnet is refused" "File exists" \
	softibctl port softib1/1 lid "$lid_a"

ksft_exit
