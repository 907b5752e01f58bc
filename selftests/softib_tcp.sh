#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bulk TCP over IPoIB: 8 MB of random data each way between two hosts
# (busybox nc), compared by md5sum on both sides.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.2.0.1/24
host B "$b" 10.2.0.2/24
check "A pings B" wait_for "$WAIT" ping_ok A 10.2.0.2

dir=$(mktemp -d)
defer "rm -rf $dir"
dd if=/dev/urandom of="$dir/data" bs=1M count=8 2>/dev/null
sum=$(md5 "$dir/data")

t0=$(now_ms)
check "8 MB A -> B" tcp_xfer A B 10.2.0.2 "$dir/data" "$dir/atob"
t=$(($(now_ms) - t0))
log "A -> B: 8 MB in $t ms ($((8 * 8 * 1000 / (t + 1))) Mbit/s)"
check_eq "A -> B content (md5)" "$sum" "$(md5 "$dir/atob")"

t0=$(now_ms)
check "8 MB B -> A" tcp_xfer B A 10.2.0.1 "$dir/data" "$dir/btoa"
t=$(($(now_ms) - t0))
log "B -> A: 8 MB in $t ms ($((8 * 8 * 1000 / (t + 1))) Mbit/s)"
check_eq "B -> A content (md5)" "$sum" "$(md5 "$dir/btoa")"

ksft_exit
