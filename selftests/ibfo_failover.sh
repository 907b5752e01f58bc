#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo active-backup failover: host A = ibfo0 over two IPoIB ports
# (softib0 ports 1 and 2), host B = one plain IPoIB port (softib1/1).
# Traffic flows over ibfo0; taking the active slave's IB port down makes
# ibfo switch to the other slave at once (IB event, no polling): the
# master takes its address and tells the peers.  Pings from B at 10 ms
# intervals measure the outage; then the same back the other way, and a
# TCP transfer with content check across a failover.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

# Most pings from B, at 10 ms, lost in one failover.  The IB event makes
# the switch immediate; what remains is the peer learning the new address
# and its PathRecord lookup (~5 ms), plus TCG jitter.
MAX_LOST=${MAX_LOST:-40}

hwaddr() { "$IP" -n A -o link show dev "$1" | sed 's|.*link/infiniband \([^ ]*\).*|\1|'; }
# active: ifindex-free name of ibfo0's active slave, from its address.
active()
{
	for _s in "$s1" "$s2"; do
		[ "$(hwaddr "$_s")" = "$(hwaddr ibfo0)" ] && echo "$_s"
	done
}
# shellcheck disable=SC2317 # run through wait_for
active_is() { [ "$(active)" = "$1" ]; }

softib_load num_hcas=2 num_ports=2
modprobe ibfo || ksft_skip "no ibfo module"
defer "rmmod ibfo"
s1=$(softibctl netdev softib0/1)
s2=$(softibctl netdev softib0/2)
b=$(softibctl netdev softib1/1)

ns_add A
"$IP" link set "$s1" netns A
"$IP" link set "$s2" netns A
"$IP" -n A link set lo up
check "create ibfo0" "$IP" -n A link add ibfo0 type ibfo
check "enslave $s1" "$IP" -n A link set "$s1" master ibfo0
check "enslave $s2" "$IP" -n A link set "$s2" master ibfo0
"$IP" -n A addr add 10.20.0.1/24 dev ibfo0
"$IP" -n A addr add fd00:20::1/64 dev ibfo0 nodad
"$IP" -n A link set ibfo0 up
host B "$b" 10.20.0.2/24 fd00:20::2/64
check "ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "A pings B over ibfo0" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A" ping_ok B 10.20.0.1
check "A pings B over IPv6" wait_for "$WAIT" ping_ok A fd00:20::2

dir=$(mktemp -d)
defer "rm -rf $dir"

# failover FROM TO FROM_PORT: take FROM's port down, expect TO to take over.
failover()
{
	check_eq "$1 is the active slave" "$1" "$(active)"
	"$IP" netns exec B ping -i 0.01 -c 300 -W 1 10.20.0.1 >"$dir/ping" 2>&1 &
	ppid=$!
	sleep 1
	t0=$(now_ms)
	softibctl port "$3" link down
	check "ibfo switches to $2" wait_for "$WAIT" active_is "$2"
	log "$3 down -> ibfo0 switched (seen by the script): $(($(now_ms) - t0)) ms"
	check "A pings B after the failover" wait_for "$WAIT" ping_ok A 10.20.0.2
	wait $ppid
	tx=$(awk '/transmitted/ { print $1 }' "$dir/ping")
	rx=$(awk '/transmitted/ { print $4 }' "$dir/ping")
	lost=$((tx - rx))
	log "pings from B at 10 ms: $tx sent, $rx answered, $lost lost (outage ~$((lost * 10)) ms)"
	check "at most $MAX_LOST pings lost ($lost)" [ "$lost" -le "$MAX_LOST" ]
	check "B pings A after the failover" ping_ok B 10.20.0.1
	check "A pings B over IPv6 after the failover" wait_for "$WAIT" ping_ok A fd00:20::2
	check "$3 link up" softibctl port "$3" link up
	check "$1 has carrier again" wait_for "$WAIT" carrier A "$1"
	check_eq "ibfo stays on $2 (no primary)" "$2" "$(active)"
}

first=$(active)
if [ "$first" = "$s1" ]; then
	failover "$s1" "$s2" softib0/1
	failover "$s2" "$s1" softib0/2
else
	failover "$s2" "$s1" softib0/2
	failover "$s1" "$s2" softib0/1
fi

# A TCP transfer across a failover keeps its content.
head -c 4000000 /dev/urandom >"$dir/src"
cur=$(active)
if [ "$cur" = "$s1" ]; then port=softib0/1; else port=softib0/2; fi
tcp_xfer B A 10.20.0.1 "$dir/src" "$dir/dst" 120 &
xpid=$!
usleep 300000
softibctl port "$port" link down
wait $xpid
check_eq "TCP transfer across a failover completes" 0 $?
check_eq "TCP content intact" "$(md5 "$dir/src")" "$(md5 "$dir/dst")"
softibctl port "$port" link up
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.20.0.2

ksft_exit
