#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# P_Keys: IPoIB child interfaces (ip link add ... type ipoib pkey K) carry
# traffic when both ports' P_Key tables hold K, get no carrier while the
# table lacks K, and come up once it is added (PKEY_CHANGE); removing K
# takes the child down again.  The parent (0xffff) is unaffected.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.6.0.1/24
host B "$b" 10.6.0.2/24
check "A pings B on the parents" wait_for "$WAIT" ping_ok A 10.6.0.2

# child NS PARENT PKEY ADDR: create, address and bring up PARENT.PKEY.
# shellcheck disable=SC2317 # run through check
child()
{
	"$IP" -n "$1" link add "$2.${3#0x}" link "$2" type ipoib pkey "$3" &&
		"$IP" -n "$1" addr add "$4" dev "$2.${3#0x}" &&
		"$IP" -n "$1" link set "$2.${3#0x}" up
}

for p in softib0/1 softib1/1; do
	check "$p pkeys 0xffff 0x8001" softibctl port $p pkeys "0xffff 0x8001"
done
check_eq "ib_core pkeys/0" 0xffff "$(cat "$IB"/softib0/ports/1/pkeys/0)"
check_eq "ib_core pkeys/1" 0x8001 "$(cat "$IB"/softib0/ports/1/pkeys/1)"
check "softib pkeys reads back 0x8001" \
	grep -qw 0x8001 "$SOFTIB"/devices/softib0/port1/pkeys
check "parents still talk after the PKEY_CHANGE" wait_for "$WAIT" ping_ok A 10.6.0.2

check "A: create $a.8001" child A "$a" 0x8001 10.61.0.1/24
check "B: create $b.8001" child B "$b" 0x8001 10.61.0.2/24
check "$a.8001 broadcast address carries P_Key 0x8001" \
	sh -c "'$IP' -n A link show dev $a.8001 | grep -q 'brd 00:ff:ff:ff:ff:12:40:1b:80:01:'"
check "$a.8001 has carrier" wait_for "$WAIT" carrier A "$a.8001"
check "A pings B over P_Key 0x8001" wait_for "$WAIT" ping_ok A 10.61.0.2
check "B pings A over P_Key 0x8001" ping_ok B 10.61.0.1

# 0x8002 is in no table yet: the children must stay without carrier.
check "A: create $a.8002" child A "$a" 0x8002 10.62.0.1/24
check "B: create $b.8002" child B "$b" 0x8002 10.62.0.2/24
sleep 2
check "$a.8002 has no carrier without the P_Key" no_carrier A "$a.8002"
check "no traffic over P_Key 0x8002" ping_fails A 10.62.0.2
for p in softib0/1 softib1/1; do
	check "$p pkeys += 0x8002" softibctl port $p pkeys "0xffff 0x8001 0x8002"
done
check "$a.8002 gets carrier once the P_Key is added" wait_for "$WAIT" carrier A "$a.8002"
check "A pings B over P_Key 0x8002" wait_for "$WAIT" ping_ok A 10.62.0.2

# Dropping 0x8001 from A's table takes A's child down, not the others.
check "softib0/1 pkeys -= 0x8001" softibctl port softib0/1 pkeys "0xffff 0x8002"
check "$a.8001 loses carrier" wait_for "$WAIT" no_carrier A "$a.8001"
check "no traffic over P_Key 0x8001" ping_fails A 10.61.0.2
check "P_Key 0x8002 still works" wait_for "$WAIT" ping_ok A 10.62.0.2
check "the parents still work" wait_for "$WAIT" ping_ok A 10.6.0.2

ksft_exit
