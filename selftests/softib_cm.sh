#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# IPoIB connected mode over softib RC QPs and ib_cm: two hosts switch to
# "mode connected" at MTU 65520, ping with large and small packets, and
# move 50 MB of random data each way over TCP, compared by md5sum.  The
# unicast traffic must go over RC (the ports' RC counters and ib_cm's
# REQ/REP counters move), not fall back to datagrams.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=1
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.20.0.1/24
host B "$b" 10.20.0.2/24
check "A pings B in datagram mode" wait_for "$WAIT" ping_ok A 10.20.0.2

check "A: mode connected" cm_mode A "$a" connected 65520
check "B: mode connected" cm_mode B "$b" connected 65520
check_eq "A mode reads back" connected "$(nsx A cat /sys/class/net/"$a"/mode)"
check_eq "A MTU" 65520 "$(nsx A cat /sys/class/net/"$a"/mtu)"
check "A pings B in connected mode" wait_for "$WAIT" ping_ok A 10.20.0.2
check "B pings A, 60000-byte packets" nsx B ping -c 3 -W 2 -s 60000 10.20.0.1
check "A pings B, 30000-byte packets" nsx A ping -c 3 -W 2 -s 30000 10.20.0.2
check "ib_cm sent a REQ" [ "$(cm_count softib0 1 req)" -ge 1 ]
check "ib_cm sent a REP" [ "$(cm_count softib1 1 rep)" -ge 1 ]

dir=$(mktemp -d)
defer "rm -rf $dir"
dd if=/dev/urandom of="$dir/data" bs=1M count=50 2>/dev/null
sum=$(md5 "$dir/data")
rx0=$(cat $SOFTIB/devices/softib1/port1/stats/rx_bytes)

t0=$(now_ms)
check "50 MB A -> B" tcp_xfer A B 10.20.0.2 "$dir/data" "$dir/atob" 300
t=$(($(now_ms) - t0))
log "A -> B: 50 MB in $t ms ($((50 * 8 * 1000 / (t + 1))) Mbit/s)"
check_eq "A -> B content (md5)" "$sum" "$(md5 "$dir/atob")"
rx1=$(cat $SOFTIB/devices/softib1/port1/stats/rx_bytes)
check "B's port received >= 50 MB ($((rx1 - rx0)) bytes)" \
	[ $((rx1 - rx0)) -ge 52428800 ]

t0=$(now_ms)
check "50 MB B -> A" tcp_xfer B A 10.20.0.1 "$dir/data" "$dir/btoa" 300
t=$(($(now_ms) - t0))
log "B -> A: 50 MB in $t ms ($((50 * 8 * 1000 / (t + 1))) Mbit/s)"
check_eq "B -> A content (md5)" "$sum" "$(md5 "$dir/btoa")"
log "RC counters A: $(rc_stats softib0 1)"
log "RC counters B: $(rc_stats softib1 1)"

ksft_exit
