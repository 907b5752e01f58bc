#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# IP multicast over IPoIB: a datagram sent to a group reaches exactly the
# hosts that joined it.  Receivers join with "ip addr add GROUP autojoin"
# (IGMP/MLD join, which makes ipoib join the IB multicast group through the
# SA) and answer ICMP echo requests sent to the group; the sender is a host
# that did not join.  Busybox only: no helper binary needed.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

G4=239.1.2.3
G6=ff05::1:3

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
c=$(softibctl netdev softib1/2)
host A "$a" 10.3.0.1/24 fd03::1/64
host B "$b" 10.3.0.2/24 fd03::2/64
host C "$c" 10.3.0.3/24 fd03::3/64
for ns in B C; do
	nsx $ns sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
done
check "A pings B" wait_for "$WAIT" ping_ok A 10.3.0.2
check "A pings C" wait_for "$WAIT" ping_ok A 10.3.0.3

check_eq "nobody answers $G4 before a join" "" "$(responders A "$a" $G4)"

"$IP" -n B addr add $G4/32 dev "$b" autojoin
check "B lists $G4 as a multicast address" \
	sh -c "'$IP' -n B maddr show dev '$b' | grep -qF '$G4'"
check "only B answers $G4 after B joined" \
	wait_for "$WAIT" answered_by A "$a" $G4 "10.3.0.2 "

"$IP" -n C addr add $G4/32 dev "$c" autojoin
check "B and C answer $G4 after C joined" \
	wait_for "$WAIT" answered_by A "$a" $G4 "10.3.0.2 10.3.0.3 "

"$IP" -n B addr del $G4/32 dev "$b"
check "only C answers $G4 after B left" \
	wait_for "$WAIT" answered_by A "$a" $G4 "10.3.0.3 "

"$IP" -n B addr add $G6/128 dev "$b" autojoin
check "only B answers $G6 after B joined" \
	wait_for "$WAIT" answered_by A "$a" $G6 "fd03::2 "

ksft_exit
