#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo inside a network namespace: ibfo0 is created in namespace A before
# any slave is there and cannot leave it; a slave in another namespace
# cannot be enslaved; slaves moved into A can.  A slave moved out of A
# while enslaved is released (the active one: ibfo fails over).  Deleting
# A with ibfo0, its slaves and traffic tears down cleanly: the slaves
# come back to the init namespace without a master, as a plain IPoIB
# netdev in A does, and work again.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# master_of NS DEV: the master of DEV in NS, "" for none.
master_of()
{
	"$IP" ${1:+-n "$1"} -o link show dev "$2" |
		sed -n 's/.* master \([^ ]*\) .*/\1/p'
}
# in_init DEV: DEV is a netdev of the init namespace.
# shellcheck disable=SC2317 # run through wait_for
in_init() { "$IP" link show dev "$1" >/dev/null 2>&1; }
slaves() { "$IP" -n A -o link show master ibfo0 | awk '{ sub(":$", "", $2); print $2 }' | sort | tr '\n' ' '; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
ns_add A
"$IP" -n A link set lo up
check "create ibfo0 in A before any slave" "$IP" -n A link add ibfo0 type ibfo
check "no ibfo0 in the init namespace" sh -c "! '$IP' link show dev ibfo0"
ns_add C
check_fail "ibfo0 cannot move to another namespace" \
	"$IP" -n A link set ibfo0 netns C
check "ibfo0 still in A" "$IP" -n A link show dev ibfo0

# A slave outside the master's namespace: neither name resolves in the
# other namespace, so rtnetlink never sees the pair (ibfo's own check,
# "slave must be in the master's network namespace", is unreachable from
# rtnetlink).  Nothing changes.
check_fail "enslaving $a1 (init namespace) to A's ibfo0 from init refused" \
	"$IP" link set "$a1" master ibfo0
check_fail "enslaving $a1 (init namespace) to A's ibfo0 from A refused" \
	"$IP" -n A link set "$a1" master ibfo0
check_eq "$a1 has no master" "" "$(master_of "" "$a1")"
check_eq "ibfo0 has no slave" "" "$(slaves)"

for s in "$a1" "$a2"; do
	"$IP" link set "$s" netns A
	check "enslave $s after moving it into A" \
		"$IP" -n A link set "$s" master ibfo0
done
addrs_up A ibfo0 10.20.0.1/24
host B "$b1" 10.20.0.2/24
check "ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "A pings B" wait_for "$WAIT" ping_ok A 10.20.0.2

# The active slave leaves A while enslaved: released, ibfo fails over.
old=$(active A)
if [ "$old" = "$a1" ]; then other=$a2; else other=$a1; fi
check "move the active slave $old to C" "$IP" -n A link set "$old" netns C
check_eq "ibfo0 keeps only $other" "$other " "$(slaves)"
check_eq "$old has no master in C" "" "$(master_of C "$old")"
check "ibfo fails over to $other" wait_for "$WAIT" active_is "$other" A
check "A pings B over $other" wait_for "$WAIT" ping_ok A 10.20.0.2
check "$old works in C on its own" sh -c \
	"'$IP' -n C addr add 10.20.0.3/24 dev '$old' && '$IP' -n C link set '$old' up"
check "C pings B over $old" wait_for "$WAIT" ping_ok C 10.20.0.2
"$IP" -n C addr flush dev "$old"
check "move $old back to A" "$IP" -n C link set "$old" netns A
check "enslave $old again" "$IP" -n A link set "$old" master ibfo0
check "$old is a backup" wait_for "$WAIT" state_is "$old" backup A

# A plain IPoIB netdev in A too, for comparison.
"$IP" link set "$b2" netns A

# Delete A under pings from B.
"$IP" netns exec B ping -i 0.01 10.20.0.1 >/dev/null 2>&1 &
defer "kill $! 2>/dev/null"
t0=$(now_ms)
check "delete namespace A" "$IP" netns del A
for s in "$a1" "$a2" "$b2"; do
	check "$s is back in the init namespace" wait_for "$WAIT" in_init "$s"
done
log "netns del A -> slaves back in the init namespace: $(($(now_ms) - t0)) ms"
check_eq "$a1 has no master" "" "$(master_of "" "$a1")"
check_eq "$a2 has no master" "" "$(master_of "" "$a2")"
check "ibfo0 is gone" sh -c "! '$IP' link show dev ibfo0"
check "$a1 is no IFF_SLAVE" sh -c "! '$IP' link show dev '$a1' | grep -q SLAVE"

# The returned slaves work: ibfo0 in a new namespace over them.
lag_host E ibfo0 ibfo "$a1" "$a2" 10.20.0.1/24
check "E's ibfo0 has carrier" wait_for "$WAIT" carrier E ibfo0
check "E pings B over the returned slaves" wait_for "$WAIT" ping_ok E 10.20.0.2
check "delete namespace E" "$IP" netns del E
check "$a1 back again" wait_for "$WAIT" in_init "$a1"
unload ibfo 30

ksft_exit
