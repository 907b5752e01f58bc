#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The softib fabric of the systemd test guest, set up at boot before the
# network managers start (ibfo-test-fabric.service): two HCAs of four
# ports on one IB subnet.  Host A is the guest itself and keeps softib0's
# ports, ib0..ib3, which the tests' ibfo masters enslave; host B is
# network namespace B with softib1's four ports, each with an address on
# one of the tests' subnets:
#   B port 1  192.0.2.2/24 fd00:1::2/64   (ibfo0's peer)
#   B port 2  198.51.100.2/24             (ibfo1's peer)
set -eu
PATH=/usr/sbin:/usr/bin:/sbin:/bin
modprobe ib_ipoib
modprobe softib num_hcas=2 num_ports=4
i=0
for p in 1 2 3 4; do
	for h in 0 1; do
		until softibctl netdev "softib$h/$p" >/dev/null 2>&1; do
			i=$((i + 1))
			[ $i -lt 300 ] || { echo "fabric: softib$h/$p has no ipoib netdev" >&2; exit 1; }
			sleep 0.1
		done
	done
done
for p in 1 2 3 4; do
	nd=$(softibctl netdev "softib0/$p")
	[ "$nd" = "ib$((p - 1))" ] ||
		{ echo "fabric: softib0/$p is $nd, not ib$((p - 1))" >&2; exit 1; }
done
ip netns add B
ip -n B link set lo up
ip netns exec B sysctl -qw net.ipv4.conf.all.arp_ignore=1 net.ipv4.conf.all.arp_announce=2
for p in 1 2 3 4; do
	nd=$(softibctl netdev "softib1/$p")
	ip link set "$nd" netns B
	ip -n B link set "$nd" name "b$p"
done
ip -n B addr add 192.0.2.2/24 dev b1
ip -n B addr add fd00:1::2/64 dev b1 nodad
ip -n B addr add 198.51.100.2/24 dev b2
for p in 1 2 3 4; do
	ip -n B link set "b$p" up
done
echo "fabric: A has ib0..ib3, B (netns B) b1..b4"
