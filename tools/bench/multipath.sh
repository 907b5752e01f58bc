#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Multipath benchmark, run in the test guest (tools/bench/run.sh boots it
# with GUEST_BINS=iperf3): hosts A and B each run ibfo0 over K ports of
# their own HCA (softib, 2 HCAs x 4 ports), ibfo <-> ibfo (striping).
#   scaling   ibfo multipath (xmit_hash_policy layer3+4) over K = 1, 2, 4
#             ports per host, every port rate-limited to RATE Mbit/s (far
#             below the guest's CPU ceiling, measured too: K = 4,
#             unlimited): TCP A -> B with P parallel streams (iperf3 -P),
#             Mbit/s; run.sh reports the ratios to K = 1.  Also K = 4 with
#             8 streams: with fewer streams per port, some port often gets
#             no flow from the hash.
#   cpu       per-packet cost, multipath against active-backup: UDP with
#             64-byte datagrams (iperf3 -u -b 0 -l 64, one flow) through
#             2 unlimited ports per host, the same CPU: packets/s received
#             and the guest's busy time per packet on the fabric (both
#             hosts, /proc/stat over softib's tx_packets, as throughput.sh).
#   failover  multipath, 2 ports per host, unlimited: a fo_probe stream
#             at 1000 datagrams/s (one flow) and the port that carries it
#             taken down: tx (A sends, A's port dies) and rx (B sends, A's
#             receiving port dies); the receiver's outage and the lost.
# Output: one JSON line per measurement, prefixed "@@MP@@ ".  Asserts
# nothing about the numbers; exits non-zero only if the tooling breaks.
#
# usage: multipath.sh [-t SECS] [-r REPS] [-R RATE] [-P STREAMS] [-n TRIALS] [-q]
#   -t SECS     length of each iperf3 run (default 5)
#   -r REPS     rounds over K = 1, 2, 4, alternating (default 2)
#   -R RATE     Mbit/s per port (default 2)
#   -P STREAMS  TCP streams of the scaling runs (default 16)
#   -n TRIALS   failover trials per direction (default 5)
#   -q          quick: 2 s, 1 round, 1 trial

# shellcheck source-path=SCRIPTDIR source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=../../selftests/softib.lib
. /opt/ibfo/selftests/softib.lib
# shellcheck source=../../selftests/ibfo.lib
. /opt/ibfo/selftests/ibfo.lib
FO_DIR=/opt/ibfo/tools/bench
FO_POST=3	# the stream goes on 3 s after its first second: finding the port takes a while
# shellcheck source=lib.sh
. "$FO_DIR/lib.sh"

secs=5 reps=2 rate=2 streams=16 trials=5
while getopts t:r:R:P:n:q o; do
	case $o in
	t) secs=$OPTARG ;;
	r) reps=$OPTARG ;;
	R) rate=$OPTARG ;;
	P) streams=$OPTARG ;;
	n) trials=$OPTARG ;;
	q) secs=2 reps=1 trials=1 ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
emit() { echo "@@MP@@ $*"; }

if ! command -v iperf3 >/dev/null; then
	emit '{"error":"iperf3 not in the guest (GUEST_BINS=iperf3)"}'
	exit 1
fi
[ -x "$FO_PROBE" ] || { emit '{"error":"fo_probe not built"}'; exit 1; }

softib_load num_hcas=2 num_ports=4
ns_add A
ns_add B
sa="" sb=""
for p in 1 2 3 4; do
	sa="$sa $(softibctl netdev softib0/$p)"
	sb="$sb $(softibctl netdev softib1/$p)"
done
for d in $sa; do "$IP" link set "$d" netns A; done
for d in $sb; do "$IP" link set "$d" netns B; done
"$IP" -n A link set lo up
"$IP" -n B link set lo up
modprobe ibfo || { emit '{"error":"no ibfo module"}'; exit 1; }
emit "{\"meta\":true,\"kernel\":\"$(uname -r)\",\"cpus\":$(nproc),\"secs\":$secs,\"rate_mbit\":$rate,\"streams\":$streams}"

# first K LIST: the first K words of LIST.
first() { echo "$2" | awk -v k="$1" '{ for (i = 1; i <= k; i++) printf "%s ", $i }'; }

# setup MODE K: ibfo0 in MODE over the first K ports of each host, with
# FO_A4/FO_B4; waits until A and B reach each other.
setup()
{
	for _h in A B; do
		if [ $_h = A ]; then _s=$sa _a=$FO_A4; else _s=$sb _a=$FO_B4; fi
		"$IP" -n $_h link add ibfo0 type ibfo mode "$1" \
			xmit_hash_policy layer3+4 peer_discovery on || return 1
		for _d in $(first "$2" "$_s"); do
			"$IP" -n $_h link set "$_d" master ibfo0 || return 1
		done
		addrs_up $_h ibfo0 "$_a/24" || return 1
	done
	for _d in $(first "$2" "$sa"); do
		wait_for "$WAIT" sh -c "$IP -n A -d link show dev $_d | grep -qE 'state (active|backup)'" || return 1
	done
	wait_for "$WAIT" ping_ok A "$FO_B4" && wait_for "$WAIT" ping_ok B "$FO_A4"
}

teardown()
{
	"$IP" -n A link del ibfo0 2>/dev/null
	"$IP" -n B link del ibfo0 2>/dev/null
	for _d in $sa; do "$IP" -n A link set "$_d" down; done
	for _d in $sb; do "$IP" -n B link set "$_d" down; done
}

# rates R: every port limited to R Mbit/s (0: none).
rates()
{
	for _p in 1 2 3 4; do
		softibctl port softib0/$_p rate "$1"
		softibctl port softib1/$_p rate "$1"
	done
}

# iperf TEST JSON-FIELDS IPERF3-ARGS...: one iperf3 run A -> B; emits it.
iperf()
{
	_mt=$1 _f=$2
	shift 2
	fo_iperf "$_mt" "$@"
	emit "{\"test\":\"$_mt\",$_f,\"value\":${_v:-0},\"unit\":\"$_unit\",\"secs\":$secs,\"rep\":$rep,\"ok\":$([ $_rc -eq 0 ] && echo true || echo false),\"fabric_pkts\":$_dp,\"cpu_us_per_pkt\":$_cpu}"
	log "$_mt $_f: ${_v:-0} $_unit, $_cpu us CPU/packet"
}

# busiest NS KEY: the slave of NS's ibfo0 whose counter KEY (tx_packets,
# rx_packets) grew most over 0.3 s: the one carrying the stream.
busiest()
{
	if [ "$1" = A ]; then _l=$sa; else _l=$sb; fi
	for _d in $_l; do echo "$_d $(slave_counter "$1" "$_d" "$2")"; done >"$fo_tmp/c0"
	usleep 300000
	for _d in $_l; do echo "$_d $(slave_counter "$1" "$_d" "$2")"; done >"$fo_tmp/c1"
	paste "$fo_tmp/c0" "$fo_tmp/c1" |
		awk '$2 != "" && $4 - $2 > m { m = $4 - $2; d = $1 } END { print d }'
}

# port_of_slave NETDEV: its softib port (A's: softib0/N).
port_of_slave()
{
	_n=1
	for _d in $sa; do
		[ "$_d" = "$1" ] && { echo softib0/$_n; return; }
		_n=$((_n + 1))
	done
}

# mp_trial DIR N: a stream (tx: A -> B, rx: B -> A); after FO_PRE s the
# port of A's slave that carries it (tx) or receives it (rx) dies.
mp_trial()
{
	fo_stream_start "$1" "mp/$1/$2" $((FO_PRE + FO_POST))
	sleep "$FO_PRE"
	if [ "$1" = tx ]; then _s=$(busiest A tx_packets); else _s=$(busiest A rx_packets); fi
	_port=$(port_of_slave "$_s")
	if [ -z "$_port" ]; then
		fo_stream_wait
		emit "{\"test\":\"failover\",\"dir\":\"$1\",\"trial\":$2,\"error\":\"no slave carries the stream\"}"
		return
	fi
	"$FO_PROBE" fault -o "$fo_tmp/fault" \
		"$SOFTIB/devices/${_port%/*}/port${_port#*/}/link" down >/dev/null
	fo_stream_wait
	fo_link "$_port" up
	emit "{\"test\":\"failover\",\"dir\":\"$1\",\"trial\":$2,\"port\":\"$_port\",\"slave\":\"$_s\",\"send\":$(grep '^{' "$fo_tmp/send.json" 2>/dev/null || echo null),\"recv\":$(grep '^{' "$fo_tmp/recv.json" 2>/dev/null || echo null)}"
	wait_for "$WAIT" state_is "$_s" active A
	wait_for "$WAIT" ping_ok B "$FO_A4"
	sleep 1
}

fail=0
# The CPU's ceiling first: 4 unlimited ports, the same streams.
rep=1
if setup multipath 4; then
	iperf ceiling "\"ports\":4,\"streams\":$streams,\"rate_mbit\":0" -P "$streams"
else
	emit '{"error":"setup multipath 4 failed"}'
	fail=1
fi
teardown
rates "$rate"
while [ $rep -le "$reps" ]; do
	for k in 1 2 4; do
		if ! setup multipath $k; then
			emit "{\"error\":\"setup multipath $k failed\"}"
			fail=1
			teardown
			continue
		fi
		iperf scaling "\"ports\":$k,\"streams\":$streams,\"rate_mbit\":$rate" -P "$streams"
		[ $k = 4 ] && [ "$streams" != 8 ] &&
			iperf scaling "\"ports\":4,\"streams\":8,\"rate_mbit\":$rate" -P 8
		teardown
	done
	rep=$((rep + 1))
done
rates 0

rep=1
while [ $rep -le "$reps" ]; do
	for m in multipath active-backup; do
		if setup $m 2; then
			iperf udp64 "\"mode\":\"$m\",\"ports\":2" -u -b 0 -l 64
		else
			emit "{\"error\":\"setup $m 2 failed\"}"
			fail=1
		fi
		teardown
	done
	rep=$((rep + 1))
done

if setup multipath 2; then
	for dir in tx rx; do
		i=1
		while [ $i -le "$trials" ]; do
			mp_trial $dir $i
			i=$((i + 1))
		done
	done
else
	emit '{"error":"setup multipath 2 failed"}'
	fail=1
fi
teardown
log "multipath.sh done"
exit $fail
