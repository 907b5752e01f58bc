#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo.ko loads and unloads, registers the "ibfo" link kind, and its
# unload deletes the devices it created.

. "$(dirname "$0")/lib.sh"

loaded() { grep -q '^ibfo ' /proc/modules; }

if loaded; then
	rmmod ibfo || ksft_skip "ibfo already loaded and busy"
fi

i=1
while [ $i -le 3 ]; do
	check "modprobe ibfo (round $i)" modprobe ibfo
	check "ibfo listed in /proc/modules (round $i)" loaded
	check "rmmod ibfo (round $i)" rmmod ibfo
	check_fail "ibfo gone from /proc/modules (round $i)" loaded
	i=$((i + 1))
done

check "modprobe ibfo" modprobe ibfo
check_eq "module version" "0.1.0" "$(cat /sys/module/ibfo/version 2>&1)"

# The kind alone loads the module (MODULE_ALIAS_RTNL_LINK).
check "rmmod ibfo" rmmod ibfo
check "ip link add loads ibfo by kind" $IP link add ibfo0 type ibfo
defer "$IP link del ibfo0"
check "ibfo loaded by rtnl-link alias" loaded
check "ip -d link show reports kind ibfo" \
	sh -c "$IP -d -j link show ibfo0 | grep -q '\"info_kind\":\"ibfo\"'"
check "ip link show type ibfo lists ibfo0" \
	sh -c "$IP link show type ibfo | grep -q ' ibfo0:'"

check "rmmod ibfo with a live device" rmmod ibfo
check_fail "device deleted by rmmod" $IP link show dev ibfo0

ksft_exit
