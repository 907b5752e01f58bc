#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=dash
#
# The ibfo failover demonstration, guest side (run by tools/demo/demo.sh
# through tools/vm/run.sh; the guest's /bin/sh is dash, busybox gives
# ping, nc, awk).
#
# Two hosts, A and B, are network namespaces on softib, the software IB
# fabric: A owns two IB ports (softib0 ports 1 and 2), B one (softib1
# port 1).  First A joins its ports with ibfo0, then with bonding
# (active-backup, miimon 100).  Each time, B pings A every 10 ms and
# sends it a file over TCP while A's active port is taken down; the kernel
# log, the active slave, lost pings and the TCP transfer are shown as they
# happen, and a summary compares the two at the end.
#
# The times are those of make bench (tools/bench/lib.sh): the fault
# instant is fo_probe's CLOCK_MONOTONIC just before it writes "down" to
# the port's link file, the milestones are tracepoints recorded with
# trace_clock mono, the same clock (fo_trace_start, fo_trace_milestones).
#
# Nothing here asserts a time: TCG timing varies from run to run.  The
# exit status is non-zero only if the setup itself fails.

# shellcheck source-path=SCRIPTDIR source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=../../selftests/softib.lib
. /opt/ibfo/selftests/softib.lib
FO_DIR=/opt/ibfo/tools/bench
# shellcheck source=../bench/lib.sh
. "$FO_DIR/lib.sh"

PATH=/opt/ibfo/tools/softib:$PATH
A_ADDR=$FO_A4
B_ADDR=$FO_B4
PINGS=300		# at 10 ms: 3 s of pings around the fault
PING_LEN=84		# IPv4 length of busybox ping's echo request (56 data bytes)
XFER_MB=12		# TCP transfer size
XFER_LEN=1000		# IP packets this long or longer: TCP segments of the transfer
BOND_SWITCH="making interface the new active one"	# bonding's kernel message
WAIT=20			# seconds to wait for any expected state

tmp=$(mktemp -d)

say() { printf '%s\n' "$*"; }
title()
{
	say ""
	say "=== $* ==="
}
step() { say "--- $*"; }

kmsg_mark()
{
	echo "ibfo-demo: $*" >/dev/kmsg
}

# watch_kmsg: print, live, the kernel messages of ibfo, bonding and our
# markers that are logged from now on.  No times: the kernel log's clock
# is not the trace's; the milestones after each failover have the times.
watch_kmsg()
{
	_since=$(awk '{ printf "%d\n", $1 * 1000000 }' /proc/uptime)
	rm -f "$tmp/kfifo"
	mkfifo "$tmp/kfifo"
	awk -F';' -v since="$_since" '
		NF < 2 { next }
		{
			split($1, h, ",")
			if (h[3] + 0 < since)
				next
			msg = $2
			if (msg !~ /ibfo0|bond0|ibfo-demo/)
				next
			printf "    kernel  %s\n", msg
			fflush()
		}' <"$tmp/kfifo" &
	awk_pid=$!
	cat /dev/kmsg >"$tmp/kfifo" 2>/dev/null &
	cat_pid=$!
}

stop_watch()
{
	[ -n "${cat_pid:-}" ] && kill "$cat_pid" 2>/dev/null
	[ -n "${awk_pid:-}" ] && { kill "$awk_pid" 2>/dev/null; wait "$awk_pid" 2>/dev/null; }
	cat_pid="" awk_pid=""
}

netdev_of() { softibctl netdev "$1"; }

# active KIND: the active slave of A's master.
active()
{
	case $1 in
	ibfo)
		"$IP" -n A -d link show dev ibfo0 |
			sed -n 's/.* active_slave \([^ ]*\).*/\1/p' ;;
	bond)
		"$IP" netns exec A cat /proc/net/bonding/bond0 |
			awk -F': ' '/^Currently Active Slave/ { print $2 }' ;;
	esac
}
# shellcheck disable=SC2317 # run through wait_for
active_is_not() { _a=$(active "$1"); [ -n "$_a" ] && [ "$_a" != None ] && [ "$_a" != "$2" ]; }
# shellcheck disable=SC2317 # run through wait_for
has_active() { _a=$(active "$1"); [ -n "$_a" ] && [ "$_a" != None ]; }

# slave_lines KIND: one line per slave of A's master with its state.
slave_lines()
{
	for _s in "$s1" "$s2"; do
		if [ "$1" = ibfo ]; then
			"$IP" -n A -d link show dev "$_s" |
				sed -n 's/^ *ibfo_slave \(state [^ ]*\).*\(port_state [^ ]*\).*\(failure_count [0-9]*\).*/\1 \2 \3/p' |
				sed "s|^|      $_s ($(fo_port "$_s")): |"
		else
			"$IP" netns exec A cat /proc/net/bonding/bond0 |
				awk -v s="$_s" '/^Slave Interface/ { c = $3 }
					c == s && /^MII Status/ { m = $3 }
					c == s && /^Link Failure Count/ { f = $4 }
					END { print "MII " m ", link failures " f }' |
				sed "s|^|      $_s ($(fo_port "$_s")): |"
		fi
	done
}

# setup KIND: a fresh softib fabric, hosts A and B, A's master over two
# ports, addresses; waits until A and B ping each other.  Sets the
# variables of tools/bench/lib.sh that its fo_port, fo_other and tracing
# helpers use (fo_s1, fo_s2, fo_b, fo_sys).
setup()
{
	modprobe softib num_hcas=2 num_ports=2 || return 1
	for _p in softib0/1 softib0/2 softib1/1 softib1/2; do
		wait_for "$WAIT" netdev_of "$_p" || { say "no ipoib netdev for $_p"; return 1; }
	done
	s1=$(netdev_of softib0/1)
	s2=$(netdev_of softib0/2)
	b=$(netdev_of softib1/1)
	fo_s1=$s1 fo_s2=$s2 fo_b=$b
	"$IP" netns add A && "$IP" netns add B || return 1
	"$IP" link set "$s1" netns A && "$IP" link set "$s2" netns A &&
		"$IP" link set "$b" netns B || return 1
	"$IP" -n A link set lo up
	"$IP" -n B link set lo up
	case $1 in
	ibfo)
		master=ibfo0 fo_sys=ibfo
		step "host A: ip link add ibfo0 type ibfo mode active-backup; ip link set $s1 master ibfo0; ip link set $s2 master ibfo0"
		"$IP" -n A link add ibfo0 type ibfo mode active-backup || return 1
		;;
	bond)
		master=bond0 fo_sys=bond100
		step "host A: ip link add bond0 type bond mode active-backup miimon 100; ip link set $s1 master bond0; ip link set $s2 master bond0"
		"$IP" -n A link add bond0 type bond mode active-backup miimon 100 || return 1
		;;
	esac
	"$IP" -n A link set "$s1" master "$master" && "$IP" -n A link set "$s2" master "$master" || return 1
	"$IP" -n A addr add "$A_ADDR/24" dev "$master"
	"$IP" -n A link set "$master" up
	step "host B: $b (softib1/1), plain IPoIB"
	"$IP" -n B addr add "$B_ADDR/24" dev "$b"
	"$IP" -n B link set "$b" up
	wait_for "$WAIT" has_active "$1" || { say "no active slave"; return 1; }
	wait_for "$WAIT" ping_ok A "$B_ADDR" || { say "A cannot ping B"; return 1; }
	wait_for "$WAIT" ping_ok B "$A_ADDR" || { say "B cannot ping A"; return 1; }
	step "A ($A_ADDR on $master) and B ($B_ADDR) ping each other"
}

teardown()
{
	stop_watch
	[ -n "${nc_pid:-}" ] && kill "$nc_pid" 2>/dev/null
	"$IP" netns del A 2>/dev/null
	"$IP" netns del B 2>/dev/null
	rmmod softib 2>/dev/null
	# Let ipoib finish with the netdevs before the next fabric appears.
	usleep 200000
}

# ping_report FILE: set tx, rx, lost, gap (longest run of lost pings) and
# rtt (the slowest answer's round trip, "-" if none) from a ping output.
ping_report()
{
	rtt=$(sed -n 's|^round-trip min/avg/max = [^/]*/[^/]*/\([0-9.]*\) ms|\1 ms|p' "$1")
	[ -n "$rtt" ] || rtt=-
	tx=$(awk '/transmitted/ { print $1 + 0 }' "$1")
	rx=$(awk '/transmitted/ { print $4 + 0 }' "$1")
	[ -n "$tx" ] || tx=0
	[ -n "$rx" ] || rx=0
	lost=$((tx - rx))
	gap=$(awk -v n="$tx" '
		match($0, /seq=[0-9]+/) {
			s = substr($0, RSTART + 4, RLENGTH - 4) + 0
			if (s - prev - 1 > g) g = s - prev - 1
			prev = s
			seen = 1
		}
		END {
			if (!seen) { print n; exit }
			if (n - 1 - prev > g) g = n - 1 - prev
			print g + 0
		}' "$1")
}

# slave_ready KIND SLAVE: SLAVE is usable again as a backup.
# shellcheck disable=SC2317 # run through wait_for
slave_ready()
{
	if [ "$1" = ibfo ]; then
		"$IP" -n A -d link show dev "$2" | grep -Eq 'ibfo_slave state (backup|active)'
	else
		"$IP" netns exec A cat /proc/net/bonding/bond0 |
			awk -v s="$2" '/^Slave Interface/ { c = $3 }
				c == s && /^MII Status: up/ { f = 1 } END { exit !f }'
	fi
}

# trace_start KIND: trace the failover from $before to $new: the events of
# make bench (fo_trace_start: ibfo's, frames sent on $new, B's neighbour
# updates), plus frames received on $new, bonding's kernel messages, and
# ibfo_notify where the module has it.
trace_start()
{
	if ! fo_trace_start "$before" "$new"; then
		say "    (no trace: $fo_trace_why)"
		return
	fi
	# Keep the first events if the buffer fills up (the TCP transfer).
	sysw "$FO_TR/options/overwrite" 0
	fo_trace_event net/netif_receive_skb "name == \"$new\"" ||
		fo_trace_why="${fo_trace_why:+$fo_trace_why, }no netif_receive_skb"
	if [ "$1" = bond ]; then
		fo_trace_event printk/console 'msg ~ "bond0: *"' ||
			fo_trace_why="${fo_trace_why:+$fo_trace_why, }no printk:console"
	elif [ -d "$FO_TR/events/ibfo/ibfo_notify" ]; then
		fo_trace_event ibfo/ibfo_notify 'master == "ibfo0"'
	fi
}

# trace_read RX: stop tracing and set m_NAME for the milestones of
# fo_trace_milestones (RX: the length of the received frames to look
# for); m_ok=0 if there was no trace.
trace_read()
{
	m_ok=0 m_event_ms="" m_event_cause="" m_switch_ms="" m_frame_ms=""
	m_frame_len="" m_neigh_ms="" m_rx_ms="" m_rx_len="" m_log_ms="" m_notify_ms=""
	m_notify_arps="" m_notify_nas=""
	[ "$fo_tracing" = 1 ] || return 0
	fo_trace_stop
	fo_trace_milestones "$fault_ns" "$before" "$new" "$1" "$BOND_SWITCH" >"$tmp/ms"
	while read -r _k _v; do
		case $_k in
		event_ms) m_event_ms=$_v ;;
		event_cause) m_event_cause=$_v ;;
		switch_ms) m_switch_ms=$_v ;;
		frame_ms) m_frame_ms=$_v ;;
		frame_len) m_frame_len=$_v ;;
		neigh_ms) m_neigh_ms=$_v ;;
		rx_ms) m_rx_ms=$_v ;;
		rx_len) m_rx_len=$_v ;;
		log_ms) m_log_ms=$_v ;;
		notify_ms) m_notify_ms=$_v ;;
		notify_arps) m_notify_arps=$_v ;;
		notify_nas) m_notify_nas=$_v ;;
		esac
	done <"$tmp/ms"
	m_ok=1
	# The master's switch: ibfo's tracepoint; bonding has none, its
	# kernel message (printk:console, the same clock) stands in.
	[ "$kind" = bond ] && m_switch_ms=$m_log_ms
	[ -n "$fo_trace_why" ] && say "    (trace incomplete: $fo_trace_why)"
}

# ms VALUE: a milestone for display ("-": not in the trace).
ms() { if [ -n "$1" ]; then awk -v v="$1" 'BEGIN { printf "%.1f ms\n", v }'; else echo -; fi; }

# fail_port KIND: trace, then take the active slave's port down the way
# make bench does; sets before, new, after, port and fault_ns.
fail_port()
{
	before=$(active "$1")
	new=$(fo_other "$before")
	port=$(fo_port "$before")
	trace_start "$1"
	step "taking A's active port $port ($before) down"
	kmsg_mark "port $port ($before) down"
	_f=$("$FO_PROBE" fault "$SOFTIB/devices/${port%/*}/port${port#*/}/link" down)
	_t0=$(now_ms)
	fault_ns=${_f% *}
	if wait_for "$WAIT" active_is_not "$1" "$before"; then
		after=$(active "$1")
		step "active slave now $after (the script saw it $(($(now_ms) - _t0)) ms after the fault; the trace has the times)"
	else
		after="none"
		step "no switch within ${WAIT} s"
	fi
}

# milestones KIND WHAT: print the traced milestones of fail_port (after
# trace_read); WHAT names the received frames of rx_ms.
milestones()
{
	if [ "$m_ok" != 1 ]; then
		say "    milestones:           - (no trace)"
		return
	fi
	say "    milestones, ms after the fault (tracefs, CLOCK_MONOTONIC):"
	if [ "$1" = ibfo ]; then
		mline "port event seen by ibfo0" "$(ms "$m_event_ms")" \
			"ibfo_slave_state $before down${m_event_cause:+, cause \"$m_event_cause\"}"
		mline "switch $before -> $new" "$(ms "$m_switch_ms")" "ibfo_failover"
	else
		mline "port event seen by bond0" "none" "bonding polls carrier every 100 ms (miimon 100)"
		mline "switch $before -> $new" "$(ms "$m_switch_ms")" "bonding's kernel message \"$BOND_SWITCH\""
	fi
	[ -n "$m_notify_ms" ] &&
		mline "peers told" "$(ms "$m_notify_ms")" "ibfo_notify: $m_notify_arps ARP, $m_notify_nas NA"
	mline "first frame sent on $new" "$(ms "$m_frame_ms")" "net_dev_xmit${m_frame_len:+, $m_frame_len bytes}"
	mline "B's ARP entry for A -> $new" "$(ms "$m_neigh_ms")" "neigh_update_done on B's $b"
	mline "first $2 received on $new" "$(ms "$m_rx_ms")" "netif_receive_skb${m_rx_len:+, $m_rx_len-byte IP packet}"
}

# mline LABEL VALUE NOTE: one milestone line.
mline() { printf '      %-36s %-9s  %s\n' "$1:" "$2" "$3"; }

# keep KIND PART: remember the milestones of one failover for the summary.
keep()
{
	for _k in event_ms event_cause switch_ms frame_ms frame_len neigh_ms rx_ms notify_ms; do
		eval "r_$1_$2_$_k=\$m_$_k"
	done
}

# got KIND PART NAME: a remembered milestone.
got() { eval "printf '%s\n' \"\${r_$1_$2_$3:-}\""; }

# restore KIND: bring the port of fail_port back and wait until its
# slave is a usable backup again.
restore()
{
	step "bringing $port ($before) back up"
	fo_link "$port" up
	if wait_for "$WAIT" slave_ready "$1" "$before"; then
		step "$before is a usable backup again; the active slave stays $(active "$1")"
	else
		step "$before not usable again within ${WAIT} s"
	fi
}

# scenario KIND NAME: set up, fail A's active port under pings, then again
# under a TCP transfer, and report.  Sets r_<KIND>_* for the summary.
scenario()
{
	kind=$1
	title "$2"
	if ! setup "$kind"; then
		say "setup failed; skipping this part"
		teardown
		return 1
	fi
	say ""
	say "  active slave: $(active "$kind")"
	slave_lines "$kind"
	watch_kmsg

	say ""
	say "  [a] failover under pings: B pings A every 10 ms ($PINGS pings)"
	"$IP" netns exec B ping -i 0.01 -c $PINGS -W 1 "$A_ADDR" >"$tmp/ping" 2>&1 &
	ping_pid=$!
	sleep 1
	fail_port "$kind"
	wait "$ping_pid"
	trace_read "$PING_LEN"
	ping_report "$tmp/ping"
	say "  result:"
	say "    active slave:         $before -> $after"
	milestones "$kind" "ping from B"
	say "    pings B->A:           $tx sent, $rx answered, $lost lost; longest run of lost pings $gap (~$((gap * 10)) ms of sending); slowest answer $rtt"
	slave_lines "$kind"
	keep "$kind" a
	eval "r_${kind}_lost=\$lost r_${kind}_gap=\$gap r_${kind}_tx=\$tx r_${kind}_rtt=\$rtt"
	restore "$kind"

	say ""
	say "  [b] failover under a TCP transfer: B sends A ${XFER_MB} MB (B's port limited to 50 Mbit/s so it lasts)"
	softibctl port softib1/1 rate 50
	head -c $((XFER_MB * 1024 * 1024)) /dev/urandom >"$tmp/src"
	rm -f "$tmp/dst" "$tmp/fifo"
	mkfifo "$tmp/fifo"
	"$IP" netns exec A nc -l -p 5001 <>"$tmp/fifo" >"$tmp/dst" &
	nc_pid=$!
	usleep 300000
	(
		s=$(now_ms)
		timeout 120 "$IP" netns exec B nc "$A_ADDR" 5001 <"$tmp/src"
		echo "$? $(($(now_ms) - s))" >"$tmp/xfer"
	) &
	xfer_pid=$!
	sleep 1
	fail_port "$kind"
	wait "$xfer_pid"
	wait "$nc_pid" 2>/dev/null
	nc_pid=""
	trace_read "$XFER_LEN+"
	read -r xrc xms <"$tmp/xfer"
	if [ "$xrc" = 0 ] && cmp -s "$tmp/src" "$tmp/dst"; then
		xres="complete, content intact"
	else
		xres="FAILED (nc exit $xrc)"
	fi
	say "  result:"
	say "    active slave:         $before -> $after"
	milestones "$kind" "TCP segment"
	say "    TCP ${XFER_MB} MB B->A:       $xres, in $xms ms"
	keep "$kind" b
	eval "r_${kind}_x=\$xres"
	restore "$kind"
	stop_watch
	teardown
}

# row LABEL IBFO BOND: one line of the summary table.
row() { printf '  %-47s %-12s %s\n' "$1" "$2" "$3"; }

summary()
{
	title "summary: ms after the fault ([a] B pings A every 10 ms; [b] TCP transfer B->A)"
	row "" "ibfo0" "bond0 (miimon 100)"
	for _p in a b; do
		row "[$_p] port event seen by the master" \
			"$(ms "$(got ibfo $_p event_ms)")" "none: polls carrier every 100 ms"
		row "[$_p] switch to the other port" \
			"$(ms "$(got ibfo $_p switch_ms)")" "$(ms "$(got bond $_p switch_ms)")"
		[ -n "$(got ibfo $_p notify_ms)" ] &&
			row "[$_p] peers told (ibfo_notify)" "$(ms "$(got ibfo $_p notify_ms)")" "-"
		row "[$_p] first frame sent on the new port" \
			"$(ms "$(got ibfo $_p frame_ms)")" "$(ms "$(got bond $_p frame_ms)")"
		row "[$_p] B's ARP entry for A -> the new port" \
			"$(ms "$(got ibfo $_p neigh_ms)")" "$(ms "$(got bond $_p neigh_ms)")"
		if [ $_p = a ]; then
			row "[a] first ping from B received on the new port" \
				"$(ms "$(got ibfo a rx_ms)")" "$(ms "$(got bond a rx_ms)")"
			row "[a] pings lost" "${r_ibfo_lost:--}/${r_ibfo_tx:--}" "${r_bond_lost:--}/${r_bond_tx:--}"
			row "[a] longest run of lost pings (10 ms apart)" "${r_ibfo_gap:--} (~$((${r_ibfo_gap:-0} * 10)) ms)" "${r_bond_gap:--} (~$((${r_bond_gap:-0} * 10)) ms)"
			row "[a] slowest answered ping (round trip)" "${r_ibfo_rtt:--}" "${r_bond_rtt:--}"
		else
			row "[b] first TCP segment received on the new port" \
				"$(ms "$(got ibfo b rx_ms)")" "$(ms "$(got bond b rx_ms)")"
			row "[b] TCP transfer across failover" "${r_ibfo_x%%,*}" "${r_bond_x%%,*}"
		fi
	done
	say ""
	say "The fault instant: CLOCK_MONOTONIC just before fo_probe writes \"down\" to"
	say "the port's softib link file (as make bench does).  The milestones are"
	say "tracepoints recorded in the same clock (trace_clock mono):"
	say "  port event    ibfo_slave_state: ibfo marks the slave down"
	say "  switch        ibfo: ibfo_failover; bonding has no tracepoint: its kernel"
	say "                message \"$BOND_SWITCH\" (printk:console)"
	say "  frame sent    net_dev_xmit on the new port: the first frame of any kind"
	say "  ARP entry     neigh_update_done on B's port: B's entry for A holds the"
	say "                new port's address (B sends A's unicast there)"
	say "  received      netif_receive_skb on the new port: the first $PING_LEN-byte IP"
	say "                packet (B's echo request) for [a], the first of $XFER_LEN bytes or"
	say "                more (a TCP segment from B) for [b]"
	say "A ping answered late is not lost: the pings lost and their longest run"
	say "count only the pings never answered (ping -W 1), the slowest answer shows"
	say "how late the others came."
	say ""
	explain a
	explain b
	say "One run each under emulation, so the numbers vary from run to run:"
	say "repeat (make demo), or see make bench for many trials."
}

# explain PART: what the measured milestones of failover PART say; only
# what the trace shows.
explain()
{
	_ie=$(got ibfo "$1" event_ms) _is=$(got ibfo "$1" switch_ms)
	_ic=$(got ibfo "$1" event_cause) _bs=$(got bond "$1" switch_ms)
	if [ -n "$_ie" ] && [ -n "$_is" ]; then
		awk -v e="$_ie" -v s="$_is" -v c="$_ic" -v p="$1" 'BEGIN {
			printf "[%s] ibfo0 marked its active slave down %.1f ms after the fault%s\n", p, e, c == "" ? "" : " (cause \"" c "\")"
			printf "    and switched %.1f ms after that.\n", s - e }'
	fi
	if [ -n "$_bs" ]; then
		awk -v s="$_bs" -v p="$1" 'BEGIN {
			printf "[%s] bond0 gets no port event: it polls carrier every 100 ms (miimon 100);\n", p
			printf "    it switched %.1f ms after the fault.\n", s }'
	fi
	for _k in ibfo bond; do
		_n=$(got $_k "$1" neigh_ms) _r=$(got $_k "$1" rx_ms)
		if [ -z "$_n" ] || [ -z "$_r" ]; then
			continue
		fi
		awk -v k="$_k" -v n="$_n" -v r="$_r" -v s="$(got $_k "$1" switch_ms)" -v p="$1" 'BEGIN {
			printf "[%s] %s0: B sends to the port its ARP entry for A holds; that entry\n", p, k
			printf "    moved to the new port at %.1f ms", n
			if (s != "")
				printf " (%.1f ms after the switch)", n - s
			printf ",\n    and the first %s from B arrived there at %.1f ms (%.1f ms later).\n", p == "a" ? "ping" : "TCP segment", r, r - n }'
	done
	say ""
}

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup()
{
	teardown
	rmmod ibfo 2>/dev/null
	rmmod bonding 2>/dev/null
	rm -rf "$tmp"
	run_cleanups
}
trap cleanup EXIT

say "ibfo failover demo: $(uname -r), $(nproc) vCPUs under QEMU TCG (software emulation)"
say "Two hosts on softib, the software InfiniBand fabric:"
say "  A: two IB ports (softib0 port 1, port 2) joined by a failover device"
say "  B: one IB port (softib1 port 1)"
say "Times are from an emulated machine: compare the two runs, not absolute values."

[ -x "$FO_PROBE" ] || { say "$FO_PROBE not built (make -C tools/bench)"; exit 1; }
modprobe ib_ipoib || { say "ib_ipoib not available"; exit 1; }
modprobe ibfo || { say "ibfo.ko not available"; exit 1; }
# max_bonds=0: no stray bond0 in the initial namespace.
modprobe bonding max_bonds=0 || say "bonding not available: its run is skipped"

r_ibfo_x=- r_bond_x=-
rc=0
scenario ibfo "1/2  ibfo0: switches on the IB port event" || rc=1
if [ -d /sys/module/bonding ]; then
	scenario bond "2/2  bond0: active-backup, miimon 100 (polls carrier every 100 ms)" || rc=1
fi
summary
exit $rc
