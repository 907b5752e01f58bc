#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo multipath: host A = ibfo0 in mode multipath over two IPoIB ports
# (softib0 ports 1 and 2), host B = one plain IPoIB port (softib1/1).
# Unicast IP flows leave A through both slaves (per-slave counters and
# flow counts), one slave per flow (layer3: one per address pair); when
# a port dies only its flows move, at once, and no flow loses its order;
# when it is back, flows spread again.  Also: a primary named before it
# is enslaved, kept across release; mode change refused with slaves.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

softib_load num_hcas=2 num_ports=2
require_probe
ibfo_load
s1=$(softibctl netdev softib0/1)
s2=$(softibctl netdev softib0/2)
b=$(softibctl netdev softib1/1)

ns_add A
"$IP" link set "$s1" netns A
"$IP" link set "$s2" netns A
"$IP" -n A link set lo up
IPA="$IP -n A"

# A primary named before it is a slave becomes the active slave (the one
# whose address the master has) when enslaved.
check "create ibfo0, multipath, primary $s2 (not a slave yet)" \
	$IPA link add ibfo0 type ibfo mode multipath primary "$s2"
check "enslave $s1" $IPA link set "$s1" master ibfo0
check "enslave $s2" $IPA link set "$s2" master ibfo0
$IPA addr add 10.30.0.1/24 dev ibfo0
$IPA addr add fd00:30::1/64 dev ibfo0 nodad
$IPA link set ibfo0 up
host B "$b" 10.30.0.2/24 fd00:30::2/64

check "ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "$s1 usable" wait_for "$WAIT" state_is "$s1" active A
check "$s2 usable" wait_for "$WAIT" state_is "$s2" active A
check_eq "primary $s2 is the active slave" "$s2" "$(active A)"
check "mode multipath shown" sh -c "$IPA -d link show dev ibfo0 | grep -q 'ibfo mode multipath '"
check "A pings B" wait_for "$WAIT" ping_ok A 10.30.0.2
check "B pings A" ping_ok B 10.30.0.1
check "A pings B over IPv6" wait_for "$WAIT" ping_ok A fd00:30::2
check_err "mode change with slaves refused" "mode can only be changed without slaves" \
	$IPA link set ibfo0 type ibfo mode active-backup

counter() { slave_counter A "$1" "$2"; }

# flows N COUNT: N UDP flows (ports 7001..) from A to B, COUNT datagrams
# (+5 FIN) each, one after the other; sets d1 and d2, the datagrams each
# slave sent.  Nothing listens on B: each ICMP port unreachable makes one
# later send() of the connected probe fail, so a flow sends a few less.
flows()
{
	t1=$(counter "$s1" tx_packets)
	t2=$(counter "$s2" tx_packets)
	_i=1
	while [ $_i -le "$1" ]; do
		nsx A "$PROBE" send -r 1000 -n "$2" -p $((7000 + _i)) 10.30.0.2 \
			>/dev/null 2>&1
		_i=$((_i + 1))
	done
	d1=$(($(counter "$s1" tx_packets) - t1))
	d2=$(($(counter "$s2" tx_packets) - t2))
	log "$1 flows x $2: $s1 sent $d1, $s2 sent $d2"
}

# layer3+4: 32 flows of 20 datagrams (+5 FIN each) spread over both
# slaves; all on one would happen with probability 2^-31.
flows 32 20
check "layer3+4: $s1 carries flows ($d1 datagrams)" [ "$d1" -ge 100 ]
check "layer3+4: $s2 carries flows ($d2 datagrams)" [ "$d2" -ge 100 ]
f1=$(counter "$s1" flows)
f2=$(counter "$s2" flows)
log "cached flows: $s1 $f1, $s2 $f2"
check "$s1 has cached flows ($f1)" [ "${f1:-0}" -ge 1 ]
check "$s2 has cached flows ($f2)" [ "${f2:-0}" -ge 1 ]

# layer3: one address pair, one slave for every port.
check "xmit_hash_policy layer3 on a live device" \
	$IPA link set ibfo0 type ibfo xmit_hash_policy layer3
flows 16 10
if [ "$d1" -gt "$d2" ]; then big=$d1 small=$d2; else big=$d2 small=$d1; fi
check "layer3: one slave carries all 16 flows ($big)" [ "$big" -ge $((16 * 8)) ]
# The other may carry a few IPv6 neighbour probes (other addresses).
check "layer3: the other carries none of them ($small)" [ "$small" -le 10 ]
check "back to layer3+4" $IPA link set ibfo0 type ibfo xmit_hash_policy layer3+4

# Under 8 streams, A's port 1 dies: every flow goes on, in order.
flows_start A B 10.30.0.2 8
softibctl port softib0/1 link down
check "$s1 goes down" wait_for "$WAIT" state_is "$s1" down A
check_eq "$s2 stays active" "$s2" "$(active A)"
flows_end
flows 8 10
check "after the failure: $s2 carries every flow ($d2)" [ "$d2" -ge $((8 * 8)) ]
check_eq "after the failure: $s1 carries none" 0 "$d1"
check "A pings B with one port" ping_ok A 10.30.0.2

# Port back: flows spread again.
softibctl port softib0/1 link up
check "$s1 active again" wait_for "$WAIT" state_is "$s1" active A
check "A pings B after recovery" wait_for "$WAIT" ping_ok A 10.30.0.2
flows 32 20
check "after recovery: $s1 carries flows again ($d1)" [ "$d1" -ge 100 ]
check "after recovery: $s2 carries flows ($d2)" [ "$d2" -ge 100 ]

# The primary is kept across release and takes over again when back.
check "release $s2" $IPA link set "$s2" nomaster
check_eq "$s1 active without $s2" "$s1" "$(active A)"
check_eq "primary still $s2" "$s2" \
	"$($IPA -d link show dev ibfo0 | sed -n 's/.* primary \([^ ]*\) .*/\1/p')"
check "enslave $s2 again" $IPA link set "$s2" master ibfo0
check "$s2 (primary) active again" wait_for "$WAIT" active_is "$s2" A
check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.30.0.2

ksft_exit
