#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# All slaves down and back: host A = ibfo0 over two IPoIB ports (softib0
# ports 1 and 2), host B = one plain IPoIB port (softib1/1).  With both of
# A's IB ports down ibfo0 has no active slave and no carrier and pings
# fail; the first port back brings the carrier back and takes the
# traffic; the second one back becomes a backup.  Logs how long each step
# took as seen by the script, and the pings lost by a 10 ms stream from B
# across the whole outage.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# shellcheck disable=SC2317 # run through wait_for
has_active() { [ -n "$(active A)" ]; }
# shellcheck disable=SC2317
ibfo_shows_active() { "$IP" -n A -d link show dev ibfo0 | grep -q "active_slave "; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
lag_host A ibfo0 ibfo "$a1" "$a2" 10.20.0.1/24
host B "$b1" 10.20.0.2/24
check "ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "ibfo0 has an active slave" wait_for "$WAIT" has_active
check "A pings B over ibfo0" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A" ping_ok B 10.20.0.1

# Both ports down, in the order active first: ibfo fails over to the
# backup, which then fails too.
first=$(active A)
if [ "$first" = "$a1" ]; then
	p1=softib0/1 p2=softib0/2 other=$a2
else
	p1=softib0/2 p2=softib0/1 other=$a1
fi
t0=$(now_ms)
softibctl port $p1 link down
softibctl port $p2 link down
check "ibfo0 loses its carrier" wait_for "$WAIT" no_carrier A ibfo0
log "both ports down -> ibfo0 carrier off: $(($(now_ms) - t0)) ms"
check_eq "no active slave" "" "$(active A)"
check "ip -d link show names no active_slave" \
	sh -c "! '$IP' -n A -d link show dev ibfo0 | grep -q active_slave"
# NO-CARRIER is the operstate, which linkwatch updates a little later.
check "ip link show says NO-CARRIER" wait_for "$WAIT" \
	sh -c "'$IP' -n A link show dev ibfo0 | grep -q NO-CARRIER"
check "$a1 is down" wait_for "$WAIT" state_is "$a1" down A
check "$a2 is down" wait_for "$WAIT" state_is "$a2" down A
check "A cannot ping B" ping_fails A 10.20.0.2
check "B cannot ping A" ping_fails B 10.20.0.1

# The backup's port comes back first: it takes the traffic.
flood_start B 10.20.0.1 $((WAIT * 50))
sleep 1
t0=$(now_ms)
softibctl port $p2 link up
check "ibfo0 gets its carrier back" wait_for "$WAIT" carrier A ibfo0
log "$p2 up -> ibfo0 carrier on: $(($(now_ms) - t0)) ms"
check_eq "ibfo fails over to $other" "$other" "$(active A)"
check "ip -d link show names it" ibfo_shows_active
check "A pings B again" wait_for "$WAIT" ping_ok A 10.20.0.2
log "$p2 up -> A's ping answered: $(($(now_ms) - t0)) ms"
check "B pings A again" wait_for "$WAIT" ping_ok B 10.20.0.1
flood_end "from B, all down, $p2 back"
check "pings from B came back" [ "$answered" -gt 0 ]
check_eq "ibfo0 has $other's address" "$(lladdr A "$other")" \
	"$(lladdr A ibfo0)"

# The other port comes back: a backup, the traffic stays.
softibctl port $p1 link up
check "$first becomes a backup" wait_for "$WAIT" state_is "$first" backup A
check_eq "$other keeps the traffic" "$other" "$(active A)"
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.20.0.2

# And it still fails over: the backup that came back is usable.
softibctl port $p2 link down
check "ibfo fails over to $first" wait_for "$WAIT" active_is "$first" A
check "A pings B over $first" wait_for "$WAIT" ping_ok A 10.20.0.2
softibctl port $p2 link up

ksft_exit
