#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Port down/up: the IB port state and the ipoib netdev's carrier follow the
# port, traffic stops while it is down and comes back after it is up.  Prints
# how long each step took.  A port-up may cost ~2 s more when ib_sa's join
# races the PORT_ACTIVE event (real ib_sa behaviour), so waits allow 20 s.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.4.0.1/24
host B "$b" 10.4.0.2/24
check "A pings B" wait_for "$WAIT" ping_ok A 10.4.0.2

# flap PORT NS NETDEV: take PORT down and up, checking each effect.
flap()
{
	t0=$(now_ms)
	check "$1 link down" softibctl port "$1" link down
	check_eq "$1 reads back down" down "$(cat "$SOFTIB/devices/${1%/*}/port${1#*/}/link")"
	st=$(port_state "${1%/*}" "${1#*/}")
	check "$1 is not ACTIVE in ib_core ($st)" [ "$st" != ACTIVE ]
	check "$3 loses carrier" wait_for "$WAIT" no_carrier "$2" "$3"
	log "$1 down -> $3 carrier off: $(($(now_ms) - t0)) ms"
	check "no traffic while $1 is down" ping_fails A 10.4.0.2

	t0=$(now_ms)
	check "$1 link up" softibctl port "$1" link up
	check_eq "$1 is ACTIVE in ib_core" ACTIVE "$(port_state "${1%/*}" "${1#*/}")"
	check "$3 regains carrier" wait_for "$WAIT" carrier "$2" "$3"
	log "$1 up -> $3 carrier on: $(($(now_ms) - t0)) ms"
	check "traffic after $1 is up" wait_for "$WAIT" ping_ok A 10.4.0.2
	log "$1 up -> ping answered: $(($(now_ms) - t0)) ms"
}

flap softib0/1 A "$a"
flap softib1/1 B "$b"

# Fast flaps: the netdev must end up with carrier and working.
t0=$(now_ms)
for _ in 1 2 3 4 5; do
	softibctl port softib0/1 link down
	softibctl port softib0/1 link up
done
check "carrier after 5 fast flaps" wait_for "$WAIT" carrier A "$a"
check "traffic after 5 fast flaps" wait_for "$WAIT" ping_ok A 10.4.0.2
log "5 fast flaps -> ping answered: $(($(now_ms) - t0)) ms"

# Down while the netdev is down, up again, then the netdev up.
"$IP" -n A link set "$a" down
softibctl port softib0/1 link down
softibctl port softib0/1 link up
"$IP" -n A link set "$a" up
check "carrier after a flap while admin down" wait_for "$WAIT" carrier A "$a"
check "traffic after a flap while admin down" wait_for "$WAIT" ping_ok A 10.4.0.2

ksft_exit
