#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo-to-ibfo striping: hosts A and B each run ibfo0 in multipath mode
# over two ports.  From the port list each one appends to its ARP frames,
# A sends B's flows to both of B's ports (not only to the address in its
# ARP entry), so B receives on both; when one of B's ports dies, B lists
# its ports again and A's flows to it move at once, in order.  With B in
# active-backup (no list), A sends to B's one address only.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

PROBE=$TOOLS_DIR/bench/fo_probe
[ -x "$PROBE" ] || ksft_skip "fo_probe not built (make -C tools/bench)"
FLOWS=8
RATE=200
# As in ibfo_multipath.sh: a bound for "the flow survived".
MAX_LOST=${MAX_LOST:-150}

softib_load num_hcas=2 num_ports=2
modprobe ibfo || ksft_skip "no ibfo module"
defer "rmmod ibfo"

# side NS HCA ADDR MODE: ibfo0 in NS over both ports of HCA.
side()
{
	ns_add "$1" || return 1
	_p1=$(softibctl netdev "$2/1")
	_p2=$(softibctl netdev "$2/2")
	"$IP" link set "$_p1" netns "$1" && "$IP" link set "$_p2" netns "$1" &&
	"$IP" -n "$1" link set lo up &&
	"$IP" -n "$1" link add ibfo0 type ibfo mode "$4" &&
	"$IP" -n "$1" link set "$_p1" master ibfo0 &&
	"$IP" -n "$1" link set "$_p2" master ibfo0 &&
	"$IP" -n "$1" addr add "$3" dev ibfo0 &&
	"$IP" -n "$1" link set ibfo0 up
}
# Named while still in this namespace.
b1=$(softibctl netdev softib1/1)
b2=$(softibctl netdev softib1/2)
check "host A: ibfo0 multipath" side A softib0 10.50.0.1/24 multipath
check "host B: ibfo0 multipath" side B softib1 10.50.0.2/24 multipath
check "A has carrier" wait_for "$WAIT" carrier A ibfo0
check "B has carrier" wait_for "$WAIT" carrier B ibfo0
check "A pings B" wait_for "$WAIT" ping_ok A 10.50.0.2
check "B pings A" ping_ok B 10.50.0.1

counter() { "$IP" -n "$1" -d -s link show dev "$2" | sed -n "s/.* $3 \([0-9]*\).*/\1/p"; }
# flows N: N UDP flows from A to B; sets r1 and r2, what B's ports got.
flows()
{
	_r1=$(counter B "$b1" rx_packets)
	_r2=$(counter B "$b2" rx_packets)
	_i=1
	while [ $_i -le "$1" ]; do
		nsx A "$PROBE" send -r 1000 -n 20 -p $((7000 + _i)) 10.50.0.2 \
			>/dev/null 2>&1
		_i=$((_i + 1))
	done
	r1=$(($(counter B "$b1" rx_packets) - _r1))
	r2=$(($(counter B "$b2" rx_packets) - _r2))
	log "$1 flows A->B: B got $r1 on $b1, $r2 on $b2"
}

# B answered A's ARP request with its ports (and A learned them).
flows 32
check "B receives on $b1 ($r1)" [ "$r1" -ge 100 ]
check "B receives on $b2 ($r2)" [ "$r2" -ge 100 ]

# Under FLOWS streams, B's port 1 dies: every flow goes on, in order.
dir=$(mktemp -d)
defer "rm -rf $dir"
i=1
while [ $i -le $FLOWS ]; do
	"$IP" netns exec B "$PROBE" recv -p $((7100 + i)) -t 20 \
		>"$dir/recv$i" 2>/dev/null &
	i=$((i + 1))
done
usleep 300000
i=1
while [ $i -le $FLOWS ]; do
	"$IP" netns exec A "$PROBE" send -r $RATE -d 3 -p $((7100 + i)) \
		10.50.0.2 >/dev/null 2>&1 &
	i=$((i + 1))
done
sleep 1
softibctl port softib1/1 link down
wait
i=1 total_lost=0
while [ $i -le $FLOWS ]; do
	l=$(sed -n 's/.*lost=\([0-9]*\).*/\1/p' "$dir/recv$i")
	o=$(sed -n 's/.*reordered=\([0-9]*\).*/\1/p' "$dir/recv$i")
	log "flow $i: $(sed -n 's/.*\(received=[0-9]*\).*/\1/p' "$dir/recv$i"), lost ${l:-?}, reordered ${o:-?}"
	check "flow $i ended after B's port failed (FIN seen)" grep -q "fin=true" "$dir/recv$i"
	check "flow $i: at most $MAX_LOST lost (${l:-?})" [ "${l:-999999}" -le "$MAX_LOST" ]
	check_eq "flow $i in order" 0 "${o:-none}"
	total_lost=$((total_lost + ${l:-0}))
	i=$((i + 1))
done
log "lost over $FLOWS flows when B's port died: $total_lost"
flows 8
check_eq "with $b1 down, B gets nothing on it" 0 "$r1"
check "with $b1 down, B gets every flow on $b2 ($r2)" [ "$r2" -ge 64 ]

softibctl port softib1/1 link up
check "B's $b1 usable again" wait_for "$WAIT" sh -c \
	"$IP -n B -d link show dev $b1 | grep -q 'state active'"
# shellcheck disable=SC2317 # run through wait_for
spread() { flows 32; [ "$r1" -ge 100 ] && [ "$r2" -ge 100 ]; }
check "after recovery, B receives on both ports again" wait_for "$WAIT" spread

# B in active-backup lists no ports: its first ARP frame makes A forget
# them and keep to its ARP entry.
"$IP" netns del B
check "host B: ibfo0 active-backup" side B softib1 10.50.0.2/24 active-backup
check "A pings B (active-backup)" wait_for "$WAIT" ping_ok A 10.50.0.2
"$IP" -n A neigh flush dev ibfo0
check "A pings B again" wait_for "$WAIT" ping_ok A 10.50.0.2
flows 16
check "B (active-backup) receives on one port only ($r1/$r2)" \
	sh -c "[ $r1 -eq 0 ] || [ $r2 -eq 0 ]"

ksft_exit
