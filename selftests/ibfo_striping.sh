#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo-to-ibfo striping: hosts A and B each run ibfo0 in multipath mode
# over two ports.  From the port list each one appends to its ARP frames,
# A sends B's flows to both of B's ports (not only to the address in its
# ARP entry), so B receives on both; when one of B's ports dies, B lists
# its ports again and A's flows to it move at once, in order.  With B in
# active-backup (no list), A sends to B's one address only.  IPv6 flows
# to B are striped the same way.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"


softib_load num_hcas=2 num_ports=2
require_probe
ibfo_load

two_hosts
lag_host A ibfo0 "ibfo mode multipath peer_discovery on" "$a1" "$a2" 10.50.0.1/24
lag_host B ibfo0 "ibfo mode multipath peer_discovery on" "$b1" "$b2" 10.50.0.2/24
check "A has carrier" wait_for "$WAIT" carrier A ibfo0
check "B has carrier" wait_for "$WAIT" carrier B ibfo0
check "A pings B" wait_for "$WAIT" ping_ok A 10.50.0.2
check "B pings A" ping_ok B 10.50.0.1

# flows N [ADDR]: N UDP flows from A to B (10.50.0.2 or ADDR); sets r1
# and r2, what B's ports got.
flows()
{
	_r1=$(slave_counter B "$b1" rx_packets)
	_r2=$(slave_counter B "$b2" rx_packets)
	_i=1
	while [ $_i -le "$1" ]; do
		nsx A "$PROBE" send -r 1000 -n 20 -p $((7000 + _i)) "${2:-10.50.0.2}" \
			>/dev/null 2>&1
		_i=$((_i + 1))
	done
	r1=$(($(slave_counter B "$b1" rx_packets) - _r1))
	r2=$(($(slave_counter B "$b2" rx_packets) - _r2))
	log "$1 flows A->B: B got $r1 on $b1, $r2 on $b2"
}

# B answered A's ARP request with its ports (and A learned them).
flows 32
check "B receives on $b1 ($r1)" [ "$r1" -ge 100 ]
check "B receives on $b2 ($r2)" [ "$r2" -ge 100 ]

# Under 8 streams, B's port 1 dies: every flow goes on, in order.
flows_start A B 10.50.0.2 8
softibctl port softib1/1 link down
flows_end
flows 8
check_eq "with $b1 down, B gets nothing on it" 0 "$r1"
check "with $b1 down, B gets every flow on $b2 ($r2)" [ "$r2" -ge 64 ]

softibctl port softib1/1 link up
check "B's $b1 usable again" wait_for "$WAIT" sh -c \
	"$IP -n B -d link show dev $b1 | grep -q 'state active'"
# shellcheck disable=SC2317 # run through wait_for
spread() { flows 32; [ "$r1" -ge 100 ] && [ "$r2" -ge 100 ]; }
check "after recovery, B receives on both ports again" wait_for "$WAIT" spread

# IPv6 flows are striped as well: A finds B's record by the port that its
# IPv6 neighbour entry for B names.  (With one address pair, receive
# balancing alone would put them all on one port of B.)
"$IP" -n A addr add fd00:50::1/64 dev ibfo0 nodad
"$IP" -n B addr add fd00:50::2/64 dev ibfo0 nodad
check "A pings B over IPv6" wait_for "$WAIT" ping_ok A fd00:50::2
flows 32 fd00:50::2
check "IPv6: B receives on $b1 ($r1)" [ "$r1" -ge 100 ]
check "IPv6: B receives on $b2 ($r2)" [ "$r2" -ge 100 ]

# B in active-backup lists no ports: its first ARP frame makes A forget
# them and keep to its ARP entry.
"$IP" netns del B
lag_host B ibfo0 "ibfo mode active-backup" "$b1" "$b2" 10.50.0.2/24
check "A pings B (active-backup)" wait_for "$WAIT" ping_ok A 10.50.0.2
"$IP" -n A neigh flush dev ibfo0
check "A pings B again" wait_for "$WAIT" ping_ok A 10.50.0.2
flows 16
check "B (active-backup) receives on one port only ($r1/$r2)" \
	sh -c "[ $r1 -eq 0 ] || [ $r2 -eq 0 ]"

ksft_exit
