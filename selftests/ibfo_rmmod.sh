#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Teardown under traffic with ibfo slaves: host A = ibfo0 over softib0
# ports 1 and 2, host B = plain softib1/1, pings both ways at 10 ms and a
# UDP stream (traceroute probes) from A to B through ibfo0.
#   rmmod ib_ipoib: the slave netdevs vanish; ibfo releases them, ibfo0
#   stays with no slave, no active slave and no carrier; rmmod ibfo then
#   works.
#   rmmod softib (a fresh fabric, new hosts): the ib_devices go away
#   under ibfo's ib_client and ipoib; the same result.
# Each rmmod must end within 30 s; the runner fails the test on a splat.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# udp_noports NS: UDP datagrams NS received for no socket.
# shellcheck disable=SC2016 # awk program
udp_noports() { nsx "$1" awk '/^Udp:/ && n++ { print $3 }' /proc/net/snmp; }
# shellcheck disable=SC2317 # run through wait_for
udp_flowing() { [ "$(udp_noports "$1")" -gt "$2" ]; }
# shellcheck disable=SC2317
pings_flowing() { [ "$(ibfo_tx "$1")" -gt "$2" ]; }
# ibfo_tx NS: packets NS's ibfo0 sent.
ibfo_tx() { "$IP" -n "$1" -s link show dev ibfo0 | awk '/TX:/ { getline; print $2 + 0 }'; }

# traffic NSA ADDRA NSB ADDRB: pings both ways at 10 ms and UDP probes
# from NSA to ADDRB, in the background (pids in $traffic_pids).
traffic()
{
	traffic_pids=
	"$IP" netns exec "$1" ping -i 0.01 "$4" >/dev/null 2>&1 &
	traffic_pids="$traffic_pids $!"
	"$IP" netns exec "$3" ping -i 0.01 "$2" >/dev/null 2>&1 &
	traffic_pids="$traffic_pids $!"
	"$IP" netns exec "$1" sh -c \
		"while :; do traceroute -n -m 1 -q 3 -w 1 $4; done" \
		>/dev/null 2>&1 &
	traffic_pids="$traffic_pids $!"
	defer "kill $traffic_pids 2>/dev/null"
}

# setup NSA NSB NET: ibfo0 over A's two ports in NSA, B's first port in
# NSB, addresses NET.1 and NET.2; traffic flows.
setup()
{
	two_hosts
	lag_host "$1" ibfo0 ibfo "$a1" "$a2" "$3.1/24"
	host "$2" "$b1" "$3.2/24"
	check "$1: ibfo0 has carrier" wait_for "$WAIT" carrier "$1" ibfo0
	check "$1 pings $2 over ibfo0" wait_for "$WAIT" ping_ok "$1" "$3.2"
	_udp0=$(udp_noports "$2")
	_tx0=$(ibfo_tx "$1")
	traffic "$1" "$3.1" "$2" "$3.2"
	check "UDP from $1 reaches $2" wait_for "$WAIT" udp_flowing "$2" "$_udp0"
	check "pings flow through ibfo0" \
		wait_for "$WAIT" pings_flowing "$1" $((_tx0 + 200))
}

# released NS: ibfo0 in NS is left with no slave, no carrier and no
# active slave, and no IPoIB netdev is left anywhere; then rmmod ibfo.
released()
{
	check_eq "$1: ibfo0 has no slave" "" \
		"$("$IP" -n "$1" -o link show master ibfo0)"
	check "$1: ibfo0 has no carrier" wait_for "$WAIT" no_carrier "$1" ibfo0
	check_eq "$1: no active slave" "" "$(active "$1")"
	for _ns in "" "$1" "$2"; do
		# ibfo0 is of type infiniband itself.
		"$IP" ${_ns:+-n "$_ns"} -o link show | grep link/infiniband |
			grep -v ' ibfo0:'
	done >"$dir/left"
	check_eq "no IPoIB netdev left" "" "$(cat "$dir/left")"
	unload ibfo 30
	check "$1: ibfo0 went with the module" \
		sh -c "! '$IP' -n '$1' link show dev ibfo0"
}

dir=$(mktemp -d)
defer "rm -rf $dir"

softib_load num_hcas=2 num_ports=2
ibfo_load
setup A B 10.20.0
unload ib_ipoib 30
released A B
# shellcheck disable=SC2086 # a list of pids
kill $traffic_pids 2>/dev/null

# A fresh fabric (softib_load brings ib_ipoib back), new hosts.
softib_load num_hcas=2 num_ports=2
ibfo_load
setup C D 10.21.0
unload softib 30
released C D
check "no softib ib_device left" sh -c "! ls -d $IB/softib* 2>/dev/null"

ksft_exit
