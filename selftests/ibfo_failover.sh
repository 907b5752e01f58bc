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

# active: name of ibfo0's active slave, from the master's address.
active()
{
	for _s in "$a1" "$a2"; do
		[ "$(lladdr A "$_s")" = "$(lladdr A ibfo0)" ] && echo "$_s"
	done
}
# shellcheck disable=SC2317 # run through wait_for
active_is() { [ "$(active)" = "$1" ]; }

softib_load num_hcas=2 num_ports=2
modprobe ibfo || ksft_skip "no ibfo module"
defer "rmmod ibfo"
two_hosts
lag_host A ibfo0 ibfo "$a1" "$a2" 10.20.0.1/24 fd00:20::1/64
host B "$b1" 10.20.0.2/24 fd00:20::2/64
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
	flood_start B 10.20.0.1 300
	sleep 1
	t0=$(now_ms)
	softibctl port "$3" link down
	check "ibfo switches to $2" wait_for "$WAIT" active_is "$2"
	log "$3 down -> ibfo0 switched (seen by the script): $(($(now_ms) - t0)) ms"
	check "A pings B after the failover" wait_for "$WAIT" ping_ok A 10.20.0.2
	flood_end "from B, $3 down"
	check "at most $MAX_LOST pings lost ($lost)" [ "$lost" -le "$MAX_LOST" ]
	check "B pings A after the failover" ping_ok B 10.20.0.1
	check "A pings B over IPv6 after the failover" wait_for "$WAIT" ping_ok A fd00:20::2
	check "$3 link up" softibctl port "$3" link up
	check "$1 has carrier again" wait_for "$WAIT" carrier A "$1"
	check_eq "ibfo stays on $2 (no primary)" "$2" "$(active)"
}

failover_both_ways

# A TCP transfer across a failover keeps its content.
head -c 4000000 /dev/urandom >"$dir/src"
cur=$(active)
if [ "$cur" = "$a1" ]; then port=softib0/1; else port=softib0/2; fi
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
