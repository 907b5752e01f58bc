#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench_cm.sh - IPoIB connected mode against datagram mode over softib,
# single-stream TCP between two network namespaces of the same machine, as
# a Markdown table with connected/datagram ratios.  A measurement, not a
# test: it asserts nothing about the numbers.  Run as root in the test
# guest, e.g.
#   make vm-run CMD='sh /opt/ibfo/tools/softib/bench_cm.sh'
#
# usage: bench_cm.sh [-t SECS] [-n ROUNDS] [-r MBIT]
#   -t SECS    length of each TCP transfer (default 5)
#   -n ROUNDS  rounds; each measures every mode once, in turn (default 3)
#   -r MBIT    rate_mbit on both ports (default 0, unlimited)
#
# Modes: datagram (MTU 2044), connected at MTU 2044 and connected at MTU
# 65520.  Rounds interleave the modes so that a change in machine load hits
# them alike; the table shows each mode's median and the ratio of medians.
# TCP uses iperf3 when installed, else busybox nc reading /dev/zero.  Two
# fresh single-port HCAs, softib202 and softib203, carry the traffic.

IP=/sbin/ip
CTL=$(dirname "$0")/softibctl
secs=5 rounds=3 rate=0
while getopts t:n:r:h o; do
	case $o in
	t) secs=$OPTARG ;;
	n) rounds=$OPTARG ;;
	r) rate=$OPTARG ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done

die() { echo "bench_cm: $*" >&2; exit 1; }
nsx() { ns=$1; shift; $IP netns exec "$ns" "$@"; }

cleanup()
{
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	for ns in bcA bcB; do $IP netns del $ns 2>/dev/null; done
	[ -e /sys/bus/softib/devices/softib202 ] && "$CTL" del 202
	[ -e /sys/bus/softib/devices/softib203 ] && "$CTL" del 203
	rm -f "$tmp"
}
spid="" tmp=$(mktemp)
trap cleanup EXIT
trap 'exit 1' INT TERM

wait_until()
{
	end=$(($(date +%s) + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		usleep 50000
	done
}

# tcp: single-stream TCP throughput bcA -> bcB in Mbit/s.
tcp()
{
	if command -v iperf3 >/dev/null; then
		$IP netns exec bcB iperf3 -s -1 >/dev/null 2>&1 &
		spid=$!
		usleep 500000
		nsx bcA iperf3 -c 10.97.0.2 -t "$secs" -f m 2>/dev/null |
			awk '/receiver/ { for (i = 1; i < NF; i++)
				if ($(i + 1) == "Mbits/sec") v = $i } END { print v + 0 }'
	else
		out=$(mktemp)
		fifo=$(mktemp -u)
		mkfifo "$fifo"
		$IP netns exec bcB sh -c "nc -l -p 5201 <>$fifo | wc -c" >"$out" &
		spid=$!
		usleep 500000
		nsx bcA timeout "$secs" nc 10.97.0.2 5201 </dev/zero >/dev/null 2>&1
		wait "$spid"
		awk -v s="$secs" '{ printf "%.0f\n", $1 * 8 / s / 1e6 }' "$out"
		rm -f "$out" "$fifo"
	fi
	wait "$spid" 2>/dev/null
	spid=""
}

# setmode MODE MTU: both ends to MODE and MTU, then wait for a large ping
# (connected) or any ping (datagram) to come through.
setmode()
{
	for e in "bcA $ia" "bcB $ib"; do
		set -- "$1" "$2" ${e}
		nsx "$3" sh -c "echo $1 > /sys/class/net/$4/mode" ||
			die "$4: mode $1"
		$IP -n "$3" link set "$4" mtu "$2" || die "$4: mtu $2"
	done
	size=56
	[ "$2" -gt 2044 ] && size=30000
	wait_until 30 nsx bcA ping -c 1 -W 1 -s $size 10.97.0.2 ||
		die "no connectivity in mode $1 mtu $2"
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)]; else print 0 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

modprobe ib_ipoib || die "no ib_ipoib"
[ -d /sys/bus/softib ] || modprobe softib || die "no softib"
"$CTL" add 202 1 || die "cannot add softib202"
"$CTL" add 203 1 || die "cannot add softib203"
wait_until 20 "$CTL" netdev softib202/1 || die "softib202/1 has no netdev"
wait_until 20 "$CTL" netdev softib203/1 || die "softib203/1 has no netdev"
ia=$("$CTL" netdev softib202/1)
ib=$("$CTL" netdev softib203/1)
[ "$rate" -gt 0 ] && { "$CTL" port softib202/1 rate "$rate" &&
	"$CTL" port softib203/1 rate "$rate" || die "cannot set rate"; }
for ns in bcA bcB; do $IP netns add $ns || die "netns $ns"; done
$IP link set "$ia" netns bcA || die "cannot move $ia"
$IP link set "$ib" netns bcB || die "cannot move $ib"
for e in "bcA $ia 1" "bcB $ib 2"; do
	set -- ${e}
	$IP -n "$1" link set lo up
	$IP -n "$1" addr add "10.97.0.$3/24" dev "$2"
	$IP -n "$1" link set "$2" up
done
wait_until 30 nsx bcA ping -c 1 -W 1 10.97.0.2 || die "no connectivity"

tool=nc
command -v iperf3 >/dev/null && tool=iperf3
r=1
while [ $r -le "$rounds" ]; do
	for m in "datagram 2044" "connected 2044" "connected 65520"; do
		set -- ${m}
		setmode "$1" "$2"
		echo "$1-$2 $(tcp)" >>"$tmp"
	done
	r=$((r + 1))
done

dg=$(awk '$1 == "datagram-2044" { print $2 }' "$tmp" | median)
c2=$(awk '$1 == "connected-2044" { print $2 }' "$tmp" | median)
c64=$(awk '$1 == "connected-65520" { print $2 }' "$tmp" | median)
all() { awk -v m="$1" '$1 == m { printf "%s%s", s, $2; s = " " }' "$tmp"; }

echo "IPoIB connected vs datagram mode over softib, $(uname -r), $(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "TCP: $tool, 1 stream, ${secs} s x $rounds rounds (modes interleaved); rate_mbit $rate"
echo
echo "| mode | MTU | TCP Mbit/s, median | all rounds | vs datagram |"
echo "|---|---:|---:|---|---:|"
echo "| datagram | 2044 | $dg | $(all datagram-2044) | 1.00 |"
echo "| connected | 2044 | $c2 | $(all connected-2044) | $(ratio "$c2" "$dg") |"
echo "| connected | 65520 | $c64 | $(all connected-65520) | $(ratio "$c64" "$dg") |"
