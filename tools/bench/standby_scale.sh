#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The cost of ibfo's standby probes at scale (make bench-standby), run in
# the test guest.  Host A (netns A) has ibfo0, active-backup, over softib0
# ports 1 (active) and 2 (the backup), 10.30.0.1/16, and N neighbours in
# its ARP table (permanent entries, ip neigh).  The N neighbour addresses
# live on P peer ports (softib0/3.. onwards, one netns each: hosts P1..PP;
# address i on port i mod P): each neighbour costs ibfo a probe and its
# owner a reply, each port pair an ipoib path on either side.  softib
# cannot give each of 1000 neighbours its own port (at most 8 ports per
# HCA, and an ipoib netdev each), so P < N: the probes and replies scale
# with N, the PathRecord queries with P.
#
# Five rounds, each measured on its own:
#   enslave    the backup is enslaved while the N neighbours exist: the
#              first round, every path still unresolved
#   reregister a CLIENT_REREGISTER on the backup's port (ipoib's light
#              flush: its address handles are marked invalid, the next
#              send queries again; ibfo runs a round 0.5 s later)
#   lid        a new LID for the backup's port (LID_CHANGE: ipoib drops
#              its paths; a round 0.5 s later)
#   lid-all    a new LID for every peer port, then for the backup's (an
#              SM that renumbers: the peers drop their paths too; not
#              A's active port, whose ipoib would drop its carrier while
#              it rejoins, and ibfo fail over)
#   periodic   nothing: the next periodic round (60 s after the last)
# For each: the rounds ibfo reported (tracepoint ibfo:ibfo_standby:
# neighbours, probes), the frames the backup handed to ipoib
# (net:net_dev_xmit; ipoib sends again the ones it held for a path),
# what ipoib dropped (tx_dropped of the backup, of the peers: ipoib holds
# 3 packets per path while it queries the SA), the frames the peers'
# ports sent (softib's tx_packets: replies, and the SA queries), the
# replies lost at the backup's receive queue (softib's rx_dropped) and
# received (net:netif_receive_skb, all consumed by ibfo: A's ARP table
# holds only the permanent entries, checked at the end), softib's
# PathRecord queries (stats/sa_path_queries) of the backup, of the active
# port and of the peers, the time of ibfo's send loop (first frame on the
# backup to the tracepoint) and of the round (first frame to the last
# reply; trace_clock mono), the latter also in units of the median round
# trip time of a ping from A to a peer in the same boot.  After each
# round: the backup's ipoib has a complete path to every peer port, and
# every peer's ipoib one to the backup, naming the port's LID now
# (ipoib's debugfs path tables).
#
# Output: "# " lines, a table, and one JSON line per round prefixed
# "@@SB@@ ".  Exits non-zero if the setup fails, a round leaves a path
# unresolved (but the peers' in round lid) or an ARP table changed; never
# for a figure.
#
# usage: standby_scale.sh [-n N] [-p PORTS] [-q]
#   -n N      neighbours (default 1000)
#   -p PORTS  peer ports, 1..22 (default 16)
#   -q        quick: no periodic round (saves its 60 s)

# shellcheck source-path=SCRIPTDIR source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=../../selftests/softib.lib
. /opt/ibfo/selftests/softib.lib

n=1000 ports=16 quick=0
while getopts n:p:q o; do
	case $o in
	n) n=$OPTARG ;;
	p) ports=$OPTARG ;;
	q) quick=1 ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
if [ "$ports" -lt 1 ] || [ "$ports" -gt 22 ] || [ "$n" -lt 1 ] ||
	[ "$n" -gt 60000 ]; then
	echo "standby_scale: -p 1..22, -n 1..60000" >&2
	exit 2
fi
emit() { echo "@@SB@@ $*"; }
T=/sys/kernel/tracing
D=/sys/kernel/debug
tmp=$(mktemp -d)
defer "rm -rf $tmp"
[ -d $T/events ] || mount -t tracefs nodev $T 2>/dev/null
[ -d $D/ipoib ] || mount -t debugfs nodev $D 2>/dev/null

die() { log "FAIL: $*"; emit "{\"error\":\"$*\"}"; run_cleanups; exit 1; }

# The kernel's neighbour table is shared by all namespaces; its default
# limits (gc_thresh3 1024) would overflow or collect entries.
for g in 1 2 3; do
	sysw /proc/sys/net/ipv4/neigh/default/gc_thresh$g $((n * 2 + 1024))
done

# HCAs of 8 ports: softib0/1-2 are A's, then PORTS peer ports.
hcas=$(((ports + 2 + 7) / 8))
softib_load num_hcas=$hcas num_ports=8
[ -d $D/ipoib ] || die "no ipoib debugfs (CONFIG_INFINIBAND_IPOIB_DEBUG)"
[ -d $T/events/ibfo ] || modprobe ibfo || die "no ibfo module"
[ -d $T/events/ibfo ] || die "no ibfo tracepoints"
a1=$(softibctl netdev softib0/1)
a2=$(softibctl netdev softib0/2)
ns_add A
"$IP" link set "$a1" netns A
"$IP" link set "$a2" netns A
"$IP" -n A link set lo up

# Peer k (1..PORTS) is port (k + 1) in HCA order: softib0/3 ... softib0/8,
# softib1/1 ...
peer_port()
{
	_i=$(($1 + 1))
	echo "softib$((_i / 8))/$((_i % 8 + 1))"
}
k=1
while [ $k -le "$ports" ]; do
	d=$(softibctl netdev "$(peer_port $k)")
	eval "pdev_$k=$d"
	ns_add "P$k" || die "netns P$k"
	"$IP" link set "$d" netns "P$k" || die "move $d to P$k"
	k=$((k + 1))
done

# addr I: the address of neighbour I (0-based): 10.30.1.1 onwards.
addr() { echo "10.30.$(($1 / 250 + 1)).$(($1 % 250 + 1))"; }

# Neighbour i on peer (i mod PORTS) + 1: batch files for ip -b.
i=0
while [ "$i" -lt "$n" ]; do
	k=$((i % ports + 1))
	eval "echo \"addr add $(addr $i)/16 dev \$pdev_$k\"" >>"$tmp/peer$k"
	i=$((i + 1))
done
k=1
while [ $k -le "$ports" ]; do
	eval "d=\$pdev_$k"
	# shellcheck disable=SC2154 # d is set by the eval
	"$IP" -n "P$k" -b "$tmp/peer$k" || die "addresses of P$k"
	"$IP" -n "P$k" link set "$d" up || die "P$k up"
	k=$((k + 1))
done

"$IP" -n A link add ibfo0 type ibfo mode active-backup || die "ibfo0"
"$IP" -n A link set "$a1" master ibfo0 || die "enslave $a1"
"$IP" -n A link set ibfo0 type ibfo primary "$a1" || die "primary $a1"
addrs_up A ibfo0 10.30.0.1/16 || die "ibfo0 up"
wait_for "$WAIT" carrier A ibfo0 || die "ibfo0 has no carrier"
# Each peer port's carrier, and its address for A's ARP table.
k=1
while [ $k -le "$ports" ]; do
	eval "d=\$pdev_$k"
	wait_for "$WAIT" carrier "P$k" "$d" || die "P$k: no carrier"
	eval "ha_$k=$(lladdr "P$k" "$d")"
	k=$((k + 1))
done
wait_for "$WAIT" ping_ok A "$(addr 0)" || die "A cannot ping $(addr 0)"

# A's ARP table: the N neighbours, permanent (no ARP traffic, no GC).
: >"$tmp/neigh"
i=0
while [ "$i" -lt "$n" ]; do
	k=$((i % ports + 1))
	eval "echo \"neigh replace $(addr $i) lladdr \$ha_$k dev ibfo0 nud permanent\"" >>"$tmp/neigh"
	i=$((i + 1))
done
t0=$(now_ms)
"$IP" -n A -b "$tmp/neigh" || die "A's ARP table"
fill_ms=$(($(now_ms) - t0))
got=$("$IP" -n A neigh show dev ibfo0 nud permanent | grep -c lladdr)
[ "$got" -eq "$n" ] || die "A's ARP table holds $got permanent entries, not $n"

# The yardstick: a ping round trip from A to a peer, same boot (the
# median of 21: TCG stalls make the mean swing).
rtts=$(nsx A ping -c 21 -i 0.05 -W 2 "$(addr 0)" 2>/dev/null |
	sed -n 's/.* time=\([0-9.]*\) ms.*/\1/p' | sort -n)
rtt=$(echo "$rtts" | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }')
rtt_min=$(echo "$rtts" | head -n 1)
rtt_max=$(echo "$rtts" | tail -n 1)
[ -n "$rtt" ] || die "no ping round trip measured"
log "setup: $n neighbours on $ports peer ports ($hcas HCAs), A's ARP table filled in $fill_ms ms; ping A -> peer: median $rtt ms ($rtt_min-$rtt_max, $(echo "$rtts" | grep -c .) pings)"

# gid LLADDR: the GID of an IPoIB address, as ipoib's debugfs prints it.
gid()
{
	echo "$1" | tr -d ':' | cut -c9-40 |
		sed 's/\(....\)/\1:/g; s/:$//; s/:0\{1,3\}/:/g; s/^0\{1,3\}//'
}
# current_paths FILE: "GID DLID" of each complete path in an ipoib path
# table.
current_paths()
{
	# cat: one read() (ipoib leaks its iterator when a read ends mid-table).
	cat "$1" | awk '/^GID: / { g = $2; c = 0 } /complete:/ { c = ($2 == "yes") }
		/DLID:/ && c { print g, $2 }'
}
# want GID PORT: the line current_paths prints for a path to softib PORT
# (GID, its LID now).
want()
{
	printf '%s 0x%04x\n' "$1" "$(cat "$SOFTIB/devices/${2%/*}/port${2#*/}/lid")"
}
a2_gid=$(gid "$(lladdr A "$a2")")
k=1
while [ $k -le "$ports" ]; do
	eval "h=\$ha_$k"
	# shellcheck disable=SC2154 # h is set by the eval
	eval "pgid_$k=$(gid "$h")"
	k=$((k + 1))
done

# paths_ok: the backup has a complete path to every peer port, and every
# peer one to the backup, each naming the port's LID now; sets a_paths and
# p_paths (how many).  With peers_stale_ok=1 only the backup's count.
peers_stale_ok=0
paths_ok()
{
	current_paths "$D/ipoib/${a2}_path" >"$tmp/a_paths"
	_w=$(want "$a2_gid" softib0/2)
	: >"$tmp/want"
	p_paths=0
	_k=1
	while [ $_k -le "$ports" ]; do
		eval "_g=\$pgid_$_k _d=\$pdev_$_k"
		# shellcheck disable=SC2154 # _g is set by the eval
		want "$_g" "$(peer_port $_k)" >>"$tmp/want"
		# shellcheck disable=SC2154 # _d is set by the eval
		current_paths "$D/ipoib/${_d}_path" | grep -qFx "$_w" &&
			p_paths=$((p_paths + 1))
		_k=$((_k + 1))
	done
	a_paths=$(grep -cFxf "$tmp/a_paths" "$tmp/want")
	[ "$a_paths" -eq "$ports" ] &&
		{ [ "$peers_stale_ok" = 1 ] || [ "$p_paths" -eq "$ports" ]; }
}

stat() { cat "$SOFTIB/devices/${1%/*}/port${1#*/}/stats/$2"; }
# counters: one line of every counter a round may move.
counters()
{
	_pq=0 _pd=0 _pt=0 _px=0
	_k=1
	while [ $_k -le "$ports" ]; do
		eval "_d=\$pdev_$_k"
		_p=$(peer_port $_k)
		_pq=$((_pq + $(stat "$_p" sa_path_queries)))
		_pt=$((_pt + $(stat "$_p" tx_packets)))
		_px=$((_px + $(stat "$_p" rx_dropped)))
		_pd=$((_pd + $(nsx "P$_k" cat "/sys/class/net/$_d/statistics/tx_dropped")))
		_k=$((_k + 1))
	done
	echo "$(stat softib0/2 sa_path_queries) $(stat softib0/1 sa_path_queries) $_pq" \
		"$(nsx A cat "/sys/class/net/$a2/statistics/tx_dropped") $_pd" \
		"$(stat softib0/2 tx_packets) $(stat softib0/2 rx_packets)" \
		"$(stat softib0/2 rx_dropped) $_pt $_px"
}

trace_start()
{
	sysw $T/tracing_on 0
	sysw $T/trace_clock mono
	sysw $T/buffer_size_kb 8192
	sysw $T/events/enable 0
	: >$T/trace
	sysw $T/events/ibfo/ibfo_standby/enable 1
	sysw $T/events/net/net_dev_xmit/filter "name == \"$a2\""
	sysw $T/events/net/net_dev_xmit/enable 1
	sysw $T/events/net/netif_receive_skb/filter "name == \"$a2\""
	sysw $T/events/net/netif_receive_skb/enable 1
	sysw $T/tracing_on 1
}
# a_round: the trace holds a round of more than one neighbour with probes.
# shellcheck disable=SC2317 # run through wait_for
a_round()
{
	grep 'ibfo_standby: ibfo0: ' "$T/trace" |
		awk '$(NF - 3) > 1 && $(NF - 1) > 0 { f = 1 } END { exit !f }'
}
# quiet: the backup's port received nothing and no SA query went out for
# a second.
# shellcheck disable=SC2317 # run through wait_for
quiet()
{
	_q=$(counters)
	sleep 1
	[ "$(counters)" = "$_q" ]
}

# active: ibfo0's active slave.
active()
{
	"$IP" -n A -d link show dev ibfo0 |
		sed -n 's/.*active_slave \([^ ]*\) .*/\1/p'
}
# shellcheck disable=SC2317 # run through wait_for
a1_active() { [ "$(active)" = "$a1" ]; }

# round NAME TRIGGER-CMD WAIT-SECS: one measured round.
fail=0
round()
{
	_name=$1
	wait_for "$WAIT" a1_active ||
		log "round $_name: WARNING: the active slave is $(active), not $a1"
	log "round $_name: $2"
	trace_start
	_c0=$(counters)
	eval "$2" || die "$_name: $2"
	wait_for "$3" a_round || log "round $_name: no round reported within $3 s"
	paths_ok
	wait_for "$WAIT" paths_ok
	wait_for "$WAIT" quiet
	sysw $T/tracing_on 0
	_c1=$(counters)
	cp $T/trace "$tmp/trace.$_name"
	# shellcheck disable=SC2016 # awk program
	awk -v name="$_name" -v c0="$_c0" -v c1="$_c1" -v rtt="$rtt" \
		-v ap="$a_paths" -v pp="$p_paths" -v ports="$ports" '
	function ts(_i) {
		for (_i = 1; _i <= NF; _i++)
			if ($_i ~ /^[0-9]+\.[0-9]+:$/)
				return substr($_i, 1, length($_i) - 1) * 1000
		return -1
	}
	/ ibfo_standby: ibfo0: / {
		nb = $(NF - 3); pr = $(NF - 1)
		if (nb > 1 || pr == 0) {
			rounds = rounds (rounds == "" ? "" : " ") nb "/" pr
			probes += pr
			if (pr > 0 && !tend)
				tend = ts()
		} else {
			single += pr
		}
	}
	/ net_dev_xmit: / { t = ts(); if (!tx0) tx0 = t; txn++; txl = t }
	/ netif_receive_skb: / { t = ts(); rxn++; rxl = t }
	function ms(v) { return v < 0 ? "-" : sprintf("%.1f ms", v) }
	END {
		split(c0, a); split(c1, b)
		for (i = 1; i <= 10; i++)
			d[i] = b[i] - a[i]
		send_ms = (tx0 && tend) ? tend - tx0 : -1
		all_ms = (tx0 && rxl) ? rxl - tx0 : -1
		rtts = (all_ms >= 0 && rtt > 0) ? all_ms / rtt : -1
		printf "@@SB@@ {\"round\":\"%s\",\"rounds\":\"%s\",\"probes\":%d,\"single_probes\":%d,\"xmit\":%d,\"a_dropped\":%d,\"peer_port_tx\":%d,\"peer_dropped\":%d,\"peer_port_rx_dropped\":%d,\"port_rx_dropped\":%d,\"replies\":%d,\"sa_backup\":%d,\"sa_active\":%d,\"sa_peers\":%d,\"port_tx\":%d,\"port_rx\":%d,\"send_ms\":%.2f,\"round_ms\":%.2f,\"rtt_ms\":%s,\"round_rtts\":%.1f,\"paths_a\":%d,\"paths_peers\":%d,\"ports\":%d}\n",
			name, rounds, probes, single, txn, d[4], d[9], d[5], d[10],
			d[8], rxn, d[1], d[2], d[3], d[6], d[7], send_ms, all_ms,
			rtt, rtts, ap, pp, ports
		printf "# | %s | %s | %d | %d | %d | %d | %d | %d | %d | %d / %d / %d | %s | %s | %s | %d/%d %d/%d |\n",
			name, rounds, probes, txn, d[4], d[9], d[5], d[8], rxn,
			d[1], d[2], d[3], ms(send_ms), ms(all_ms),
			rtts < 0 ? "-" : sprintf("%.0f", rtts), ap, ports, pp, ports >>rows
	}' rows="$tmp/rows" "$tmp/trace.$_name"
	if [ "$a_paths" -ne "$ports" ] ||
		{ [ "$peers_stale_ok" = 0 ] && [ "$p_paths" -ne "$ports" ]; }; then
		log "round $_name: FAIL: complete paths: backup $a_paths/$ports, peers to the backup $p_paths/$ports"
		fail=1
	fi
	# The peers without a current path to the backup: what ipoib holds.
	_w=$(want "$a2_gid" softib0/2)
	_k=1
	while [ $_k -le "$ports" ]; do
		eval "_d=\$pdev_$_k"
		current_paths "$D/ipoib/${_d}_path" | grep -qFx "$_w" ||
			log "round $_name: P$_k ($_d) has no path '$_w': $(cat "$D/ipoib/${_d}_path" |
				awk -v g="GID: $a2_gid" \
				'$0 == g { f = 1 } f && /^GID: / && $0 != g { f = 0 } f' |
				tr -s ' \n' ' ')"
		_k=$((_k + 1))
	done
}

log "counters (SA queries backup, active, peers; ipoib drops A, peers; backup port tx, rx, rx_dropped; peer ports tx, rx_dropped): $(counters)"
emit "{\"meta\":true,\"kernel\":\"$(uname -r)\",\"cpus\":$(nproc),\"neighbours\":$n,\"ports\":$ports,\"rtt_ms\":$rtt,\"rtt_min_ms\":$rtt_min,\"rtt_max_ms\":$rtt_max,\"fill_ms\":$fill_ms}"
round enslave "$IP -n A link set $a2 master ibfo0" "$WAIT"
sleep 2
round reregister "softibctl port softib0/2 reregister" "$WAIT"
sleep 2
# The peers keep their paths to the backup's old LID: nothing tells their
# ipoib (reported, not required).
peers_stale_ok=1
round lid "softibctl port softib0/2 lid 4000" "$WAIT"
peers_stale_ok=0
sleep 2
# The peers first, the backup last, within a fraction of a second (sysfs
# writes): ibfo's round 0.5 s after the backup's event then asks for the
# peers' new LIDs.  Not A's active port: a LID change makes its ipoib
# rejoin the broadcast group, without carrier meanwhile, and ibfo would
# fail over.
# shellcheck disable=SC2317 # run through round's eval
set_lid() { sysw "$SOFTIB/devices/${1%/*}/port${1#*/}/lid" "$2"; }
all=""
k=1
while [ $k -le "$ports" ]; do
	all="$all set_lid $(peer_port $k) $((5001 + k)) &&"
	k=$((k + 1))
done
round lid-all "$all set_lid softib0/2 5001" "$WAIT"
[ "$quick" = 1 ] || round periodic true 75

# The probes and replies changed no ARP table: A holds its N permanent
# entries and nothing else, no peer has an entry naming the backup.
check_eq "A's ARP table: only the $n permanent entries" "$n" \
	"$("$IP" -n A neigh show dev ibfo0 | grep -c .)"
a2_ha=$(lladdr A "$a2")
k=1
while [ $k -le "$ports" ]; do
	check_fail "P$k's ARP table names no backup address" \
		sh -c "$IP -n P$k neigh show | grep -qF '$a2_ha'"
	k=$((k + 1))
done
[ "$ksft_failures" -eq 0 ] || fail=1

# The table, from the JSON lines.
echo "# standby probes: $n neighbours on $ports peer ports, one backup; ping A -> peer median $rtt ms"
echo "# | round | rounds (neighbours/probes) | probes | frames to ipoib | dropped by ipoib (path query pending) | peers' ports: frames sent | dropped by the peers' ipoib | lost at the backup's receive queue | replies received | PathRecord queries backup / active / peers | send loop | first frame -> last reply | in ping RTTs | current paths backup->peers, peers->backup |"
echo "# |---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|"
cat "$tmp/rows"
sed 's/^/# guest loadavg: /' /proc/loadavg
run_cleanups
exit $fail
