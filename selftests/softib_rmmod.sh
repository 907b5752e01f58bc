#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rmmod softib while TCP and ping traffic flow between two hosts (and a
# P_Key child exists) completes within 30 s and leaves no ipoib netdev and
# no softib ib_device behind.  Then a reload works and unloads again.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

# ib_netdevs: ipoib netdevs left in the init namespace and in A and B.
ib_netdevs()
{
	for n in "" "-n A" "-n B"; do
		# shellcheck disable=SC2086 # $n is an option list
		"$IP" $n -o link show 2>/dev/null
	done | grep -c link/infiniband
}

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.10.0.1/24
host B "$b" 10.10.0.2/24
check "A pings B" wait_for "$WAIT" ping_ok A 10.10.0.2
softibctl port softib0/1 pkeys "0xffff 0x8001"
"$IP" -n A link add "$a.8001" link "$a" type ipoib pkey 0x8001
"$IP" -n A link set "$a.8001" up

# Traffic: a TCP stream that outlasts the test, and pings both ways.
tx0=$(cat "$SOFTIB"/devices/softib0/port1/stats/tx_bytes)
# Not through check: its $(...) would hold nc's output open.
nc_listen B 5001 >/dev/null 2>&1 || fail "nc listens in B"
defer "kill $! 2>/dev/null"
dd if=/dev/zero bs=64k count=100000 2>/dev/null |
	"$IP" netns exec A nc 10.10.0.2 5001 &
defer "kill $! 2>/dev/null"
"$IP" netns exec A ping -i 0.01 10.10.0.2 >/dev/null 2>&1 &
defer "kill $! 2>/dev/null"
"$IP" netns exec B ping -i 0.01 10.10.0.1 >/dev/null 2>&1 &
defer "kill $! 2>/dev/null"
# shellcheck disable=SC2317 # run through wait_for
flowing() { [ "$(cat "$SOFTIB"/devices/softib0/port1/stats/tx_bytes)" -gt $((tx0 + 1000000)) ]; }
check "traffic is flowing (1 MB sent)" wait_for "$WAIT" flowing

unload softib 30
check_eq "no ipoib netdev left" 0 "$(ib_netdevs)"
check "no softib ib_device left" sh -c "! ls -d $IB/softib* 2>/dev/null"
check "no softib bus left" [ ! -e "$SOFTIB" ]

# Reload: netdevs come back in the init namespace; unload at once again.
check "modprobe softib again" modprobe softib num_hcas=2 num_ports=2
check "ipoib netdev back" wait_for "$WAIT" softibctl netdev softib1/2
unload softib 30
check_eq "no ipoib netdev left after the reload" 0 "$(ib_netdevs)"

ksft_exit
