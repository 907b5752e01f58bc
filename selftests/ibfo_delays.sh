#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo updelay / downdelay, with the IB port event as the trigger: a slave
# that became usable is used only after updelay (state going_up), a failed
# active slave keeps the traffic for downdelay (state going_down) unless it
# recovers before.  Asserts the sequence of states seen by polling
# "ip -d link show", not timings (TCG and the debug kernel are slow).
# Ends with releases and a delete while delays are pending.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# watch SLAVE SECONDS STOP_STATE: log "state-of-SLAVE active" lines to
# $seq until SLAVE is in STOP_STATE (or SECONDS passed); fails on timeout.
# shellcheck disable=SC2317 # run through check
watch()
{
	: >"$seq"
	_end=$(($(date +%s) + $2))
	while [ "$(date +%s)" -lt "$_end" ]; do
		# Active first: a state read after it is never older.
		_act=$(active)
		_st=$(state "$1")
		echo "$_st $_act" >>"$seq"
		[ "$_st" = "$3" ] && return 0
	done
	return 1
}
# seen PATTERN: some line of $seq matches PATTERN.
# shellcheck disable=SC2317
seen() { grep -q "$1" "$seq"; }
# seq_summary: the distinct consecutive lines of $seq, on one line.
seq_summary() { uniq "$seq" | tr '\n' ',' | sed 's/,$//'; }

ibfo_two_ports
seq=$(mktemp)
defer "rm -f $seq"

# The delays must be long enough for the polling below to see the states:
# on the debug kernel one look at both devices takes up to seconds.
if [ -n "$SLOW" ]; then D=8000; else D=1000; fi

check "create ibfo0 with updelay $D" \
	"$IP" link add ibfo0 type ibfo updelay "$D" primary_reselect always
check "enslave $s1" "$IP" link set "$s1" master ibfo0
check "enslave $s2" "$IP" link set "$s2" master ibfo0
check "$s1 primary" "$IP" link set ibfo0 type ibfo primary "$s1"
"$IP" link set ibfo0 up
# shellcheck disable=SC2317
carrier_ok() { [ "$(cat /sys/class/net/ibfo0/carrier 2>&1)" = 1 ]; }
check "ibfo0 has carrier" wait_for "$WAIT" carrier_ok
check "$s1 active (primary)" wait_for "$WAIT" active_is "$s1"
# Both slaves were enslaved down: each takes the up delay from its own
# carrier, which ipoib raises when it joined the broadcast group; on a
# loaded host $s2's may come a while after $s1's.
check "$s2 is a backup" wait_for "$WAIT" state_is "$s2" backup

# Up delay: the primary fails, $s2 takes over at once (no down delay);
# when the primary's port is back it goes through going_up, keeps no
# traffic during it, and only then takes the traffic back.
softibctl port softib0/1 link down
check "$s2 takes over at once" wait_for "$WAIT" active_is "$s2"
check "$s1 down" wait_for "$WAIT" state_is "$s1" down
t0=$(now_ms)
softibctl port softib0/1 link up
check "$s1 back to active after going_up" watch "$s1" $((WAIT + 5)) active
log "$s1 after port up: $(seq_summary) ($(($(now_ms) - t0)) ms)"
check "$s1 went through going_up" seen "^going_up "
check "$s2 kept the traffic while $s1 was going_up" \
	sh -c "! grep -q '^going_up $s1' $seq"
check_eq "$s1 active" "$s1" "$(active)"

# A backup that comes back waits too, though it takes no traffic.
softibctl port softib0/2 link down
check "$s2 down" wait_for "$WAIT" state_is "$s2" down
softibctl port softib0/2 link up
check "$s2 becomes backup" watch "$s2" $((WAIT + 5)) backup
log "$s2 after port up: $(seq_summary)"
check "$s2 went through going_up" seen "^going_up "

# Down delay: the active slave's port fails, it keeps the traffic in
# going_down, then $s2 takes over.
check "updelay 0 downdelay $D" \
	"$IP" link set ibfo0 type ibfo updelay 0 downdelay "$D"
softibctl port softib0/1 link down
check "$s1 down after going_down" watch "$s1" $((WAIT + 5)) down
log "$s1 after port down: $(seq_summary)"
check "$s1 went through going_down" seen "^going_down $s1"
check "$s1 kept the traffic while going_down" \
	sh -c "! grep -q '^going_down $s2' $seq"
check "$s2 takes over after the down delay" wait_for "$WAIT" active_is "$s2"
softibctl port softib0/1 link up
check "$s1 active again" wait_for "$WAIT" active_is "$s1"

# Recovery within the down delay: no failover at all.
check "downdelay 60000" "$IP" link set ibfo0 type ibfo downdelay 60000
softibctl port softib0/1 link down
check "$s1 going_down" wait_for "$WAIT" state_is "$s1" going_down
check_eq "$s1 still active" "$s1" "$(active)"
softibctl port softib0/1 link up
check "$s1 recovers within the down delay" watch "$s1" $((WAIT + 5)) active
log "$s1 after port up: $(seq_summary)"
check "$s2 never took over" sh -c "! grep -q ' $s2\$' $seq"

# Releases and a delete with delays pending: the delayed work is
# cancelled, nothing fires on a freed slave (KASAN on the debug lane).
check "updelay 60000" "$IP" link set ibfo0 type ibfo updelay 60000
softibctl port softib0/2 link down
check "$s2 down" wait_for "$WAIT" state_is "$s2" down
softibctl port softib0/2 link up
check "$s2 going_up" wait_for "$WAIT" state_is "$s2" going_up
check "release $s2 while going_up" "$IP" link set "$s2" nomaster
softibctl port softib0/1 link down
check "$s1 going_down" wait_for "$WAIT" state_is "$s1" going_down
check "release $s1 while going_down" "$IP" link set "$s1" nomaster
check_eq "ibfo0 has no active slave" "" "$(active)"
# Released slaves were closed: no up delay when they come back.
check "updelay 0" "$IP" link set ibfo0 type ibfo updelay 0
check "enslave $s1 again" "$IP" link set "$s1" master ibfo0
check "enslave $s2 again" "$IP" link set "$s2" master ibfo0
check "$s2 active" wait_for "$WAIT" active_is "$s2"
softibctl port softib0/2 link down
check "$s2 going_down" wait_for "$WAIT" state_is "$s2" going_down
check "delete ibfo0 while going_down" "$IP" link del ibfo0
softibctl port softib0/1 link up
softibctl port softib0/2 link up
sleep 1

ksft_exit
