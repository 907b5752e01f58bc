#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The control interface does what it says: new_device/del_device create and
# remove HCAs with their ipoib netdevs, and each port attribute reads back
# and shows up where ib_core and ipoib publish it.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
check_eq "module defaults: 2 HCAs" "softib0 softib1" \
	"$(names "$SOFTIB"/devices)"
check "softibctl show lists 4 ports" \
	sh -c "[ \$(softibctl show | grep -c '^softib[01]/[12] ') -eq 4 ]"

check "add 7 3" softibctl add 7 3
check "softib7 on the bus" [ -d "$SOFTIB"/devices/softib7 ]
check_eq "softib7 registered with 3 ports" "1 2 3" \
	"$(names "$IB"/softib7/ports)"
for p in 1 2 3; do
	check "softib7/$p gets an ipoib netdev" wait_for "$WAIT" softibctl netdev softib7/$p
	n=$(softibctl netdev softib7/$p)
	check_eq "softib7/$p netdev $n has dev_port $((p - 1))" $((p - 1)) \
		"$(cat /sys/class/net/"$n"/dev_port)"
	check_eq "softib7/$p is ACTIVE" ACTIVE "$(port_state softib7 $p)"
done
P=$SOFTIB/devices/softib7/port1
Q=$IB/softib7/ports/1
n=$(softibctl netdev softib7/1)

check "speed QDR width 4x" softibctl port softib7/1 speed QDR width 4x
check_eq "speed reads back" QDR "$(cat $P/speed)"
check_eq "width reads back" 4x "$(cat $P/width)"
check_eq "ib_core rate" "40 Gb/sec (4X QDR)" "$(cat $Q/rate)"
check "speed EDR width 1x" softibctl port softib7/1 speed EDR width 1x
check_eq "ib_core rate" "25 Gb/sec (1X EDR)" "$(cat $Q/rate)"

check "lid 0x77" softibctl port softib7/1 lid 0x77
check_eq "lid reads back" 119 "$(($(cat $P/lid)))"
check_eq "ib_core lid" 0x77 "$(cat $Q/lid)"
check_eq "sm_lid agrees with ib_core" "$(($(cat $P/sm_lid)))" "$(($(cat $Q/sm_lid)))"

check "pkeys 0xffff 0x8001 0x7fff" softibctl port softib7/1 pkeys "0xffff 0x8001 0x7fff"
check_eq "ib_core pkeys/1" 0x8001 "$(cat $Q/pkeys/1)"
check_eq "ib_core pkeys/2" 0x7fff "$(cat $Q/pkeys/2)"
check_eq "pkeys reads back" "0xffff 0x8001 0x7fff" "$(xargs <$P/pkeys)"

check "gid-prefix 0xfec0000000000005" softibctl port softib7/1 gid-prefix 0xfec0000000000005
check_eq "gid_prefix reads back" 0xfec0000000000005 "$(cat $P/gid_prefix)"
check_eq "ib_core GID 0 has the prefix" fec0:0000:0000:0005 "$(cut -c1-19 $Q/gids/0)"
# ipoib learns a new GID only from CLIENT_REREGISTER (GID_CHANGE does not
# reach it on IB ports), which softib must send with the prefix change.
check "$n's hardware address follows the GID" wait_for "$WAIT" sh -c \
	"cut -d: -f5-12 /sys/class/net/$n/address | grep -qx 'fe:c0:00:00:00:00:00:05'"

for kv in "rate_mbit rate 100" "delay_us delay 500" "loss_ppm loss 1000" \
	"subnet subnet 3"; do
	# shellcheck disable=SC2086 # split "attr setting value"
	set -- $kv
	check "$2 $3" softibctl port softib7/1 "$2" "$3"
	check_eq "$1 reads back" "$3" "$(cat $P/"$1")"
done
check_eq "softibctl show has the settings" "100 500 1000" \
	"$(softibctl show softib7 | awk '$1 == "softib7/1" { print $8, $9, $10 }')"
check_eq "guid is the GID's interface ID" \
	"$(cut -d: -f5-8 $Q/gids/0 | hexnorm)" "$(hexnorm <$P/guid)"

check "link down" softibctl port softib7/2 link down
check "softib7/2 not ACTIVE" [ "$(port_state softib7 2)" != ACTIVE ]
check "link up" softibctl port softib7/2 link up
check_eq "softib7/2 ACTIVE again" ACTIVE "$(port_state softib7 2)"

check "softibctl stats prints 6 counters" \
	sh -c "[ \$(softibctl stats softib7/1 | grep -c '^[rt]x_[a-z]* [0-9][0-9]*$') -eq 6 ]"
check "softibctl stats prints the SA path queries" \
	sh -c "softibctl stats softib7/1 | grep -q '^sa_path_queries [0-9][0-9]*$'"

check "del 7" softibctl del 7
check "softib7 gone from the bus" [ ! -e "$SOFTIB"/devices/softib7 ]
check "softib7 gone from ib_core" [ ! -e "$IB"/softib7 ]
check "softib7's netdevs gone" [ ! -e /sys/class/net/"$n" ]
check "add 255 8 (the maxima)" softibctl add 255 8
check "softib255 has port 8" wait_for "$WAIT" [ -d "$IB"/softib255/ports/8 ]
check "del 255" softibctl del 255

ksft_exit
