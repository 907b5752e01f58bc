#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Requests an ibfo device must refuse, with the reason where the kernel
# gives one, leaving nothing behind and changing nothing.
#
# Not covered here: out-of-range and unknown IFLA_IBFO_* options.  The
# stock ip has no ibfo plugin to send them; the iproute2 plugin (next
# issue) comes with that test.

. "$(dirname "$0")/lib.sh"

require_module ibfo

sysfs() { cat "/sys/class/net/$1/$2" 2>&1; }
zero20=00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00
addr20=00:00:04:04:fe:80:00:00:00:00:00:00:00:02:c9:03:00:00:00:01
# only_ibfo0: the only ibfo device is ibfo0, with nothing left behind.
only_ibfo0() { [ "$($IP -o link show type ibfo | wc -l)" -eq 1 ]; }

check "create ibfo0" $IP link add ibfo0 type ibfo
defer "$IP link del ibfo0"

# Names.
check_fail "name of 16 characters refused" \
	$IP link add name ibfo456789abcdef type ibfo
check_fail "name with a slash refused" $IP link add name ibfo/1 type ibfo
check_fail "name with a space refused" $IP link add name "ibfo 1" type ibfo
check_err "second ibfo0 refused" "File exists" $IP link add ibfo0 type ibfo
check "nothing left behind by refused names" only_ibfo0

# Addresses are the slaves' (port GID + QPN, P_Key broadcast group).
check_err "address at creation refused with a reason" \
	"address is taken from the active slave" \
	$IP link add ibfo1 address $addr20 type ibfo
check_err "broadcast at creation refused with a reason" \
	"broadcast address is taken from the slaves" \
	$IP link add ibfo1 broadcast $addr20 type ibfo
check_fail "address change refused" $IP link set dev ibfo0 address $addr20
check_eq "address unchanged" $zero20 "$(sysfs ibfo0 address)"
check "nothing left behind by refused addresses" only_ibfo0

# MTU outside 68..65520, at creation and later.
check_err "MTU 70000 at creation refused with a reason" \
	"mtu greater than device maximum" \
	$IP link add ibfo1 mtu 70000 type ibfo
check_err "MTU 67 at creation refused with a reason" \
	"mtu less than device minimum" \
	$IP link add ibfo1 mtu 67 type ibfo
check_err "MTU 70000 refused with a reason" \
	"mtu greater than device maximum" \
	$IP link set dev ibfo0 mtu 70000
check_eq "MTU unchanged" 2044 "$(sysfs ibfo0 mtu)"
check "nothing left behind by refused MTUs" only_ibfo0

# Enslaving: not to itself, not to another ibfo, nothing to an ibfo yet.
check "create ibfo1" $IP link add ibfo1 type ibfo
defer "$IP link del ibfo1"
check_fail "ibfo0 cannot be its own slave" \
	$IP link set dev ibfo0 master ibfo0
check_fail "ibfo0 cannot be a slave of ibfo1" \
	$IP link set dev ibfo0 master ibfo1
check_eq "ibfo0 has no master" "" \
	"$(readlink /sys/class/net/ibfo0/master 2>/dev/null)"
check "ibfo1 deleted" $IP link del ibfo1

# The device stays in the namespace of its slaves.
ns_add ibfo-inv
check_fail "move to another netns refused" \
	$IP link set dev ibfo0 netns ibfo-inv
check "ibfo0 still here" $IP link show dev ibfo0
check_fail "ibfo0 not in ibfo-inv" $IP -n ibfo-inv link show dev ibfo0

# A changelink without options is a no-op.
check "ip link set type ibfo" $IP link set dev ibfo0 type ibfo
check "still exactly one ibfo device" only_ibfo0

ksft_exit
