#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo multipath receive balancing with a plain IPoIB peer: host A =
# ibfo0 (multipath) over two ports with 16 IPv4 addresses, host B = one
# plain IPoIB port.  A's ARP replies give each (A address, B address)
# pair the address of a slave of its own, so B reaches A through both of
# A's ports; with rx_balance off every reply names the master's address;
# when a port of A dies, A tells B at once (unicast gratuitous ARP) and
# B's entries that named it move to the other port; when it returns, A's
# announcements name each pair's slave, as its replies do.  The same for IPv6,
# by neighbour discovery.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

N=16

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
s1=$a1 s2=$a2 b=$b1
IPA="$IP -n A"
addrs=""
i=1
while [ $i -le $N ]; do
	addrs="$addrs 10.40.0.$i/24"
	i=$((i + 1))
done
# shellcheck disable=SC2086 # one word an address
lag_host A ibfo0 "ibfo mode multipath" "$s1" "$s2" $addrs
check "rx_balance on by default" sh -c "$IPA -d link show dev ibfo0 | grep -q 'rx_balance on'"
host B "$b" 10.40.0.100/24
check "ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "$s1 usable" wait_for "$WAIT" state_is "$s1" active A
check "$s2 usable" wait_for "$WAIT" state_is "$s2" active A

l1=$(lladdr A "$s1")
l2=$(lladdr A "$s2")
counter() { slave_counter A "$1" "$2"; }

pings=$(mktemp -d)
defer "rm -rf $pings"
# ping_each PREFIX: B pings each of A's addresses PREFIX1..PREFIX$N until
# one echo is answered (up to $WAIT s), all at once; sets ok, the number
# answered.
ping_each()
{
	rm -f "$pings"/*
	_i=1
	while [ $_i -le $N ]; do
		(wait_for "$WAIT" ping_ok B "$1$_i" && touch "$pings/$_i") &
		_i=$((_i + 1))
	done
	wait
	ok=$(find "$pings" -type f | wc -l)
}
# ping_all: ping_each over A's IPv4 addresses.
ping_all() { ping_each 10.40.0.; }
# count ADDR: B's ARP entries for A's addresses that name ADDR.
count() { "$IP" -n B neigh show dev "$b" | grep '^10\.40\.0\.' | grep -c "lladdr $1"; }
# entries: B's ARP entries for A's addresses, "ADDR LLADDR" each, sorted.
entries()
{
	"$IP" -n B neigh show dev "$b" |
		awk '/^10\.40\.0\./ { print $1, $3 }' | sort
}
# shellcheck disable=SC2317 # run through wait_for
all_at() { [ "$($1 "$2")" = "$N" ]; }
# shellcheck disable=SC2317
some_at() { [ "$($1 "$2")" -ge 1 ]; }

# fail_and_return LABEL COUNT PING_ALL: A's port 1 dies: B's entries (as
# COUNT counts them) all move to $s2 and B reaches every address; the
# port returns: entries spread to $s1 again, every address answers.
fail_and_return()
{
	softibctl port softib0/1 link down
	check "$s1 down" wait_for "$WAIT" state_is "$s1" down A
	check "$1B's entries all moved to $s2" wait_for "$WAIT" all_at "$2" "$l2"
	$3
	check_eq "$1B reaches all $N addresses with one port" $N $ok
	softibctl port softib0/1 link up
	check "$s1 active again" wait_for "$WAIT" state_is "$s1" active A
	check "$1entries spread to $s1 again" wait_for "$WAIT" some_at "$2" "$l1"
	$3
	check_eq "$1B reaches all $N addresses at the end" $N $ok
}

ping_all
check_eq "B reaches all $N addresses of A" $N $ok
n1=$(count "$l1")
n2=$(count "$l2")
log "B's entries: $n1 at $s1, $n2 at $s2"
check_eq "every entry names one of A's ports" $N $((n1 + n2))
check "entries at $s1 ($n1)" [ "$n1" -ge 1 ]
check "entries at $s2 ($n2)" [ "$n2" -ge 1 ]
r1=$(counter "$s1" rx_packets)
r2=$(counter "$s2" rx_packets)
ping_all
r1=$(($(counter "$s1" rx_packets) - r1))
r2=$(($(counter "$s2" rx_packets) - r2))
log "received from B: $r1 on $s1, $r2 on $s2"
check "$s1 receives ($r1)" [ "$r1" -ge "$n1" ]
check "$s2 receives ($r2)" [ "$r2" -ge "$n2" ]

# Off: every reply names the master's address.
check "rx_balance off" $IPA link set ibfo0 type ibfo rx_balance off
check "rx_balance off shown" sh -c "$IPA -d link show dev ibfo0 | grep -q 'rx_balance off'"
"$IP" -n B neigh flush dev "$b"
ping_all
check_eq "off: B reaches all $N addresses" $N $ok
master=$(lladdr A ibfo0)
check_eq "off: every entry names the master's address" $N "$(count "$master")"

# On again, then A's port 1 dies: B is told, at once, to use port 2.
check "rx_balance on" $IPA link set ibfo0 type ibfo rx_balance on
"$IP" -n B neigh flush dev "$b"
ping_all
n1=$(count "$l1")
log "before the failure: $n1 entries at $s1"
check "entries at $s1 before the failure ($n1)" [ "$n1" -ge 1 ]
fail_and_return "" count ping_all

# The port's return made A tell B again, by unicast gratuitous ARPs (three
# rounds 100 ms apart), the slave of each pair: the one A's replies name.
# Those carry no neighbour address; the transmit path must leave them as
# they are.
sleep 1
announced=$(entries)
"$IP" -n B neigh flush dev "$b"
ping_all
check_eq "the announcements named each pair's slave, as the replies do" \
	"$announced" "$(entries)"

# IPv6: A's neighbour advertisements (and unicast solicitations) name a
# slave per (A address, B address) pair the same way, and when a port
# dies A's unicast solicitations move B's entries.
i=1
while [ $i -le $N ]; do
	$IPA addr add fd00:40::$i/64 dev ibfo0 nodad
	i=$((i + 1))
done
"$IP" -n B addr add fd00:40::100/64 dev "$b" nodad
# ping6_all: ping_each over A's IPv6 addresses.
ping6_all() { ping_each fd00:40::; }
# count6 ADDR: B's neighbour entries for A's IPv6 addresses naming ADDR.
count6() { "$IP" -n B -6 neigh show dev "$b" | grep '^fd00:40::' | grep -c "lladdr $1"; }
ping6_all
check_eq "IPv6: B reaches all $N addresses of A" $N $ok
n1=$(count6 "$l1")
n2=$(count6 "$l2")
log "B's IPv6 entries: $n1 at $s1, $n2 at $s2"
check_eq "IPv6: every entry names one of A's ports" $N $((n1 + n2))
check "IPv6: entries at $s1 ($n1)" [ "$n1" -ge 1 ]
check "IPv6: entries at $s2 ($n2)" [ "$n2" -ge 1 ]
fail_and_return "IPv6: " count6 ping6_all

ksft_exit
