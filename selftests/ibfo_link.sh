#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# An ibfo device without slaves: what it looks like (an IPoIB device with
# no address, no broadcast address and no carrier), what it does with
# packets (drops and counts them), MTU limits, and its life cycle in
# network namespaces: ip link del, netns deletion and rmmod.

. "$(dirname "$0")/lib.sh"

require_module ibfo

sysfs() { cat "/sys/class/net/$1/$2" 2>&1; }
zero20=00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00

check "create ibfo0" $IP link add ibfo0 type ibfo
defer "$IP link del ibfo0"
check "ibfo0 exists" $IP link show dev ibfo0
check "ip -d link shows link/infiniband" \
	sh -c "$IP -d link show dev ibfo0 | grep -q 'link/infiniband $zero20 brd $zero20'"
check_eq "type ARPHRD_INFINIBAND" 32 "$(sysfs ibfo0 type)"
check_eq "addr_len INFINIBAND_ALEN" 20 "$(sysfs ibfo0 addr_len)"
check_eq "no address before a slave" $zero20 "$(sysfs ibfo0 address)"
check_eq "no broadcast address before a slave" $zero20 \
	"$(sysfs ibfo0 broadcast)"
check_eq "default MTU" 2044 "$(sysfs ibfo0 mtu)"
# IFF_BROADCAST | IFF_MULTICAST, down.
check_eq "flags" 0x1002 "$(sysfs ibfo0 flags)"

check "set ibfo0 up" $IP link set dev ibfo0 up
check "no qdisc (IFF_NO_QUEUE)" \
	sh -c "$IP link show dev ibfo0 | grep -q 'qdisc noqueue'"
check_eq "no carrier without slaves" 0 "$(sysfs ibfo0 carrier)"
check "ip link shows NO-CARRIER" \
	sh -c "$IP link show dev ibfo0 | grep -q 'NO-CARRIER'"

# Traffic without a slave is dropped, counted, and crashes nothing.
for s in rx_packets rx_bytes tx_packets tx_bytes tx_dropped rx_dropped; do
	check "statistics/$s readable" test -r "/sys/class/net/ibfo0/statistics/$s"
done
check "ip -s link show" $IP -s link show dev ibfo0
drops=$(sysfs ibfo0 statistics/tx_dropped)
check "add IPv4 address" $IP addr add 10.99.0.1/24 dev ibfo0
check_fail "ping through ibfo0 without slaves fails" \
	ping -c 2 -w 3 10.99.0.2
check "tx_dropped counts the dropped ARP requests" \
	test "$(sysfs ibfo0 statistics/tx_dropped)" -gt "$drops"
check_eq "nothing counted as transmitted" 0 \
	"$(sysfs ibfo0 statistics/tx_packets)"

# MTU: the IPoIB range, 68 to 65520 (connected mode).
check "set MTU 65520" $IP link set dev ibfo0 mtu 65520
check_eq "MTU 65520" 65520 "$(sysfs ibfo0 mtu)"
check "set MTU 1500" $IP link set dev ibfo0 mtu 1500
check_fail "MTU 70000 refused" $IP link set dev ibfo0 mtu 70000
check_fail "MTU 65521 refused" $IP link set dev ibfo0 mtu 65521
check_fail "MTU 67 refused" $IP link set dev ibfo0 mtu 67
check_eq "MTU unchanged by refused requests" 1500 "$(sysfs ibfo0 mtu)"
check "create with an MTU" $IP link add ibfo1 mtu 4092 type ibfo
check_eq "MTU given at creation" 4092 "$(sysfs ibfo1 mtu)"

# ip link del, and the kernel-chosen name.
check "delete ibfo1" $IP link del ibfo1
check_fail "ibfo1 gone" $IP link show dev ibfo1
check "create without a name" $IP link add type ibfo
check "kernel named it ibfo1" $IP link show dev ibfo1
check "delete it" $IP link del ibfo1

# A namespace of its own; the device cannot leave it (its slaves will
# have to be in the same namespace).
ns_add ibfo-ns1
check "create ibfo0 in ibfo-ns1" $IP -n ibfo-ns1 link add ibfo0 type ibfo
check "ibfo0 exists in ibfo-ns1" $IP -n ibfo-ns1 link show dev ibfo0
check "ibfo0 in ibfo-ns1 is infiniband" \
	sh -c "$IP -n ibfo-ns1 -d link show dev ibfo0 | grep -q link/infiniband"
check "stats readable in ibfo-ns1" $IP -n ibfo-ns1 -s link show dev ibfo0
check "create in ibfo-ns1 from outside" \
	$IP link add ibfo5 netns ibfo-ns1 type ibfo
check "ibfo5 is in ibfo-ns1" $IP -n ibfo-ns1 link show dev ibfo5
check_fail "ibfo5 is not here" $IP link show dev ibfo5
check_fail "ibfo5 cannot move to another netns" \
	$IP -n ibfo-ns1 link set dev ibfo5 netns 1
check_fail "ibfo5 still not here" $IP link show dev ibfo5

# Deleting the namespace deletes its ibfo devices rather than moving them
# out.  A veth pair across the boundary shows when the namespace's devices
# were destroyed: its init-netns end goes in the same batch.
require_module veth
check "veth pair into ibfo-ns1" \
	$IP link add ibfo-w0 type veth peer name ibfo-w1 netns ibfo-ns1
check "delete ibfo-ns1" $IP netns del ibfo-ns1
check "ibfo-ns1's devices destroyed" wait_for 10 sh -c "! $IP link show dev ibfo-w0"
check_eq "no ibfo device moved to init netns" "ibfo0" \
	"$($IP -o link show type ibfo | cut -d: -f2 | tr -d ' ' | tr '\n' ' ' | sed 's/ $//')"

# rmmod deletes the devices in every namespace.
ns_add ibfo-ns2
ns_add ibfo-ns3
check "ibfo0 in ibfo-ns2" $IP -n ibfo-ns2 link add ibfo0 type ibfo
check "ibfo0 in ibfo-ns3" $IP -n ibfo-ns3 link add ibfo0 type ibfo
check "ibfo1 in ibfo-ns3, up" $IP -n ibfo-ns3 link add ibfo1 up type ibfo
check "rmmod ibfo with devices in three namespaces" rmmod ibfo
check_fail "init netns ibfo0 gone" $IP link show dev ibfo0
check_fail "ibfo-ns2 ibfo0 gone" $IP -n ibfo-ns2 link show dev ibfo0
check_fail "ibfo-ns3 ibfo0 gone" $IP -n ibfo-ns3 link show dev ibfo0
check_fail "ibfo-ns3 ibfo1 gone" $IP -n ibfo-ns3 link show dev ibfo1

ksft_exit
