#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# bench.sh - IPoIB over softib next to veth, between two network namespaces
# of the same machine: single-stream TCP throughput and ping latency, as a
# Markdown table with softib/veth ratios.  A measurement, not a test: it
# asserts nothing about the numbers.  Run as root in the test guest, e.g.
#   make vm-run CMD='sh /opt/ibfo/tools/softib/bench.sh'
#
# usage: bench.sh [-t SECS] [-n PINGS] [-i INTERVAL] [-r MBIT]
#   -t SECS      length of each TCP transfer (default 5)
#   -n PINGS     pings per latency run (default 200)
#   -i INTERVAL  seconds between pings (default 0.01)
#   -r MBIT      also measure softib with rate_mbit=MBIT on both ports
#
# TCP uses iperf3 when installed, else busybox nc reading /dev/zero for SECS
# seconds (the receiver counts the bytes; nc's 8 KB copies cost CPU, so nc
# figures are lower than iperf3's).  softib gets two fresh single-port HCAs,
# softib200 and softib201, so a loaded softib is left as it is.

IP=/sbin/ip
CTL=$(dirname "$0")/softibctl
secs=5 pings=200 interval=0.01 rate=""
while getopts t:n:i:r:h o; do
	case $o in
	t) secs=$OPTARG ;;
	n) pings=$OPTARG ;;
	i) interval=$OPTARG ;;
	r) rate=$OPTARG ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done

die() { echo "bench: $*" >&2; exit 1; }
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }
# Not for "&": a background function is a subshell, $! not the command.
nsx() { ns=$1; shift; $IP netns exec "$ns" "$@"; }

cleanup()
{
	[ -n "$spid" ] && kill "$spid" 2>/dev/null
	for ns in bvA bvB biA biB; do $IP netns del $ns 2>/dev/null; done
	[ -e /sys/bus/softib/devices/softib200 ] && "$CTL" del 200
	[ -e /sys/bus/softib/devices/softib201 ] && "$CTL" del 201
}
spid=""
trap cleanup EXIT
trap 'exit 1' INT TERM

# wait_until SECS CMD...: poll CMD every 50 ms.
wait_until()
{
	end=$(($(date +%s) + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -lt "$end" ] || return 1
		usleep 50000
	done
}

# end NS DEV ADDR: bring DEV (already in NS) up with ADDR.
end()
{
	$IP -n "$1" link set lo up
	$IP -n "$1" addr add "$3/24" dev "$2"
	$IP -n "$1" link set "$2" up
}

# pair NS1 NS2 DEV1 DEV2 NET: DEV1/DEV2 in NS1/NS2 become NET.1/NET.2;
# wait until NS1 reaches NS2.
pair()
{
	end "$1" "$3" "$5.1"
	end "$2" "$4" "$5.2"
	wait_until 30 nsx "$1" ping -c 1 -W 1 "$5.2" || die "$3: no connectivity"
}

# tcp NS_FROM NS_TO ADDR: single-stream TCP throughput in Mbit/s.
tcp()
{
	if command -v iperf3 >/dev/null; then
		$IP netns exec "$2" iperf3 -s -1 >/dev/null 2>&1 &
		spid=$!
		usleep 500000
		nsx "$1" iperf3 -c "$3" -t "$secs" -f m 2>/dev/null |
			awk '/receiver/ { for (i = 1; i < NF; i++)
				if ($(i + 1) == "Mbits/sec") v = $i } END { print v + 0 }'
	else
		# nc half-closes at EOF on stdin: give the receiver a FIFO
		# it holds open itself instead of the background's /dev/null.
		out=$(mktemp)
		fifo=$(mktemp -u)
		mkfifo "$fifo"
		$IP netns exec "$2" sh -c "nc -l -p 5201 <>$fifo | wc -c" >"$out" &
		spid=$!
		usleep 500000
		nsx "$1" timeout "$secs" nc "$3" 5201 </dev/zero >/dev/null 2>&1
		wait "$spid"
		awk -v s="$secs" '{ printf "%.0f\n", $1 * 8 / s / 1e6 }' "$out"
		rm -f "$out" "$fifo"
	fi
	wait "$spid" 2>/dev/null
	spid=""
}

# rtt NS ADDR: average ping RTT in ms.
rtt()
{
	nsx "$1" ping -q -c "$pings" -i "$interval" -W 2 "$2" 2>/dev/null |
		awk -F/ '/min\/avg\/max/ { sub(" ms", "", $4); print $4 + 0 }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# veth between bvA and bvB.
modprobe veth || die "no veth"
for ns in bvA bvB biA biB; do $IP netns add $ns || die "netns $ns"; done
$IP link add bveth0 netns bvA type veth peer name bveth1 netns bvB ||
	die "veth pair"
pair bvA bvB bveth0 bveth1 10.98.0

# softib: two single-port HCAs, ipoib netdevs moved into biA and biB.
modprobe ib_ipoib || die "no ib_ipoib"
[ -d /sys/bus/softib ] || modprobe softib || die "no softib"
"$CTL" add 200 1 || die "cannot add softib200"
"$CTL" add 201 1 || die "cannot add softib201"
wait_until 20 "$CTL" netdev softib200/1 || die "softib200/1 has no netdev"
wait_until 20 "$CTL" netdev softib201/1 || die "softib201/1 has no netdev"
ia=$("$CTL" netdev softib200/1)
ib=$("$CTL" netdev softib201/1)
$IP link set "$ia" netns biA || die "cannot move $ia"
$IP link set "$ib" netns biB || die "cannot move $ib"
t0=$(now_ms)
pair biA biB "$ia" "$ib" 10.99.0
up_ms=$(($(now_ms) - t0))

tool=nc
command -v iperf3 >/dev/null && tool=iperf3
v_tcp=$(tcp bvA bvB 10.98.0.2)
s_tcp=$(tcp biA biB 10.99.0.2)
v_rtt=$(rtt bvA 10.98.0.2)
s_rtt=$(rtt biA 10.99.0.2)
if [ -n "$rate" ]; then
	"$CTL" port softib200/1 rate "$rate" || die "cannot set rate"
	"$CTL" port softib201/1 rate "$rate" || die "cannot set rate"
	r_tcp=$(tcp biA biB 10.99.0.2)
fi

echo "softib vs veth, $(uname -r), $(nproc) CPUs, $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "TCP: $tool, 1 stream, ${secs} s; ping: $pings x ${interval} s; ipoib up -> first ping: $up_ms ms"
echo
echo "| metric | veth | softib | softib/veth |"
echo "|---|---:|---:|---:|"
echo "| TCP throughput (Mbit/s) | $v_tcp | $s_tcp | $(ratio "$s_tcp" "$v_tcp") |"
echo "| ping RTT avg (ms) | $v_rtt | $s_rtt | $(ratio "$s_rtt" "$v_rtt") |"
[ -z "$rate" ] ||
	echo "| TCP at rate_mbit=$rate (Mbit/s) | - | $r_tcp | - |"
