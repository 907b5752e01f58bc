#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Enslaving IPoIB netdevs to ibfo0 and releasing them: what is accepted,
# what is refused (with the reason, leaving both devices as they were),
# what the master takes from its first slave, per-slave attributes, MTU
# propagation, primary on a live device.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

sysfs() { cat "/sys/class/net/$1/$2" 2>&1; }
master_of() { readlink "/sys/class/net/$1/master" 2>/dev/null | sed 's|.*/||'; }
hwaddr() { "$IP" -o link show dev "$1" | sed 's|.*link/infiniband \([^ ]*\).*|\1|'; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts

check "create ibfo0" "$IP" link add ibfo0 type ibfo
check "create ibfo1" "$IP" link add ibfo1 type ibfo

# Refusals.
modprobe dummy numdummies=0 2>/dev/null
if "$IP" link add d0 type dummy 2>/dev/null; then
	check_err "dummy refused" "only IPoIB devices can be enslaved" \
		"$IP" link set d0 master ibfo0
	check_eq "dummy has no master" "" "$(master_of d0)"
	"$IP" link del d0
fi
if "$IP" link add v0 type veth peer name v1 2>/dev/null; then
	check_err "veth refused" "only IPoIB devices can be enslaved" \
		"$IP" link set v0 master ibfo0
	"$IP" link del v0
fi
check_err "self refused" "cannot enslave a device to itself" \
	"$IP" link set ibfo0 master ibfo0
check_err "ibfo refused" "cannot enslave an ibfo device" \
	"$IP" link set ibfo1 master ibfo0
ns_add other
"$IP" link set "$b2" netns other
check_fail "slave in another netns refused" \
	"$IP" link set "$b2" master ibfo0

check "enslave $a1" "$IP" link set "$a1" master ibfo0
check_eq "$a1 has master ibfo0" ibfo0 "$(master_of "$a1")"
check_eq "ibfo0 took the broadcast address" "$(sysfs "$a1" broadcast)" \
	"$(sysfs ibfo0 broadcast)"
# ip link set ... master releases from the old master first: a move.
check "move $a1 to ibfo1" "$IP" link set "$a1" master ibfo1
check_eq "$a1 now in ibfo1" ibfo1 "$(master_of "$a1")"
check "move $a1 back to ibfo0" "$IP" link set "$a1" master ibfo0
check_eq "$a1 in ibfo0 again" ibfo0 "$(master_of "$a1")"

# A slave with another P_Key (another broadcast domain).
for p in softib1/1 softib0/2; do softibctl port $p pkeys "0xffff 0x8001"; done
if "$IP" link add "$b1.8001" link "$b1" type ipoib pkey 0x8001 2>/dev/null; then
	check_err "other P_Key refused" "slave has another P_Key" \
		"$IP" link set "$b1.8001" master ibfo0
	check_eq "child has no master" "" "$(master_of "$b1.8001")"
	"$IP" link del "$b1.8001"
else
	fail "create P_Key child $b1.8001"
fi

# Already a slave of bonding.
if modprobe bonding max_bonds=0 2>/dev/null; then
	"$IP" link add bond9 type bond mode active-backup
	if "$IP" link set "$b1" master bond9; then
		check "bonding's slave moves to ibfo0" \
			"$IP" link set "$b1" master ibfo0
		check_eq "$b1 now in ibfo0" ibfo0 "$(master_of "$b1")"
		"$IP" link set "$b1" nomaster
	fi
	"$IP" link del bond9
	rmmod bonding 2>/dev/null
fi

check "enslave $a2" "$IP" link set "$a2" master ibfo0
check "enslave $b1 (other HCA)" "$IP" link set "$b1" master ibfo0
"$IP" link set ibfo0 up
# shellcheck disable=SC2317
carrier_ok() { [ "$(sysfs ibfo0 carrier)" = 1 ]; }
check "ibfo0 has carrier" wait_for "$WAIT" carrier_ok

# Slave attributes.
details=$("$IP" -d link show dev "$a1")
log "$(echo "$details" | tail -n 2)"
check "slave details readable" "$IP" -d link show dev "$a1"

# MTU propagates to every slave; above a slave's maximum refused.
check "MTU 1500 on ibfo0" "$IP" link set ibfo0 mtu 1500
check_eq "$a1 follows" 1500 "$(sysfs "$a1" mtu)"
check_eq "$b1 follows" 1500 "$(sysfs "$b1" mtu)"
check_fail "MTU above the slaves' maximum refused" \
	"$IP" link set ibfo0 mtu 65530
check_eq "MTU unchanged" 1500 "$(sysfs ibfo0 mtu)"
check "MTU 2044 again" "$IP" link set ibfo0 mtu 2044

# Release.
check "release $a2" "$IP" link set "$a2" nomaster
check_eq "$a2 has no master" "" "$(master_of "$a2")"
check "release $a1" "$IP" link set "$a1" nomaster
check "ibfo0 keeps carrier on $b1" wait_for "$WAIT" carrier_ok
check_eq "ibfo0 has $b1's address" "$(hwaddr "$b1")" "$(hwaddr ibfo0)"
check "re-enslave $a1 into ibfo1" "$IP" link set "$a1" master ibfo1
check "delete ibfo0 with a slave" "$IP" link del ibfo0
check_eq "$b1 released" "" "$(master_of "$b1")"
check "delete ibfo1 with a slave" "$IP" link del ibfo1
check_eq "$a1 released" "" "$(master_of "$a1")"

ksft_exit
