#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Two hosts, softib0/1 in netns A and softib1/1 in netns B, reach each other
# over the distro ib_ipoib: IPv4 (small, full-MTU and fragmented) and IPv6.
# The default fabric must come up ACTIVE with distinct LIDs, and the port
# counters must see the traffic.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
for p in softib0/1 softib0/2 softib1/1 softib1/2; do
	check_eq "$p is ACTIVE" ACTIVE "$(port_state "${p%/*}" "${p#*/}")"
done
lids=$(cat "$SOFTIB"/devices/softib*/port*/lid | sort -u | wc -l)
check_eq "4 ports have 4 distinct LIDs" 4 "$lids"
check_eq "sm_lid agrees with ib_core" \
	"$(($(cat "$SOFTIB"/devices/softib0/port1/sm_lid)))" "$(($(cat "$IB"/softib0/ports/1/sm_lid)))"

a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
check_eq "port 1's netdev has dev_port 0" 0 "$(cat /sys/class/net/"$a"/dev_port)"
check_eq "port 2's netdev has dev_port 1" 1 \
	"$(cat /sys/class/net/"$(softibctl netdev softib0/2)"/dev_port)"
tx0=$(cat "$SOFTIB"/devices/softib0/port1/stats/tx_packets)

t0=$(now_ms)
host A "$a" 10.1.0.1/24 fd01::1/64
host B "$b" 10.1.0.2/24 fd01::2/64
check "A has carrier" wait_for "$WAIT" carrier A "$a"
check "B has carrier" wait_for "$WAIT" carrier B "$b"
log "link up -> carrier on both: $(($(now_ms) - t0)) ms"

t0=$(now_ms)
check "A pings B (IPv4)" wait_for "$WAIT" ping_ok A 10.1.0.2
log "first IPv4 ping answered after $(($(now_ms) - t0)) ms"
check "B pings A (IPv4)" ping_ok B 10.1.0.1
pstats A 10.1.0.2 5 0.05
check_eq "5 of 5 pings answered" 5 "$rx"
# ipoib takes its MTU from the broadcast group once joined.
mtu=$("$IP" -n A -o link show dev "$a" | sed 's/.* mtu \([0-9]*\).*/\1/')
check "full-MTU ping ($mtu bytes)" nsx A ping -c 1 -W 2 -s $((mtu - 28)) 10.1.0.2
check "fragmented ping (10000 bytes)" nsx A ping -c 1 -W 2 -s 10000 10.1.0.2
check "A pings B (IPv6)" wait_for "$WAIT" ping_ok A fd01::2
check "B pings A (IPv6)" ping_ok B fd01::1
ll=$("$IP" -n B -6 -o addr show dev "$b" scope link | awk '{ sub("/.*", "", $4); print $4 }')
check "B has a link-local address ($ll)" [ -n "$ll" ]
check "A pings B's link-local address" wait_for "$WAIT" ping_ok A "$ll%$a"

tx1=$(cat "$SOFTIB"/devices/softib0/port1/stats/tx_packets)
check "tx_packets of softib0/1 grew ($tx0 -> $tx1)" [ "$tx1" -gt "$tx0" ]
softibctl show | sed 's/^/#   /'

ksft_exit
