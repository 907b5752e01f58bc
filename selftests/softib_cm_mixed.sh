#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Mixed modes: host A in connected mode (MTU 65520), host B in datagram
# mode (MTU 2044).  A sends to B over an RC connection (B's ipoib accepts
# it in either mode), B answers with datagrams; ping (small and large,
# fragmented by B) and 8 MB of TCP each way arrive intact.  Then B
# switches to connected mode too and A back to datagram: still intact.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=1
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.24.0.1/24
host B "$b" 10.24.0.2/24
check "A pings B in datagram mode" wait_for "$WAIT" ping_ok A 10.24.0.2

dir=$(mktemp -d)
defer "rm -rf $dir"
dd if=/dev/urandom of="$dir/data" bs=1M count=8 2>/dev/null
sum=$(md5 "$dir/data")

# both_ways TAG: pings and TCP each way between A and B.
both_ways()
{
	check "$1: A pings B" wait_for "$WAIT" ping_ok A 10.24.0.2
	check "$1: B pings A" ping_ok B 10.24.0.1
	check "$1: A pings B, 20000 bytes" nsx A ping -c 2 -W 2 -s 20000 10.24.0.2
	check "$1: B pings A, 20000 bytes" nsx B ping -c 2 -W 2 -s 20000 10.24.0.1
	rm -f "$dir/atob" "$dir/btoa"
	check "$1: 8 MB A -> B" tcp_xfer A B 10.24.0.2 "$dir/data" "$dir/atob"
	check_eq "$1: A -> B content (md5)" "$sum" "$(md5 "$dir/atob")"
	check "$1: 8 MB B -> A" tcp_xfer B A 10.24.0.1 "$dir/data" "$dir/btoa"
	check_eq "$1: B -> A content (md5)" "$sum" "$(md5 "$dir/btoa")"
}

req0=$(cm_count softib0 1 req)
check "A: mode connected" cm_mode A "$a" connected 65520
both_ways "A connected, B datagram"
check "A connected to B through ib_cm" [ "$(cm_count softib0 1 req)" -gt "$req0" ]
check_eq "B still in datagram mode" datagram "$(nsx B cat /sys/class/net/"$b"/mode)"

req0=$(cm_count softib1 1 req)
check "B: mode connected" cm_mode B "$b" connected 65520
check "A: mode datagram" cm_mode A "$a" datagram
check_eq "A's MTU falls back to the datagram MTU" 2044 \
	"$(nsx A cat /sys/class/net/"$a"/mtu)"
both_ways "A datagram, B connected"
check "B connected to A through ib_cm" [ "$(cm_count softib1 1 req)" -gt "$req0" ]

ksft_exit
