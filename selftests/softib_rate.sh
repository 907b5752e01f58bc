#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rate_mbit limits throughput.  4 MB go over TCP unlimited, then with both
# ports limited to a quarter of the throughput just measured (busybox nc is
# CPU-bound under TCG, ~40 Mbit/s here and far less on the debug kernel):
# the copy must run at no more than 1.5x and no less than a quarter of the
# limit and take at least twice as long as unlimited, and without the limit
# again at least 1.5x faster than with it (the debug kernel's throughput
# swings too much for these two comparisons).  Bands are wide: TCG timing
# varies.  Content is checked too.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.9.0.1/24
host B "$b" 10.9.0.2/24
check "A pings B" wait_for "$WAIT" ping_ok A 10.9.0.2

dir=$(mktemp -d)
defer "rm -rf $dir"
dd if=/dev/urandom of="$dir/data" bs=1M count=4 2>/dev/null
sum=$(md5 "$dir/data")

# xfer NAME: time a 4 MB copy A -> B in ms, into $ms.
xfer()
{
	rm -f "$dir/out"
	t0=$(now_ms)
	check "4 MB A -> B ($1)" tcp_xfer A B 10.9.0.2 "$dir/data" "$dir/out" 300
	ms=$(($(now_ms) - t0))
	check_eq "content intact ($1)" "$sum" "$(md5 "$dir/out")"
	log "$1: 4 MB in $ms ms = $((32 * 1000 / (ms + 1))) Mbit/s"
}

xfer unlimited
free_ms=$ms
rate=$((32000 / (free_ms + 1) / 4))
# The smallest limit is 1 Mbit/s: below 4 Mbit/s unlimited (the debug
# kernel manages ~1) the limit cannot be told from the CPU's.
[ "$rate" -ge 1 ] || ksft_skip "TCP runs at only $((32000 / (free_ms + 1))) Mbit/s unlimited"
for p in softib0/1 softib1/1; do
	check "$p rate $rate" softibctl port $p rate $rate
done
check_eq "rate_mbit reads back" $rate "$(cat "$SOFTIB"/devices/softib0/port1/rate_mbit)"
xfer "$rate Mbit/s"
lim_ms=$ms
# 32 Mbit at $rate Mbit/s, plus headers.  Band: 1.5x .. 0.25x the rate.
ideal=$((32000 / rate))
check "limited copy took $((ideal * 2 / 3))..$((ideal * 4)) ms ($ms)" \
	between "$ms" $((ideal * 2 / 3)) $((ideal * 4))
[ -n "$SLOW" ] ||
	check "limited copy >= 2x unlimited ($ms vs $free_ms ms)" \
		[ "$ms" -ge $((2 * free_ms)) ]
for p in softib0/1 softib1/1; do
	check "$p rate 0" softibctl port $p rate 0
done
xfer "unlimited again"
[ -n "$SLOW" ] ||
	check "unlimited again <= 2/3 of the limited time ($ms vs $lim_ms ms)" \
		[ $((3 * ms)) -le $((2 * lim_ms)) ]

ksft_exit
