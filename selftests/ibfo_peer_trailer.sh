#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ibfo ARP trailer (struct ibfo_disc) as untrusted input: host A =
# ibfo0 in multipath mode over two ports, host B = one plain IPoIB port
# that sends A crafted ARP frames from a packet socket
# (tools/fuzz/ibfo_trailer).
# - peer_discovery is off by default, and then a valid trailer teaches A
#   nothing;
# - with it on, every malformed trailer (truncated, count 0 or beyond 8
#   or the frame, trailing bytes, unknown version, reserved bits or flags,
#   QPN 0, 1 or multicast, multicast GID, zero GUID, no port on A's
#   subnets, a port twice, the sender not listed) is refused and
#   counted, teaches nothing and does not replace a record; a valid one
#   is learned, without its ports on subnets A is not on;
# - expiry: 4096 sender addresses fill A's table; while they are fresh a
#   new one is refused; once they expired (debugfs ibfo/peer_ttl, seconds)
#   a new one is learned and the count stays at the limit; peer_discovery
#   off forgets every record;
# - a flow's cache entry for a peer's listed port ends when the record
#   expires.
# shellcheck disable=SC2317 # helpers run through check and wait_for

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

INJ=$TOOLS_DIR/fuzz/ibfo_trailer
[ -x "$INJ" ] || ksft_skip "ibfo_trailer not built (make -C tools/fuzz)"
TTL=/sys/kernel/debug/ibfo/peer_ttl
PEERS_MAX=4096

softib_load num_hcas=2 num_ports=2
ibfo_load
[ -w $TTL ] || ksft_skip "no $TTL (debugfs)"
two_hosts
lag_host A ibfo0 "ibfo mode multipath" "$a1" "$a2" 10.70.0.1/16
host B "$b1" 10.70.0.2/16
check "A has carrier" wait_for "$WAIT" carrier A ibfo0
check "B pings A" wait_for "$WAIT" ping_ok B 10.70.0.1

# dump: A's ibfo0 debugfs file.
DUMP=/sys/kernel/debug/ibfo/$(nsx A readlink /proc/self/ns/net | tr -dc 0-9)-$(nsx A cat /sys/class/net/ibfo0/ifindex)
dump() { cat "$DUMP"; }
npeers() { dump | sed -n 's/^peers \([0-9]*\) .*/\1/p'; }
rejected() { dump | sed -n 's/^peers [0-9]* rejected \([0-9]*\)/\1/p'; }
# shellcheck disable=SC2317 # run through wait_for
has_port() { dump | grep -q "^peer $1 port $2 "; }
learned() { has_port "$1" 0; }
# shellcheck disable=SC2317
npeers_is() { [ "$(npeers)" = "$1" ]; }
# shellcheck disable=SC2317
rejected_above() { [ "$(rejected)" -gt "$1" ]; }

# B sends to the address of A's master (B has a path to it: the ping).
dest=$(lladdr A ibfo0)
sha=$(lladdr B "$b1")
log "A's ibfo0 $dest, B's $b1 $sha"
# send CASE SIP [COUNT [PORT...]]: ARP frames from B, target an unused
# address.
send()
{
	_c=$1 _s=$2
	shift 2
	nsx B "$INJ" "$b1" "$dest" "$sha" "$_s" 10.70.255.254 "$_c" "$@"
}

check "peer_discovery off by default" sh -c \
	"$IP -n A -d link show dev ibfo0 | grep -q 'peer_discovery off'"
send valid 10.70.1.1
send valid 10.70.1.1
sleep 1
check_eq "discovery off: a valid trailer is not learned" 0 "$(npeers)"

check "peer_discovery on" "$IP" -n A link set ibfo0 type ibfo peer_discovery on
check "peer_discovery on shown" sh -c \
	"$IP -n A -d link show dev ibfo0 | grep -q 'peer_discovery on'"

# refused CASE SIP: a CASE frame from SIP is counted as refused (sent
# again if one got lost on the way).
refused()
{
	_before=$(rejected)
	_n=0
	while [ "$_n" -lt 3 ]; do
		send "$1" "$2"
		wait_for 2 rejected_above "$_before" && return 0
		_n=$((_n + 1))
	done
	return 1
}

for c in short long count0 count9 version reserved flags qpn0 qpn1 qpnmc \
	mgid guid0 prefix dup nosender; do
	check "trailer '$c' refused" refused "$c" 10.70.2.1
done
check_eq "no malformed trailer was learned" 0 "$(npeers)"
check "the refusals are logged" sh -c \
	"dmesg | grep -q 'ignoring the ibfo trailer from 10.70.2.1'"

# A port on a subnet A is not on (a peer with more rails) is skipped.
send rails 10.70.3.1
check "a trailer with a port on another subnet is learned" \
	wait_for "$WAIT" learned 10.70.3.1
check_fail "... without that port" has_port 10.70.3.1 1
send plain 10.70.3.1
check "a plain ARP frame forgets it" wait_for "$WAIT" npeers_is 0

# A valid trailer is learned, and a broken one does not replace it.
send valid 10.70.2.1
check "a valid trailer is learned" wait_for "$WAIT" learned 10.70.2.1
check "a broken trailer for a known peer is refused" refused qpn0 10.70.2.1
check "... and leaves its record" learned 10.70.2.1
# A plain ARP frame (no trailer) from it drops the record.
send plain 10.70.2.1
check "a plain ARP frame forgets the peer" wait_for "$WAIT" npeers_is 0

# Expiry: fill the table with fresh records.
echo 300 > $TTL
defer "echo 300 > $TTL"
fill()
{
	_n=0
	while [ "$_n" -lt 5 ]; do
		send valid 10.71.0.1 "$PEERS_MAX"
		wait_for 3 npeers_is "$PEERS_MAX" && return 0
		_n=$((_n + 1))
	done
	return 1
}
check "$PEERS_MAX senders fill the table" fill
log "records: $(npeers)"
send valid 10.72.0.1
send valid 10.72.0.1
sleep 1
check_fail "a new peer is refused while the table is full of fresh records" \
	learned 10.72.0.1

# They expire (a TTL of 2 s, 3 s after the last refresh): a new peer is
# learned again, in an expired record's slot, and the count stays exact.
# The records stay expired only while the TTL is short: check at once.
echo 2 > $TTL
sleep 3
send valid 10.72.0.1
check "after expiry, a new peer is learned" wait_for "$WAIT" learned 10.72.0.1
check_eq "the count stays at the limit" $PEERS_MAX "$(npeers)"
echo 300 > $TTL

# Switching discovery off forgets everything.
check "peer_discovery off" "$IP" -n A link set ibfo0 type ibfo peer_discovery off
check_eq "discovery off: no record left" 0 "$(npeers)"

# A flow's cache entry does not outlive the record it came from: B lists
# both of its ports for its own address, so A sends some of its flows to
# $b2; once the record expired, every flow goes to B's ARP address.
# Permanent neighbour entries: no ARP between A and B may refresh or drop
# the record meanwhile.
[ -x "$PROBE" ] || ksft_skip "fo_probe not built (make -C tools/bench)"
"$IP" link set "$b2" netns B
"$IP" -n B link set "$b2" up
check "$b2 up in B" wait_for "$WAIT" carrier B "$b2"
"$IP" -n A neigh replace 10.70.0.2 lladdr "$sha" dev ibfo0 nud permanent
"$IP" -n B neigh replace 10.70.0.1 lladdr "$dest" dev "$b1" nud permanent
check "peer_discovery on again" "$IP" -n A link set ibfo0 type ibfo peer_discovery on
send valid 10.70.0.2 1 "$(lladdr B "$b2")"
check "B's two ports are learned" wait_for "$WAIT" has_port 10.70.0.2 1
# Streams that run across the expiry: the same flows (a socket each, so
# the same flow hash), cached before it.
got2() { nsx B cat "/sys/class/net/$b2/statistics/rx_packets"; }
N=12
rpids="" spids=""
i=1
while [ $i -le $N ]; do
	nsx B "$PROBE" recv -p $((7300 + i)) -t 30 >/dev/null 2>&1 &
	rpids="$rpids $!"
	i=$((i + 1))
done
defer "kill $rpids"
usleep 300000
c0=$(got2)
i=1
while [ $i -le $N ]; do
	nsx A "$PROBE" send -r "$FLOW_RATE" -d 9 -p $((7300 + i)) 10.70.0.2 \
		>/dev/null 2>&1 &
	spids="$spids $!"
	i=$((i + 1))
done
sleep 2
c1=$(got2)
log "$N streams A->B: $((c1 - c0)) datagrams on $b2 in 2 s"
check "while the record is fresh, streams go to $b2 too" [ $((c1 - c0)) -ge 20 ]
# What A sent before is still queued in the emulated fabric for a while
# (on a loaded TCG host, over a second): count from 3 s after.
echo 1 > $TTL
sleep 3
c2=$(got2)
sleep 1
c3=$(got2)
log "after expiry: $((c2 - c1)) datagrams on $b2 in 3 s, then $((c3 - c2)) in 1 s"
check "once it expired, no cached flow goes to $b2 ($((c3 - c2)))" \
	[ $((c3 - c2)) -le 5 ]
echo 300 > $TTL
# shellcheck disable=SC2086 # lists of pids
wait $spids
# shellcheck disable=SC2086
kill $rpids 2>/dev/null

ksft_exit
