# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=sh
# Failover measurement helpers, shared by tools/bench/failover.sh and
# throughput.sh (and by make demo).  Runs in the test guest (dash) as root.
# Source selftests/lib.sh and selftests/softib.lib first:
#
#   . /opt/ibfo/selftests/lib.sh
#   . /opt/ibfo/selftests/softib.lib
#   . /opt/ibfo/tools/bench/lib.sh
#
# The topology (fo_topology): host A (netns A) owns the ipoib netdevs of
# softib0 ports 1 and 2 ($fo_s1, $fo_s2), host B (netns B) the one of
# softib1 port 1 ($fo_b) with 10.20.0.2/24 and fd00:20::2/64.  A failover
# "system" (fo_setup SYSTEM) is a master in A over both ports with
# 10.20.0.1/24 and fd00:20::1/64:
#   ibfo      ibfo0, ibfo active-backup ("ip link add ibfo0 type ibfo")
#   bond100   bond0, bonding active-backup miimon 100
#   bond10    bond0, bonding active-backup miimon 10
#   team      team0, teamd activebackup runner, ethtool link watch
#   raw       no master: $fo_s1 itself carries the addresses (no failover)
# fo_trial then streams fo_probe datagrams through it, takes the active
# port down at a recorded instant and prints one JSON line per trial.
#
# For other scripts (make demo): set FO_DIR to this directory before
# sourcing when the script lives elsewhere, then
#   fo_topology                      hosts A and B
#   fo_setup SYSTEM / fo_teardown    one system at a time ($fo_why on failure)
#   fo_active, fo_port SLAVE         active slave, its softib port
#   fo_stream_start DIR LABEL SECS   a stream (DIR tx: A->B, rx: B->A; FO_V6=1
#   fo_stream_wait                   for IPv6) in the background, then its end
#   fo_link PORT up|down             a port's link; "$FO_PROBE fault -o
#                                    $fo_tmp/fault FILE down" records the
#                                    instant for the receiver's outage
#   fo_trial DIR N, fo_baseline DIR N  the whole measurement, as JSON
#   fo_trace_start FROM TO / fo_trace_stages FAULT_NS FROM TO
#                                    where the time goes (tracefs), as JSON
#   fo_trace_stop, fo_trace_milestones FAULT_NS FROM TO [RX [LOG]]
#                                    the same milestones and more, as lines
# Tunables: FO_RATE, FO_PRE, FO_POST, FO_HIST, FO_PORT, FO_SIZE (below).

FO_DIR=${FO_DIR:-$(cd "$(dirname "$0")" && pwd)}
FO_PROBE=${FO_PROBE:-$FO_DIR/fo_probe}
FO_RATE=${FO_RATE:-1000}	# datagrams per second
FO_PRE=${FO_PRE:-1}		# seconds of stream before the fault
FO_POST=${FO_POST:-2}		# seconds of stream after it
FO_HIST=${FO_HIST:-200}		# histogram: ms each side of the fault
FO_PORT=${FO_PORT:-7777}	# UDP port of the stream
FO_SIZE=${FO_SIZE:-64}		# UDP payload bytes per datagram
FO_A4=10.20.0.1 FO_B4=10.20.0.2 FO_A6=fd00:20::1 FO_B6=fd00:20::2
FO_TR=/sys/kernel/tracing
fo_tmp=$(mktemp -d)
defer "rm -rf $fo_tmp"

# fo_json_str S: S as a JSON string body (quotes and backslashes escaped,
# newlines as spaces).
fo_json_str() { printf '%s' "$1" | tr '\n' ' ' | sed 's/\\/\\\\/g; s/"/\\"/g'; }

# fo_topology: load softib (2 HCAs x 2 ports) and ipoib, build hosts A, B.
fo_topology()
{
	softib_load num_hcas=2 num_ports=2
	fo_s1=$(softibctl netdev softib0/1)
	fo_s2=$(softibctl netdev softib0/2)
	fo_b=$(softibctl netdev softib1/1)
	ns_add A || return 1
	"$IP" link set "$fo_s1" netns A || return 1
	"$IP" link set "$fo_s2" netns A || return 1
	"$IP" -n A link set lo up
	host B "$fo_b" "$FO_B4/24" "$FO_B6/64"
}

fo_hwaddr() { "$IP" -n "$1" -o link show dev "$2" 2>/dev/null | sed 's|.*link/infiniband \([^ ]*\).*|\1|'; }

# fo_port NETDEV: the softib port (softib0/1 or softib0/2) of a slave.
fo_port()
{
	if [ "$1" = "$fo_s1" ]; then echo softib0/1; else echo softib0/2; fi
}

# fo_link PORT up|down: set a softib port's link state (plain write).
fo_link() { sysw "$SOFTIB/devices/${1%/*}/port${1#*/}/link" "$2"; }

# fo_active: the active slave of the current system's master: the slave
# whose address the master carries (bonding forces fail_over_mac=active on
# IPoIB, ibfo and teamd's only_active policy do the same).
fo_active()
{
	if [ "$fo_sys" = raw ]; then
		echo "$fo_s1"
		return
	fi
	_m=$(fo_hwaddr A "$fo_master")
	for _s in "$fo_s1" "$fo_s2"; do
		[ -n "$_m" ] && [ "$(fo_hwaddr A "$_s")" = "$_m" ] && echo "$_s"
	done
}
fo_has_active() { [ -n "$(fo_active)" ]; }

# fo_addrs NETDEV: A's addresses on NETDEV, up.
fo_addrs()
{
	"$IP" -n A addr add "$FO_A4/24" dev "$1" || return 1
	"$IP" -n A addr add "$FO_A6/64" dev "$1" nodad || return 1
	"$IP" -n A link set "$1" up
}

# fo_setup SYSTEM: build SYSTEM in A (see the top of this file) and wait
# until A and B reach each other.  On failure: returns 1 with the reason in
# $fo_why, leaving nothing behind.
fo_setup()
{
	fo_sys=$1 fo_why="" fo_master=""
	case $1 in
	raw)
		fo_master=$fo_s1
		fo_addrs "$fo_s1" || fo_why="cannot address $fo_s1"
		;;
	ibfo | ibfo_mp | ibfo_cm)
		fo_master=ibfo0
		_mode=active-backup
		[ "$1" = ibfo_mp ] && _mode=multipath
		if [ "$1" = ibfo_cm ] && ! fo_cm_mode connected; then
			fo_why="cannot set connected mode"
		elif ! modprobe ibfo 2>"$fo_tmp/err"; then
			fo_why="modprobe ibfo: $(cat "$fo_tmp/err")"
		elif ! "$IP" -n A link add ibfo0 type ibfo mode $_mode \
			2>"$fo_tmp/err"; then
			fo_why="ip link add type ibfo: $(cat "$fo_tmp/err")"
		elif ! fo_enslave; then
			:
		fi
		;;
	bond100 | bond10)
		fo_master=bond0
		[ -d /sys/module/bonding ] || modprobe bonding max_bonds=0
		if ! "$IP" -n A link add bond0 type bond mode active-backup \
			miimon "${1#bond}" 2>"$fo_tmp/err"; then
			fo_why="ip link add type bond: $(cat "$fo_tmp/err")"
		else
			fo_enslave
		fi
		;;
	team)
		fo_master=team0
		fo_team_setup
		;;
	*)
		fo_why="unknown system $1"
		;;
	esac
	if [ -z "$fo_why" ] && [ "$1" != raw ]; then
		fo_addrs "$fo_master" || fo_why="cannot address $fo_master"
	fi
	if [ -z "$fo_why" ]; then
		if ! wait_for "$WAIT" fo_has_active; then
			fo_why="no active slave after ${WAIT}s"
		elif ! wait_for "$WAIT" ping_ok A "$FO_B4"; then
			fo_why="A cannot ping B"
		elif ! wait_for "$WAIT" ping_ok B "$FO_A4"; then
			fo_why="B cannot ping A"
		elif ! wait_for "$WAIT" ping_ok A "$FO_B6"; then
			fo_why="A cannot ping B over IPv6"
		fi
	fi
	[ -z "$fo_why" ] && return 0
	fo_dump >&2
	fo_teardown
	return 1
}

# fo_dump: the state of A and B, as "# " lines, for a failed setup.
fo_dump()
{
	{
		"$IP" -n A -d link show
		"$IP" -n A addr show
		"$IP" -n A neigh show
		"$IP" -n B link show
		"$IP" -n B neigh show
		softibctl show
		dmesg | tail -n 15
	} 2>&1 | sed 's/^/#   /'
}

# fo_enslave: both slaves into $fo_master (down first, as bonding wants).
fo_enslave()
{
	for _s in "$fo_s1" "$fo_s2"; do
		if ! "$IP" -n A link set "$_s" master "$fo_master" 2>"$fo_tmp/err"; then
			fo_why="enslave $_s: $(cat "$fo_tmp/err")"
			return 1
		fi
	done
}

# fo_cm_mode MODE: A's two ports and B's port in ipoib MODE (connected or
# datagram), with the largest MTU of that mode.
fo_cm_mode()
{
	_mtu=2044
	[ "$1" = connected ] && _mtu=65520
	cm_mode A "$fo_s1" "$1" && cm_mode A "$fo_s2" "$1" &&
		cm_mode B "$fo_b" "$1" "$_mtu"
}

# fo_team_setup: teamd (activebackup runner, ethtool link watch) in A.
# teamd comes from the host (GUEST_BINS=teamd); team has no IPoIB support
# of its own, so a refusal is the result, not an error of the benchmark.
fo_team_setup()
{
	if ! command -v teamd >/dev/null; then
		fo_why="teamd not in the guest (GUEST_BINS=teamd)"
		return 1
	fi
	modprobe team_mode_activebackup 2>/dev/null
	mkdir -p /var/run/teamd
	_cfg='{"device":"team0","runner":{"name":"activebackup","hwaddr_policy":"only_active"},"link_watch":{"name":"ethtool"},"ports":{"'$fo_s1'":{},"'$fo_s2'":{}}}'
	"$IP" -n A link set "$fo_s1" down
	"$IP" -n A link set "$fo_s2" down
	if ! nsx A teamd -d -r -c "$_cfg" >"$fo_tmp/err" 2>&1; then
		fo_why="teamd: $(tail -n 3 "$fo_tmp/err")"
		return 1
	fi
	if ! wait_for 5 "$IP" -n A link show dev team0; then
		fo_why="teamd: no team0: $(tail -n 3 "$fo_tmp/err")"
		return 1
	fi
	for _s in "$fo_s1" "$fo_s2"; do
		if ! "$IP" -n A -o link show dev "$_s" | grep -q "master team0"; then
			fo_why="team refused $_s: $(dmesg | grep -i team | tail -n 2)"
			return 1
		fi
	done
	"$IP" -n A link set "$fo_s1" up
	"$IP" -n A link set "$fo_s2" up
}

# fo_teardown: remove the current system; the slaves stay in A, down and
# without addresses, ports up.  B forgets A's old address.
fo_teardown()
{
	case $fo_sys in
	raw)
		"$IP" -n A addr flush dev "$fo_s1" 2>/dev/null
		;;
	team)
		nsx A teamd -k -t team0 >/dev/null 2>&1
		wait_for 5 sh -c "! '$IP' -n A link show dev team0"
		"$IP" -n A link del team0 2>/dev/null
		;;
	*)
		"$IP" -n A link del "$fo_master" 2>/dev/null
		;;
	esac
	[ "$fo_sys" = ibfo_cm ] && fo_cm_mode datagram
	for _s in "$fo_s1" "$fo_s2"; do
		"$IP" -n A link set "$_s" nomaster 2>/dev/null
		"$IP" -n A link set "$_s" down 2>/dev/null
		"$IP" -n A addr flush dev "$_s" 2>/dev/null
	done
	fo_link softib0/1 up 2>/dev/null
	fo_link softib0/2 up 2>/dev/null
	"$IP" -n B neigh flush dev "$fo_b" 2>/dev/null
	fo_sys="" fo_master=""
}

# fo_stream_start DIR LABEL SECS: start a stream, receiver first.  DIR tx:
# A (the failover host) sends to B; rx: B sends to A.  Sets fo_rpid and
# fo_spid; outputs go to $fo_tmp/{recv,send}.json.  The receiver reads the
# fault instant from $fo_tmp/fault when the stream ends.
fo_stream_start()
{
	if [ "$1" = tx ]; then
		_snd=A _rcv=B _to=$FO_B4
	else
		_snd=B _rcv=A _to=$FO_A4
	fi
	[ "${FO_V6:-0}" = 1 ] && { [ "$1" = tx ] && _to=$FO_B6 || _to=$FO_A6; }
	rm -f "$fo_tmp/fault" "$fo_tmp/recv.json" "$fo_tmp/send.json"
	"$IP" netns exec $_rcv "$FO_PROBE" recv -j -p "$FO_PORT" \
		-t $(($3 + 10)) -F "$fo_tmp/fault" -H "$FO_HIST" -l "$2" \
		>"$fo_tmp/recv.json" 2>"$fo_tmp/recv.err" &
	fo_rpid=$!
	wait_for 5 grep -q listening "$fo_tmp/recv.err"
	"$IP" netns exec $_snd "$FO_PROBE" send -j -p "$FO_PORT" \
		-r "$FO_RATE" -s "$FO_SIZE" -d "$3" "$_to" >"$fo_tmp/send.json" 2>&1 &
	fo_spid=$!
}

# fo_stream_wait: wait for both ends (the receiver stops at the sender's
# FIN, or 10 s after the stream's planned end).
fo_stream_wait()
{
	wait "$fo_spid"
	wait "$fo_rpid"
}

# fo_trial DIR N: one failover trial of the current system: stream for
# FO_PRE + FO_POST s, take the active slave's port down after FO_PRE s,
# then bring it back and wait until that slave has carrier again.  Prints
# one JSON line: system, direction, trial, the port, the slaves before and
# after, the script's view of the switch and recovery times, and the
# sender's and receiver's summaries (recv.outage: the outage).
fo_trial()
{
	_dir=$1 _n=$2
	_from=$(fo_active)
	_port=$(fo_port "$_from")
	_peer=$(fo_peer_sees)
	_new=$(fo_other "$_from")
	fo_trace_start "$_from" "$_new"
	fo_stream_start "$_dir" "$fo_sys/$_dir/$_n" $((FO_PRE + FO_POST))
	sleep "$FO_PRE"
	_fault=$("$FO_PROBE" fault -o "$fo_tmp/fault" \
		"$SOFTIB/devices/${_port%/*}/port${_port#*/}/link" down)
	_t0=$(now_ms)
	_switch_ms=null
	[ -n "$_fault" ] || _fault="null null"
	if [ "$fo_sys" != raw ] && fo_wait_switch "$_from"; then
		_switch_ms=$(($(now_ms) - _t0))
	fi
	fo_stream_wait
	_to=$(fo_active)
	_stages=$(fo_trace_stages "${_fault% *}" "$_from" "$_new")
	_t1=$(now_ms)
	fo_link "$_port" up
	_rec=null
	if wait_for "$WAIT" carrier A "$_from"; then
		_rec=$(($(now_ms) - _t1))
	fi
	# Until the peer path is whole again (B reaches A), whatever the
	# system: the next trial starts from a working state.
	wait_for "$WAIT" ping_ok B "$FO_A4"
	fo_settle
	printf '{"system":"%s","dir":"%s","trial":%s,"port":"%s","from":"%s","to":"%s","peer_sends_to":"%s","fault_ns":%s,"fault_write_ns":%s,"script_switch_ms":%s,"carrier_back_ms":%s,"stages":%s,"send":%s,"recv":%s}\n' \
		"$fo_sys" "$_dir" "$_n" "$_port" "$_from" "$_to" "$_peer" \
		"${_fault% *}" "${_fault#* }" "$_switch_ms" "$_rec" "$_stages" \
		"$(grep '^{' "$fo_tmp/send.json" 2>/dev/null || echo null)" \
		"$(grep '^{' "$fo_tmp/recv.json" 2>/dev/null || echo null)"
}

# fo_other SLAVE: the other slave of A (the one a failover switches to).
fo_other() { if [ "$1" = "$fo_s1" ]; then echo "$fo_s2"; else echo "$fo_s1"; fi; }

# Where the time goes: tracefs, in CLOCK_MONOTONIC (trace_clock mono), the
# clock of fo_probe's fault instant and datagram times, records
#   ibfo:ibfo_slave_state   ibfo saw the active slave fail (ibfo only)
#   ibfo:ibfo_failover      ibfo switched its active slave pointer
#   net:net_dev_xmit        frames sent on the new slave: the first of any
#                           kind (a peer notification, an ARP request or a
#                           datagram) and the first datagram of the stream
#   neigh:neigh_update_done B's neighbour entries on its port (the peer
#                           learning A's new port, whatever the system)
# fo_trace_why says why not, when tracing (or some event) is unavailable.
fo_trace_why="" fo_tracing=0

# fo_trace_event EVENT FILTER: enable a trace event with a filter.
fo_trace_event()
{
	_e=$FO_TR/events/$1
	[ -d "$_e" ] || return 1
	sysw "$_e/filter" "$2" && sysw "$_e/enable" 1
}

# fo_trace_start FROM TO: clear the trace buffer and enable the events of a
# failover from slave FROM to slave TO.
fo_trace_start()
{
	fo_trace_why="" fo_tracing=0
	[ -d $FO_TR/events ] || mount -t tracefs nodev $FO_TR 2>/dev/null
	if [ ! -d $FO_TR/events ]; then
		fo_trace_why="no tracefs in the guest"
		return 1
	fi
	sysw $FO_TR/tracing_on 0
	# One clock for the trace and the probe: CLOCK_MONOTONIC.
	if ! sysw $FO_TR/trace_clock mono; then
		fo_trace_why="no mono trace_clock"
		return 1
	fi
	sysw $FO_TR/events/enable 0
	: >$FO_TR/trace
	if [ "${fo_sys#ibfo}" != "$fo_sys" ]; then
		fo_trace_event ibfo/ibfo_slave_state "slave == \"$1\"" &&
			fo_trace_event ibfo/ibfo_failover "old_slave == \"$1\"" ||
			fo_trace_why="no ibfo tracepoints"
	fi
	fo_trace_event net/net_dev_xmit "name == \"$2\"" ||
		fo_trace_why="${fo_trace_why:+$fo_trace_why, }no net_dev_xmit"
	fo_trace_event neigh/neigh_update_done "dev == \"$fo_b\"" ||
		fo_trace_why="${fo_trace_why:+$fo_trace_why, }no neigh_update_done"
	sysw $FO_TR/tracing_on 1
	fo_tracing=1
}

# fo_trace_stages FAULT_NS FROM TO: stop tracing and print, as one JSON
# object, the milestones of the failover from FROM to TO after the fault
# instant, in ms after it (null: not in the trace):
#   event_ms    ibfo set FROM down (or going_down: a down delay)
#   switch_ms   ibfo's active slave pointer moved from FROM to TO
#   frame_ms    the first frame sent on TO (frame_len: its length)
#   data_ms     the first stream datagram sent on TO (a frame of its
#               length: payload, UDP/IPv4 28, IPoIB header 4 and the
#               pseudo header 20 that ipoib's xmit still carries)
#   neigh_ms    B's ARP entry for A's address points to TO
# and "error" when tracing was not available.
fo_trace_stages()
{
	if [ "$fo_tracing" != 1 ]; then
		printf '{"error":"%s"}\n' "$(fo_json_str "$fo_trace_why")"
		return
	fi
	fo_trace_stop
	# shellcheck disable=SC2016 # awk program
	fo_trace_milestones "$1" "$2" "$3" | awk -v why="$(fo_json_str "$fo_trace_why")" '
	{
		k = $1
		sub(/^[^ ]+ /, "")
		v[k] = $0
	}
	function put(k) { return (k in v) ? v[k] : "null" }
	END {
		printf "{\"event_ms\":%s,\"switch_ms\":%s,\"frame_ms\":%s,\"frame_len\":%s,\"data_ms\":%s,\"neigh_ms\":%s%s}\n",
			put("event_ms"), put("switch_ms"), put("frame_ms"),
			("frame_len" in v) ? v["frame_len"] + 0 : "null",
			put("data_ms"), put("neigh_ms"),
			why == "" ? "" : ",\"error\":\"" why "\""
	}'
}

# fo_trace_stop: stop tracing; the trace goes to $fo_tmp/trace.
fo_trace_stop()
{
	sysw $FO_TR/tracing_on 0
	sysw $FO_TR/events/enable 0
	cp $FO_TR/trace "$fo_tmp/trace"
}

# fo_trace_milestones FAULT_NS FROM TO [RX [LOG]]: the milestones of the
# failover from FROM to TO in $fo_tmp/trace (fo_trace_stop), one
# "NAME VALUE" line each, times in ms after FAULT_NS ("%.3f"); a milestone
# missing from the trace has no line.  The ones of fo_trace_stages
# (event_ms, switch_ms, frame_ms, frame_len, data_ms, neigh_ms), plus
#   event_cause  why ibfo set FROM down (the ibfo_slave_state cause)
#   rx_ms        the first frame received on TO (net:netif_receive_skb,
#                which the caller enables) of length RX ("N": exactly N
#                bytes, "N+": N or more; the IP packet, ipoib's headers
#                pulled), rx_len its length
#   log_ms       the first kernel message (printk:console, which the
#                caller enables) containing both "(slave TO)" and LOG
#   notify_ms    ibfo_notify (if the module has it): the first peer
#                notification, notify_arps and notify_nas its counts
fo_trace_milestones()
{
	_ha=$(fo_hwaddr A "$3" | tr -d ':' | tr 'A-F' 'a-f')
	# trace lines: TASK-PID [CPU] FLAGS SECS.USECS: EVENT: FIELDS
	# shellcheck disable=SC2016 # awk program
	awk -v f="${1:-0}" -v from="$2" -v to="$3" -v ha="${_ha#??}" \
		-v dlen=$((FO_SIZE + 28 + 24)) -v key="$FO_A4" \
		-v rx="${4:-}" -v logmsg="${5:-}" '
	function val(name,   j) {
		for (j = i + 2; j < NF; j++)
			if ($j == name)
				return $(j + 1)
		return ""
	}
	function put(name, v) { if (v != "") printf "%s %.3f\n", name, v }
	function fieldlen(   j) {
		for (j = i + 2; j <= NF; j++)
			if ($j ~ /^len=/)
				return substr($j, 5)
		return ""
	}
	BEGIN {
		rxmin = rx ~ /\+$/
		rxlen = rx
		sub(/\+$/, "", rxlen)
	}
	{
		for (i = 1; i <= NF; i++)
			if ($i ~ /^[0-9]+\.[0-9]+:$/)
				break
		if (i >= NF)
			next
		ts = $i
		sub(/:$/, "", ts)
		t = (ts * 1e9 - f) / 1e6
		if (f == 0 || t < 0)
			next
		ev = $(i + 1)
	}
	ev == "ibfo_slave_state:" && ev_ms == "" && $(i + 3) == from &&
	    ($(i + 6) == "down" || $(i + 6) == "going_down") {
		ev_ms = t
		cause = ""
		for (j = i + 7; j <= NF; j++)
			cause = cause (cause == "" ? "" : " ") $j
		gsub(/^\(|\)$/, "", cause)
	}
	ev == "ibfo_failover:" && sw_ms == "" && $(i + 3) == from &&
	    $(i + 5) == to { sw_ms = t }
	ev == "net_dev_xmit:" {
		len = fieldlen()
		if (fr_ms == "") {
			fr_ms = t
			fr_len = len
		}
		if (da_ms == "" && len == dlen)
			da_ms = t
	}
	ev == "neigh_update_done:" && nb_ms == "" && val("primary_key4") == key {
		l = val("lladdr")
		if (ha != "" && substr(l, length(l) - length(ha) + 1) == ha)
			nb_ms = t
	}
	ev == "netif_receive_skb:" && rx_ms == "" && rxlen != "" &&
	    $(i + 2) == "dev=" to {
		len = fieldlen()
		if (len == rxlen || (rxmin && len + 0 >= rxlen + 0)) {
			rx_ms = t
			rx_len = len
		}
	}
	ev == "console:" && lg_ms == "" && logmsg != "" &&
	    index($0, "(slave " to ")") && index($0, logmsg) { lg_ms = t }
	ev == "ibfo_notify:" && nt_ms == "" && $NF == "na" {
		nt_ms = t
		nt_arps = $(NF - 3)
		nt_nas = $(NF - 1)
	}
	END {
		put("event_ms", ev_ms)
		if (ev_ms != "" && cause != "")
			print "event_cause " cause
		put("switch_ms", sw_ms)
		put("frame_ms", fr_ms)
		if (fr_len != "")
			print "frame_len " fr_len
		put("data_ms", da_ms)
		put("neigh_ms", nb_ms)
		put("rx_ms", rx_ms)
		if (rx_ms != "")
			print "rx_len " rx_len
		put("log_ms", lg_ms)
		put("notify_ms", nt_ms)
		if (nt_ms != "")
			print "notify_arps " nt_arps "\nnotify_nas " nt_nas
	}' "$fo_tmp/trace"
}

# fo_peer_sees: the slave whose address B's ARP entry for A holds (B sends
# there; ibfo and bonding receive on every slave), "-" if none.
fo_peer_sees()
{
	_l=$("$IP" -n B neigh show "$FO_A4" | sed -n 's/.*lladdr \([^ ]*\).*/\1/p')
	for _s in "$fo_s1" "$fo_s2"; do
		[ -n "$_l" ] && [ "$(fo_hwaddr A "$_s")" = "$_l" ] && { echo "$_s"; return; }
	done
	echo -
}

# fo_wait_switch FROM: the master's active slave changes from FROM within
# FO_POST s (polled every 50 ms: the script's coarse view only).
fo_wait_switch()
{
	_end=$(($(now_ms) + FO_POST * 1000))
	while [ "$(now_ms)" -lt "$_end" ]; do
		_a=$(fo_active)
		[ -n "$_a" ] && [ "$_a" != "$1" ] && return 0
		usleep 20000
	done
	return 1
}

# fo_settle: after a port came back, the slave is usable to the master
# too (bonding's MII state follows at its next miimon tick); give it one
# second so the next trial's standby is really standing by.
fo_settle() { sleep 1; }

# fo_baseline DIR N: the same stream through the current system without a
# fault; the outage is the arrival gap at the would-be fault instant.
fo_baseline()
{
	_dir=$1 _n=$2
	fo_stream_start "$_dir" "$fo_sys/$_dir/base$_n" $((FO_PRE + FO_POST))
	sleep "$FO_PRE"
	"$FO_PROBE" now >"$fo_tmp/fault"
	fo_stream_wait
	printf '{"system":"%s","dir":"%s","trial":%s,"baseline":true,"send":%s,"recv":%s}\n' \
		"$fo_sys" "$_dir" "$_n" \
		"$(grep '^{' "$fo_tmp/send.json" 2>/dev/null || echo null)" \
		"$(grep '^{' "$fo_tmp/recv.json" 2>/dev/null || echo null)"
}

# fo_busy: busy and total jiffies of all CPUs ("BUSY TOTAL").
fo_busy() { awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t - $5 - $6, t }' /proc/stat; }
# fo_fabric_pkts: packets sent by every softib port.
fo_fabric_pkts() { cat "$SOFTIB"/devices/*/port*/stats/tx_packets | awk '{ s += $1 } END { print s + 0 }'; }

# fo_iperf TEST IPERF3-ARGS...: one iperf3 run of $secs s from A to B
# ($FO_B4).  Sets _rc (iperf3's status), _v and _unit (receiver's pps for
# a TEST named udp*, else Mbit/s: the SUM line with -P, else the one
# stream's), _dp (packets softib carried), _cpu (us of CPU per packet,
# or null) and _util (busy share of all CPUs, or null).
# shellcheck disable=SC2154 # secs is the caller's run length
fo_iperf()
{
	_test=$1
	shift
	"$IP" netns exec B iperf3 -s -1 -p 5201 >/dev/null 2>&1 &
	_srv=$!
	wait_for 5 listening B 5201
	# shellcheck disable=SC2046 # split into positional parameters
	set -- $(fo_busy) $(fo_fabric_pkts) "$@"
	_b0=$1 _t0=$2 _p0=$3
	shift 3
	nsx A iperf3 -c "$FO_B4" -p 5201 -t "$secs" -f m "$@" >"$fo_tmp/iperf" 2>&1
	_rc=$?
	# shellcheck disable=SC2046 # split into positional parameters
	set -- $(fo_busy) $(fo_fabric_pkts)
	_db=$(($1 - _b0)) _dt=$(($2 - _t0)) _dp=$(($3 - _p0))
	wait $_srv 2>/dev/null
	case $_test in
	udp*)
		# receiver line: ... Mbits/sec  J ms  LOST/TOTAL (P%)  receiver
		_v=$(awk -v s="$secs" '/receiver/ { for (i = 1; i <= NF; i++)
			if ($i ~ /^[0-9]+\/[0-9]+$/) { split($i, f, "/"); v = (f[2] - f[1]) / s } }
			END { printf "%.0f\n", v }' "$fo_tmp/iperf")
		_unit=pps
		;;
	*)
		_v=$(awk '/receiver/ { for (i = 1; i < NF; i++)
			if ($(i + 1) == "Mbits/sec") v = $i } END { print v + 0 }' "$fo_tmp/iperf")
		_unit=Mbit/s
		;;
	esac
	# USER_HZ is 100: a jiffy of /proc/stat is 10 ms.
	_cpu=$(awk -v b="$_db" -v p="$_dp" 'BEGIN { if (p > 0) printf "%.2f", b * 10000 / p; else print "null" }')
	_util=$(awk -v b="$_db" -v t="$_dt" 'BEGIN { if (t > 0) printf "%.3f", b / t; else print "null" }')
	[ $_rc -eq 0 ] || log "${fo_sys:+$fo_sys }$_test: iperf3 failed: $(tail -n 2 "$fo_tmp/iperf")"
}
