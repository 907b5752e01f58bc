#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What ibfo tells about and learns from the devices below it (one HCA,
# two ports, host A):
# - the slaves' lower state (NETDEV_CHANGELOWERSTATE, as bonding sends
#   it): told at enslave and on a switch of the active slave, seen as an
#   RTM_NEWLINK of each slave by "ip monitor" and in the tracepoint
#   ibfo_lower_state (link_up, tx_enabled; in multipath every slave that
#   is up transmits);
# - the multipath "flows" count: only entries of the current generation
#   count, so a port failure zeroes it until new traffic;
# - a slave enslaved after a GID prefix change that ipoib has not taken
#   yet (it writes the new prefix into its address only at the next
#   reregistration, without NETDEV_CHANGEADDR) finds its IB port, keeps
#   it through the reregistration, and its port failure is handled by
#   the IB event (ibfo's "port N down" log line), not the carrier alone.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

tracefs_need

ibfo_two_ports A
IPA="$IP -n A"

check "ibfo_lower_state in tracefs" [ -d $T/events/ibfo/ibfo_lower_state ]
ibfo_trace_events ibfo_lower_state ibfo_slave_state

# lower SLAVE LINK_UP TX_ENABLED: the trace has that lower state told.
# shellcheck disable=SC2317 # run through wait_for
lower() { grep -q "ibfo_lower_state: ibfo0: $1 link_up $2 tx_enabled $3" $T/trace; }

# Active-backup: the active slave transmits, the backup does not.
check "create ibfo0" $IPA link add ibfo0 type ibfo primary "$s1"
for s in "$s1" "$s2"; do
	check "enslave $s" $IPA link set "$s" master ibfo0
done
$IPA link set ibfo0 up
check "$s1 active" wait_for "$WAIT" active_is "$s1" A
check "$s2 backup" wait_for "$WAIT" state_is "$s2" backup A
check "told: $s1 up, transmitting" wait_for "$WAIT" lower "$s1" 1 1
check "told: $s2 up, not transmitting" wait_for "$WAIT" lower "$s2" 1 0

# A switch of the active slave changes both slaves' tx_enabled: each
# gets an RTM_NEWLINK (nothing else about the slaves changes).
mon=$(mktemp)
defer "rm -f $mon"
$IPA -o monitor link >"$mon" 2>&1 &
mon_pid=$!
defer "kill $mon_pid"
sleep 1
: >$T/trace
check "primary $s2" $IPA link set ibfo0 type ibfo primary "$s2"
check "$s2 active" wait_for "$WAIT" active_is "$s2" A
check "told: $s2 transmits" wait_for "$WAIT" lower "$s2" 1 1
check "told: $s1 no longer transmits" wait_for "$WAIT" lower "$s1" 1 0
sleep 1
kill "$mon_pid"
log "ip monitor: $(cut -c1-60 "$mon" | tr '\n' '|')"
for s in "$s1" "$s2"; do
	check "ip monitor saw an RTM_NEWLINK of $s" grep -q "^[0-9]*: ${s}[:@]" "$mon"
done

# Multipath: every slave that is up transmits.
for s in "$s1" "$s2"; do
	check "release $s" $IPA link set "$s" nomaster
done
check "mode multipath" $IPA link set ibfo0 type ibfo mode multipath \
	xmit_hash_policy layer3 noprimary
: >$T/trace
for s in "$s1" "$s2"; do
	check "enslave $s again" $IPA link set "$s" master ibfo0
done
for s in "$s1" "$s2"; do
	check "$s active" wait_for "$WAIT" state_is "$s" active A
	check "told: $s up, transmitting" wait_for "$WAIT" lower "$s" 1 1
done

# flows: 16 address pairs (layer3) to static neighbours nobody answers
# for; each ping leaves through the flow cache.
$IPA addr add 10.70.0.1/24 dev ibfo0
i=2
while [ $i -le 17 ]; do
	$IPA neigh add 10.70.0.$i dev ibfo0 nud permanent \
		lladdr 00:ff:ff:ff:fe:80:00:00:00:00:00:00:00:00:00:00:00:00:00:$i
	i=$((i + 1))
done
# pings: one echo request to each of them, in parallel.
pings()
{
	_i=2
	while [ $_i -le 17 ]; do
		nsx A ping -c 1 -W 1 10.70.0.$_i >/dev/null 2>&1 &
		_i=$((_i + 1))
	done
	wait
}
flows() { slave_counter A "$1" flows; }
pings
f1=$(flows "$s1") f2=$(flows "$s2")
log "flows: $s1 ${f1:-?}, $s2 ${f2:-?}"
check "$s1 has flows (${f1:-?})" [ "${f1:-0}" -ge 1 ]
check "$s2 has flows (${f2:-?})" [ "${f2:-0}" -ge 1 ]
softibctl port softib0/1 link down
check "$s1 goes down" wait_for "$WAIT" state_is "$s1" down A
check "told: $s1 down, not transmitting" wait_for "$WAIT" lower "$s1" 0 0
check_eq "no flow counted on $s1 after the change" 0 "$(flows "$s1")"
check_eq "nor on $s2 before new traffic" 0 "$(flows "$s2")"
pings
f2=$(flows "$s2")
check "$s2 has the flows now (${f2:-?})" [ "${f2:-0}" -ge 1 ]
check_eq "$s1 has none" 0 "$(flows "$s1")"
softibctl port softib0/1 link up
check "$s1 active again" wait_for "$WAIT" state_is "$s1" active A

# ib_dev and ib_port of SLAVE.
ibdev() { $IPA -d link show dev "$1" | sed -n 's/.* ib_dev \([^ ]*\) .*/\1/p'; }
ibport() { $IPA -d link show dev "$1" | sed -n 's/.* ib_port \([^ ]*\) .*/\1/p'; }
# prefix_of DEV: the GID subnet prefix in DEV's address, 16 hex digits.
# shellcheck disable=SC2317 # run through wait_for
prefix_of()
{
	$IPA -o link show dev "$1" |
		sed -n 's|.*link/infiniband \([^ ]*\).*|\1|p' | cut -d: -f5-12 | tr -d :
}
# shellcheck disable=SC2317 # run through wait_for
prefix_is() { [ "$(prefix_of "$1")" = "$2" ]; }

check_eq "$s2 follows softib0" softib0 "$(ibdev "$s2")"
check_eq "$s2 follows port 2" 2 "$(ibport "$s2")"
# A new prefix with GID_CHANGE alone (an SM that asks for no
# reregistration): ipoib keeps the old prefix in its address until the
# next reregistration, so that it is no port's GID 0.  A slave enslaved
# meanwhile must still find its port (by the port GUID).
check "release $s2" $IPA link set "$s2" nomaster
check "softib0/2: new GID prefix, GID_CHANGE only" \
	softibctl port softib0/2 gid-prefix-only 0xfe80000000000007
check "enslave $s2 with the old prefix" $IPA link set "$s2" master ibfo0
check_eq "$s2's address has the old prefix" fe80000000000000 "$(prefix_of "$s2")"
check_eq "$s2 follows softib0" softib0 "$(ibdev "$s2")"
check_eq "$s2 follows port 2" 2 "$(ibport "$s2")"
# ipoib takes the new prefix on the reregistration, without telling.
check "softib0/2: reregister" softibctl port softib0/2 reregister
check "$s2's address takes the new prefix" \
	wait_for "$WAIT" prefix_is "$s2" fe80000000000007
check_eq "$s2 still follows port 2" 2 "$(ibport "$s2")"
check "$s2 usable again" wait_for "$WAIT" state_is "$s2" active A

# Its port fails: the IB event handler logs the port down, which it does
# only for a slave it maps to that port (the carrier may still be first).
before=$(dmesg | wc -l)
softibctl port softib0/2 link down
check "$s2 goes down" wait_for "$WAIT" state_is "$s2" down A
# shellcheck disable=SC2317 # run through wait_for
port_down_logged()
{
	dmesg | tail -n +$((before + 1)) | grep -qF "ibfo0: $s2: softib0 port 2 down"
}
check "the IB event took $s2 down (log)" wait_for "$WAIT" port_down_logged
grep "ibfo_slave_state: ibfo0: $s2 up -> down" $T/trace | sed 's/^/# /'
check "told: $s2 down, not transmitting" wait_for "$WAIT" lower "$s2" 0 0
softibctl port softib0/2 link up
check "$s2 active again" wait_for "$WAIT" state_is "$s2" active A
check "delete ibfo0" $IPA link del ibfo0
ksft_exit
