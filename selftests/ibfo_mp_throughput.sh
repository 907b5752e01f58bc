#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo multipath throughput, with the softib ports rate-limited far below
# what the guest's CPU moves, so that the ports are the bottleneck:
# - ibfo <-> ibfo: 16 TCP streams from A to B, both in mode multipath
#   (layer3+4), first with one slave each, then with two: with two the
#   streams get at least 1.8x the one-slave throughput;
# - plain IPoIB peers (hosts B and C, one port each) send 16 TCP streams
#   to 16 addresses of A (rx_balance on): A receives on both of its ports.
# Throughput is what B's master received while the streams run (busybox
# nc from /dev/zero), the best of three windows, so neither a stream that
# finishes early nor a moment the loaded host starves the guest biases
# it.  Before the limits, the same streams through two unlimited ports
# measure the CPU's ceiling: the ratio check needs a ceiling of at least
# twice two limited ports, or it measures the CPU: below that the limited
# runs are skipped (the debug kernel: its 8 nc streams moved ~0.9 Mbit/s).

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# Each stream (or address pair) gets a slave by rendezvous hashing with
# per-slave salts drawn at enslave: with 8, all of them landed on one
# slave in one run in 128 (seen once, on 7.3); with 16, one in 32768.
N=16
# 2 Mbit/s a port: the CPU ceiling of 8 streams was 9-92 Mbit/s on the
# loaded 2-core host.  Not 1 Mbit/s: ipoib stops its queue with 128 sends
# outstanding and wakes it at 64, 1 s of 2 kB frames at 1 Mbit/s, and its
# 1 s tx watchdog fired.
RATE=2 SUBS=3
if [ -n "$SLOW" ]; then WIN=6; else WIN=3; fi
PORTS="softib0/1 softib0/2 softib1/1 softib1/2"

fo_fifo=$(mktemp -u)
softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts

# rates R: every port limited to R Mbit/s (0: unlimited).
rates()
{
	for _p in $PORTS; do
		check "$_p rate $1" softibctl port "$_p" rate "$1"
	done
}

# rxbytes NS DEV: "BYTES MS": the bytes DEV in NS received and the
# uptime in ms, read together (a separate now_ms may come 100 ms later
# on a loaded host: 10% of a window).
rxbytes()
{
	nsx "$1" sh -c "cat /sys/class/net/$2/statistics/rx_bytes /proc/uptime" |
		awk 'NR == 1 { b = $1 } NR == 2 { printf "%s %d\n", b, $1 * 1000 }'
}

# shellcheck disable=SC2317 # run through wait_for
# established NS: TCP connections (IPv4 ones too in tcp6: nc listens on
# both) to ports 5101..5100+N established in NS.
established()
{
	_i=1 _hex=""
	while [ "$_i" -le "$N" ]; do
		_hex="$_hex $(printf '%04X' $((5100 + _i)))"
		_i=$((_i + 1))
	done
	nsx "$1" cat /proc/net/tcp /proc/net/tcp6 | awk -v ports="$_hex" '
		BEGIN { n = split(ports, p, " "); for (i = 1; i <= n; i++) want[p[i]] = 1 }
		$4 == "01" { split($2, l, ":"); if (l[2] in want) c++ }
		END { print c + 0 }'
}

# shellcheck disable=SC2317 # run through wait_for
all_established() { [ "$(established "$1")" = "$N" ]; }

# streams TO DEV WHAT NS:ADDR...: N TCP streams (busybox nc from
# /dev/zero), the i-th from namespace NS to ADDR (the NS:ADDR words in
# turn) in namespace TO; once all are established and after 1 s more,
# what DEV in TO receives over WIN s (WIN_NOW if set), in kbit/s, into
# $kbps (the best third).  The streams are stopped then.
streams()
{
	_to=$1 _dev=$2 _what=$3
	shift 3
	# The listeners (busybox nc; see nc_listen) all at once: one by one
	# costs seconds on a loaded host.
	_i=1 _rpids=""
	while [ $_i -le $N ]; do
		rm -f "$fo_fifo$_i"
		mkfifo "$fo_fifo$_i"
		"$IP" netns exec "$_to" nc -l -p $((5100 + _i)) <>"$fo_fifo$_i" >/dev/null &
		_rpids="$_rpids $!"
		_i=$((_i + 1))
	done
	_i=1
	while [ $_i -le $N ]; do
		check "$_what: listening on $((5100 + _i))" wait_for "$WAIT" listening "$_to" $((5100 + _i))
		rm -f "$fo_fifo$_i"
		_i=$((_i + 1))
	done
	_i=1 _spids=""
	while [ $_i -le $N ]; do
		_w=$(printf '%s\n' "$@" | sed -n "$(((_i - 1) % $# + 1))p")
		"$IP" netns exec "${_w%%:*}" nc "${_w#*:}" $((5100 + _i)) </dev/zero &
		_spids="$_spids $!"
		_i=$((_i + 1))
	done
	# A SYN the full shaper queue dropped costs a 1 s retransmit: all
	# streams run before the window opens.
	check "$_what: $N streams established" wait_for "$WAIT" all_established "$_to"
	sleep 1
	# The best of SUBS windows of WIN/SUBS s: the port's capacity.  A
	# window in which the host starved the guest of CPU gets less (the
	# shaper's burst is 2 packets: time lost is not made up).
	kbps=0 _all=""
	_n=1
	while [ $_n -le $SUBS ]; do
		_r=$(rxbytes "$_to" "$_dev")
		_b0=${_r% *} _t0=${_r#* }
		usleep $((${WIN_NOW:-$WIN} * 1000000 / SUBS))
		_r=$(rxbytes "$_to" "$_dev")
		_b1=${_r% *} _t1=${_r#* }
		_k=$(((_b1 - _b0) * 8 / (_t1 - _t0 + 1)))
		_all="$_all $_k"
		[ $_k -gt $kbps ] && kbps=$_k
		_n=$((_n + 1))
	done
	# Both ends at once: a sender's close alone would first drain its
	# socket buffer through the limited port.
	# shellcheck disable=SC2086 # pids
	kill $_rpids $_spids 2>/dev/null
	wait
	log "$_what: $N streams: $kbps kbit/s (windows:$_all; at $(now_ms) ms uptime)"
}

# One slave each first: the baseline.
ns_add A
ns_add B
for h in A:"$a1":10.60.0.1 B:"$b1":10.60.0.2; do
	ns=${h%%:*} rest=${h#*:}
	"$IP" -n "$ns" link set lo up
	check "create ibfo0 in $ns" "$IP" -n "$ns" link add ibfo0 type ibfo \
		mode multipath xmit_hash_policy layer3+4 peer_discovery on
	"$IP" link set "${rest%%:*}" netns "$ns"
	check "enslave ${rest%%:*} in $ns" "$IP" -n "$ns" link set "${rest%%:*}" master ibfo0
	addrs_up "$ns" ibfo0 "${rest#*:}/24"
done
check "A pings B (one slave each)" wait_for "$WAIT" ping_ok A 10.60.0.2
"$IP" link set "$a2" netns A
"$IP" link set "$b2" netns B

# The CPU's ceiling: two unlimited ports each.
check "enslave $a2" "$IP" -n A link set "$a2" master ibfo0
check "enslave $b2" "$IP" -n B link set "$b2" master ibfo0
check "$a2 usable" wait_for "$WAIT" state_is "$a2" active A
check "$b2 usable" wait_for "$WAIT" state_is "$b2" active B
check "A pings B (two slaves each)" wait_for "$WAIT" ping_ok A 10.60.0.2
if [ -n "$SLOW" ]; then
	# The debug kernel's 8 nc streams moved 0.9-1.2 Mbit/s through two
	# unlimited ports: measuring it again costs a minute of its budget.
	log "SKIP the CPU ceiling on the debug kernel (0.9-1.2 Mbit/s measured)"
	ceiling=0
else
	WIN_NOW=2 streams B ibfo0 "unlimited, 2 ports" A:10.60.0.2
	ceiling=$kbps
fi

# shellcheck disable=SC2317 # skipped when the CPU is the bottleneck
limited()
{
	# One limited port each.
	check "release $a2" "$IP" -n A link set "$a2" nomaster
	check "release $b2" "$IP" -n B link set "$b2" nomaster
	"$IP" -n A neigh flush dev ibfo0
	rates $RATE
	check "A pings B (one slave each)" wait_for "$WAIT" ping_ok A 10.60.0.2
	streams B ibfo0 "$RATE Mbit/s, 1 port" A:10.60.0.2
	one=$kbps
	check "one port: at most its limit ($one kbit/s)" [ "$one" -le $((RATE * 1100)) ]

	# Two limited ports each.
	check "enslave $a2 again" "$IP" -n A link set "$a2" master ibfo0
	check "enslave $b2 again" "$IP" -n B link set "$b2" master ibfo0
	check "$a2 usable again" wait_for "$WAIT" state_is "$a2" active A
	check "$b2 usable again" wait_for "$WAIT" state_is "$b2" active B
	# B's ports as A learns them (from B's ARP frames): a fresh ARP exchange.
	"$IP" -n A neigh flush dev ibfo0
	check "A pings B (two slaves each)" wait_for "$WAIT" ping_ok A 10.60.0.2
	t1=$(slave_counter A "$a1" tx_bytes)
	t2=$(slave_counter A "$a2" tx_bytes)
	streams B ibfo0 "$RATE Mbit/s, 2 ports" A:10.60.0.2
	two=$kbps
	t1=$(($(slave_counter A "$a1" tx_bytes) - t1))
	t2=$(($(slave_counter A "$a2" tx_bytes) - t2))
	log "A sent $t1 bytes on $a1, $t2 on $a2"
	check "two ports: at most their limit ($two kbit/s)" [ "$two" -le $((RATE * 2200)) ]
	ratio=$(awk -v a="$two" -v b="$one" 'BEGIN { printf "%.2f", b ? a / b : 0 }')
	log "2 ports / 1 port = $ratio (CPU ceiling $ceiling kbit/s)"
	check "2 ports >= 1.8x one port ($ratio)" [ $((two * 10)) -ge $((one * 18)) ]
}

if [ "$ceiling" -ge $((RATE * 1000 * 4)) ]; then
	limited
else
	# The debug kernel: 8 busybox nc streams move less than one port at
	# the lowest limit; the limit would not be the bottleneck.
	log "SKIP the limited runs: the CPU ceiling ($ceiling kbit/s) is below twice the two ports' limit ($((RATE * 2000)) kbit/s)"
	rates $RATE
fi

# Plain IPoIB peers B and C, one port each, send to N addresses of A.
check "delete B's ibfo0" "$IP" -n B link del ibfo0
ns_add C
"$IP" -n C link set lo up
check "move $b2 to C" "$IP" -n B link set "$b2" netns C
check "B: plain $b1" addrs_up B "$b1" 10.60.0.102/24
check "C: plain $b2" addrs_up C "$b2" 10.60.0.103/24
check "B: $b1 has carrier" wait_for "$WAIT" carrier B "$b1"
check "C: $b2 has carrier" wait_for "$WAIT" carrier C "$b2"
i=1 to=""
while [ $i -le $N ]; do
	check "address 10.60.0.$((10 + i))" "$IP" -n A addr add 10.60.0.$((10 + i))/24 dev ibfo0
	if [ $((i % 2)) = 1 ]; then p=B; else p=C; fi
	to="$to $p:10.60.0.$((10 + i))"
	i=$((i + 1))
done
# ARP before the streams: on the debug kernel nc's connect() gave up
# ("No route to host") before its ARP was answered.
i=1
while [ $i -le $N ]; do
	if [ $((i % 2)) = 1 ]; then p=B; else p=C; fi
	check "$p reaches 10.60.0.$((10 + i))" wait_for "$WAIT" ping_ok $p 10.60.0.$((10 + i))
	i=$((i + 1))
done
check "rx_balance on" sh -c "$IP -n A -d link show dev ibfo0 | grep -q 'rx_balance on'"
r1=$(slave_counter A "$a1" rx_bytes)
r2=$(slave_counter A "$a2" rx_bytes)
# shellcheck disable=SC2086 # one word a stream
streams A ibfo0 "plain peers B, C -> A, $RATE Mbit/s" $to
r1=$(($(slave_counter A "$a1" rx_bytes) - r1))
r2=$(($(slave_counter A "$a2" rx_bytes) - r2))
log "A received $r1 bytes on $a1, $r2 on $a2"
# Each port gets at least a flow in N: 1/(2N) of the bytes, with slack.
check "A receives on $a1 ($r1 of $((r1 + r2)))" [ $((r1 * N * 2)) -ge $((r1 + r2)) ]
check "A receives on $a2 ($r2 of $((r1 + r2)))" [ $((r2 * N * 2)) -ge $((r1 + r2)) ]

ksft_exit
