#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo port-flap storm: hosts A and B each run ibfo0 over two IPoIB ports
# (A: softib0/1, softib0/2; B: softib1/1, softib1/2).  While TCP (back to
# back transfers A -> B, content checked) and UDP (a stream each way)
# run through ibfo, a seeded random sequence of port events hits the four
# ports: link down, link up, LID change, client reregister.  Then every
# port comes back and: both hosts ping, the TCP transfer in flight
# arrives intact (none corrupt, no established connection broken), UDP
# got through; in multipath both slaves of each host carry
# flows, in active-backup a failover still works; each master's packet
# and byte counters equal the sum of its slaves' (exact: ibfo counts both
# in the same place); no refcount warning.  Runs in both modes.
#   FLAP_COUNT  events per mode (default 60, 25 on the debug kernel;
#               make stress runs 10000)
#   FLAP_SEED   seed of the event sequence (default 1; printed)
#   FLAP_MODES  the modes, in order, comma-separated (default both; on
#               the debug kernel multipath only, to keep make check's
#               time in bounds: there recovery from the storm alone took
#               150 s in active-backup; make stress runs both)
# The sequence of events is reproducible from the seed; their timing
# against the traffic is not.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

seed=${FLAP_SEED:-1}
count=${FLAP_COUNT:-$([ -n "$SLOW" ] && echo 25 || echo 60)}
# A TCP transfer may sit in retransmission backoff for a while after the
# storm: generous, but bounded.
XFER_SECS=$((WAIT * 6))
# The IPoIB broadcast group of P_Key 0xffff, as ipoib's debugfs writes it.
BCAST_GID=ff12:401b:ffff:0:0:0:ffff:ffff

softib_load num_hcas=2 num_ports=2
require_probe
ibfo_load
two_hosts
dmesg_start=$(dmesg | wc -l)
ipoib_debugfs_need

ns_add A
ns_add B
"$IP" -n A link set lo up
"$IP" -n B link set lo up
for s in "$a1" "$a2"; do "$IP" link set "$s" netns A; done
for s in "$b1" "$b2"; do "$IP" link set "$s" netns B; done

work=$(mktemp -d)
defer "rm -rf $work"
head -c 2000000 /dev/urandom >"$work/src"
src_md5=$(md5 "$work/src")

# The four ports, as port index 0..3 -> sysfs directory.
pdir()
{
	case $1 in
	0) echo "$SOFTIB/devices/softib0/port1" ;;
	1) echo "$SOFTIB/devices/softib0/port2" ;;
	2) echo "$SOFTIB/devices/softib1/port1" ;;
	3) echo "$SOFTIB/devices/softib1/port2" ;;
	esac
}

# rand: next number (0..32767) of a seeded LCG into r; the state is
# global, so never call it in a subshell.
rnd=$seed
rand()
{
	rnd=$(((rnd * 1103515245 + 12345) % 2147483648))
	r=$((rnd / 65536 % 32768))
}

# Total events over both modes, for the closing line.
tot_ev=0

# storm N: N random events on the four ports; sets nd nu nl nr (downs,
# ups, LID changes, reregisters), nbad (writes the kernel refused) and
# storm_ms.  A down port is brought up with probability 3/4 and gets a
# LID change or reregister otherwise; an up port goes down with 3/8,
# changes LID with 2/8, is reregistered with 3/8.  So a port is down
# about a third of the time and both of a host's ports at once now and
# then.  Port i takes LIDs from 0x1000 * (i + 1) up, never one in use.
# One event in four is followed by a pause of up to 20 ms.
storm()
{
	nd=0 nu=0 nl=0 nr=0 nbad=0
	for _i in 0 1 2 3; do eval "up$_i=1"; done
	_t0=$(now_ms)
	_n=0
	while [ $_n -lt "$1" ]; do
		rand
		_p=$((r % 4))
		_d=$(pdir $_p)
		rand
		_k=$((r % 8))
		_up=
		eval "_up=\$up$_p"
		if [ "$_up" = 1 ]; then
			if [ $_k -lt 3 ]; then _e=down
			elif [ $_k -lt 5 ]; then _e=lid
			else _e=rereg
			fi
		else
			if [ $_k -lt 6 ]; then _e=up
			elif [ $_k -lt 7 ]; then _e=lid
			else _e=rereg
			fi
		fi
		case $_e in
		down)
			echo down 2>/dev/null >"$_d/link" || nbad=$((nbad + 1))
			eval "up$_p=0"
			nd=$((nd + 1)) ;;
		up)
			echo up 2>/dev/null >"$_d/link" || nbad=$((nbad + 1))
			eval "up$_p=1"
			nu=$((nu + 1)) ;;
		lid)
			rand
			_lid=$((0x1000 * (_p + 1) + r % 0x1000))
			[ "$_lid" = "$(cat "$_d/lid")" ] && _lid=$((_lid ^ 1))
			echo $_lid 2>/dev/null >"$_d/lid" || nbad=$((nbad + 1))
			nl=$((nl + 1)) ;;
		rereg)
			echo 1 2>/dev/null >"$_d/reregister" || nbad=$((nbad + 1))
			nr=$((nr + 1)) ;;
		esac
		rand
		[ $((r % 4)) = 0 ] && usleep $((r % 21 * 1000))
		_n=$((_n + 1))
		[ $((_n % 1000)) = 0 ] &&
			log "storm: $_n events, $((($(now_ms) - _t0) / 1000)) s"
	done
	storm_ms=$(($(now_ms) - _t0))
	tot_ev=$((tot_ev + _n))
}

# counters NS DEV: "tx_packets tx_bytes rx_packets rx_bytes" of master
# DEV (its own statistics) in NS.
counters()
{
	"$IP" -n "$1" -s link show dev "$2" | awk '
		/RX:/ { getline; rb = $1; rp = $2 }
		/TX:/ { getline; tb = $1; tp = $2 }
		END { print tp, tb, rp, rb }'
}

# slave_sum NS SLAVE...: the same four, summed over what ibfo counted
# for each slave ("ip -d -s link show": tx_packets N ...).
slave_sum()
{
	_ns=$1
	shift
	for _s in "$@"; do
		"$IP" -n "$_ns" -d -s link show dev "$_s"
	done | awk '
		{ for (i = 1; i < NF; i++) v[$i] += $(i + 1) }
		END { print v["tx_packets"] + 0, v["tx_bytes"] + 0,
			    v["rx_packets"] + 0, v["rx_bytes"] + 0 }'
}

# counters_add_up NS SLAVE1 SLAVE2: the master's counters equal the sum
# of its slaves'.  ARP or ND may pass while we read: a sample counts only
# if the master's counters did not move across it; up to 10 samples.
counters_add_up()
{
	_k=0
	while [ $_k -lt 10 ]; do
		_m1=$(counters "$1" ibfo0)
		_sum=$(slave_sum "$@")
		_m2=$(counters "$1" ibfo0)
		if [ "$_m1" = "$_m2" ] && [ "$_m1" = "$_sum" ]; then
			log "$1: ibfo0 tx_packets tx_bytes rx_packets rx_bytes: $_m1 = sum over $2 $3"
			return 0
		fi
		_k=$((_k + 1))
		usleep 100000
	done
	log "$1: ibfo0 counters $_m2, sum over $2 $3: $_sum"
	return 1
}

# tcp_loop: back-to-back 2 MB transfers A -> B until $work/stop exists;
# writes "intact corrupt broken stalled unconnected last" to $work/tcp.
# A transfer that fails with nothing received may have found B
# unreachable at connect time (neighbour resolution failed during the
# storm): unconnected.  One the sender gave up after XFER_SECS (from the
# storm's end for the one in flight then): stalled (a long storm can
# hold TCP in retransmission backoff that long).  One
# that fails otherwise after data arrived is broken: an established
# connection must survive any outage.  last: what became of the transfer
# in flight when the storm ended.  Run in the background.
tcp_loop()
{
	_ok=0 _bad=0 _broken=0 _stall=0 _unc=0 _last=none
	while [ ! -e "$work/stop" ]; do
		if ! nc_listen B 5001 >"$work/dst"; then
			kill $! 2>/dev/null
			_unc=$((_unc + 1)) _last=unconnected
			continue
		fi
		_rpid=$!
		"$IP" netns exec A nc 10.60.0.2 5001 <"$work/src" &
		_spid=$!
		# Give up after XFER_SECS, counted again from the storm's end
		# for the transfer in flight then: a storm of make stress's
		# size outlasts XFER_SECS itself.
		_t=0 _calm=
		while kill -0 $_spid 2>/dev/null; do
			if [ -z "$_calm" ] && [ -e "$work/calm" ]; then
				_t=0 _calm=1
			fi
			if [ $_t -ge $((XFER_SECS * 5)) ]; then
				kill $_spid 2>/dev/null
				break
			fi
			usleep 200000
			_t=$((_t + 1))
		done
		wait $_spid
		_src=$?
		[ $_src -eq 0 ] || kill $_rpid 2>/dev/null
		wait $_rpid
		if [ $_src -eq 0 ]; then
			if [ "$(md5 "$work/dst")" = "$src_md5" ]; then
				_ok=$((_ok + 1)) _last=intact
			else
				_bad=$((_bad + 1)) _last=corrupt
			fi
		elif [ $_src -eq 124 ] || [ $_src -eq 143 ]; then
			# coreutils' timeout: 124; busybox's: the SIGTERM.
			_stall=$((_stall + 1)) _last=stalled
		elif [ -s "$work/dst" ]; then
			_broken=$((_broken + 1)) _last=broken
		else
			_unc=$((_unc + 1)) _last=unconnected
			sleep 1
		fi
	done
	echo "$_ok $_bad $_broken $_stall $_unc $_last" >"$work/tcp"
}

# udp_received PORT: the "received=N" of fo_probe's summary in
# $work/udpPORT.
udp_received()
{
	sed -n 's/.*received=\([0-9]*\).*/\1/p' "$work/udp$1"
}

# all_ports_back: every port up, ACTIVE, and reregistered, as an SM
# would after LID changes, so that each host forgets its stale paths.
all_ports_back()
{
	for _p in 0 1 2 3; do
		echo up >"$(pdir $_p)/link"
	done
	for _p in softib0/1 softib0/2 softib1/1 softib1/2; do
		check "$_p ACTIVE again" wait_for "$WAIT" \
			sh -c "grep -q ACTIVE $IB/${_p%/*}/ports/${_p#*/}/state"
	done
	for _p in 0 1 2 3; do
		echo 1 >"$(pdir $_p)/reregister"
	done
}

# failover_diag: after a failed ping across the failover, what each side
# knows of the other: neighbours, LIDs, ipoib's paths, slave counters.
failover_diag()
{
	for _h in A B; do
		log "$_h: $("$IP" -n $_h -d link show dev ibfo0 | grep -o 'active_slave [^ ]*')"
		"$IP" -n $_h neigh show dev ibfo0 | sed "s/^/#   $_h neigh: /"
	done
	for _p in softib0/1 softib0/2 softib1/1 softib1/2; do
		log "$_p: lid $(cat "$IB/${_p%/*}/ports/${_p#*/}/lid")"
	done
	for _s in "$a1" "$a2" "$b1" "$b2"; do
		_n=A
		[ "$_s" = "$b1" ] || [ "$_s" = "$b2" ] && _n=B
		log "$_s ($_n): $(lladdr $_n "$_s")"
		"$IP" -n $_n -s link show dev "$_s" | sed -n '/RX:/,$p' | sed "s/^/#   $_s: /"
		cat "$DBG/${_s}_path" 2>/dev/null | sed "s/^/#   $_s path: /"
	done
	for _f in /sys/kernel/debug/ibfo/*-*; do
		sed "s|^|#   ${_f##*/}: |" "$_f" 2>/dev/null
	done
}

# slave_ok NS SLAVE MODE: SLAVE is usable for NS's ibfo0 (multipath:
# active; active-backup: active or backup).
# shellcheck disable=SC2317 # run through wait_for
slave_ok()
{
	case $(state "$2" "$1") in
	active) return 0 ;;
	backup) [ "$3" = active-backup ] ;;
	*) return 1 ;;
	esac
}

# mp_flows FROM TO ADDR F1 F2 T1 T2: 16 UDP flows of 20 datagrams (+5
# FIN) FROM -> ADDR in TO, at once, from one shell in FROM;
# sets f1 f2 (what FROM's slaves F1 F2 sent) and g1 g2 (what TO's slaves
# T1 T2 received).
mp_flows()
{
	_f1=$(slave_counter "$1" "$4" tx_packets)
	_f2=$(slave_counter "$1" "$5" tx_packets)
	_g1=$(slave_counter "$2" "$6" rx_packets)
	_g2=$(slave_counter "$2" "$7" rx_packets)
	nsx "$1" sh -c "for p in \$(seq 7301 7316); do
		$PROBE send -r 500 -n 20 -p \$p $3 >/dev/null 2>&1 & done; wait"
	f1=$(($(slave_counter "$1" "$4" tx_packets) - _f1))
	f2=$(($(slave_counter "$1" "$5" tx_packets) - _f2))
	g1=$(($(slave_counter "$2" "$6" rx_packets) - _g1))
	g2=$(($(slave_counter "$2" "$7" rx_packets) - _g2))
	log "16 flows $1 -> $2: $1 sent $f1 on $4, $f2 on $5; $2 got $g1 on $6, $g2 on $7"
}
# spread ARGS: mp_flows ARGS until each of the four slaves carried at
# least 20 datagrams (one flow), up to 5 times (the hosts may still be
# relearning each other's ports).  All 16 flows on one slave: 2^-15.
spread()
{
	_t=1
	while :; do
		mp_flows "$@"
		[ "$f1" -ge 20 ] && [ "$f2" -ge 20 ] && [ "$g1" -ge 20 ] &&
			[ "$g2" -ge 20 ] && return 0
		[ $_t -ge 5 ] && return 1
		_t=$((_t + 1))
		sleep 1
	done
}

# moved_off OLD: A's ibfo0 has an active slave other than OLD.
# shellcheck disable=SC2317 # run through wait_for
moved_off() { _c=$(active A); [ -n "$_c" ] && [ "$_c" != "$1" ]; }

# run_mode MODE: build both hosts' ibfo0 in MODE, storm under traffic,
# recover, check.
run_mode()
{
	mode=$1
	log "=== mode $mode"
	for h in A B; do
		# Striping (checked below) needs each to read the other's ports.
		check "$h: create ibfo0 ($mode)" \
			"$IP" -n $h link add ibfo0 type ibfo mode "$mode" \
			peer_discovery on
	done
	for s in "$a1" "$a2"; do
		check "A: enslave $s" "$IP" -n A link set "$s" master ibfo0
	done
	for s in "$b1" "$b2"; do
		check "B: enslave $s" "$IP" -n B link set "$s" master ibfo0
	done
	addrs_up A ibfo0 10.60.0.1/24
	addrs_up B ibfo0 10.60.0.2/24
	check "A pings B" wait_for "$WAIT" ping_ok A 10.60.0.2
	check "B pings A" wait_for "$WAIT" ping_ok B 10.60.0.1

	# Traffic: TCP A -> B back to back, UDP 200/s each way.
	rm -f "$work/stop" "$work/tcp" "$work/calm"
	tcp_loop &
	tcp_pid=$!
	"$IP" netns exec B "$PROBE" recv -p 7201 -t 100000 >"$work/udp7201" 2>/dev/null &
	ur1=$!
	"$IP" netns exec A "$PROBE" recv -p 7202 -t 100000 >"$work/udp7202" 2>/dev/null &
	ur2=$!
	usleep 300000
	"$IP" netns exec A "$PROBE" send -r 200 -d 100000 -p 7201 10.60.0.2 \
		>/dev/null 2>&1 &
	us1=$!
	"$IP" netns exec B "$PROBE" send -r 200 -d 100000 -p 7202 10.60.0.1 \
		>/dev/null 2>&1 &
	us2=$!
	usleep 300000

	storm "$count"
	touch "$work/calm"
	log "storm done: $count events (seed $seed) in $storm_ms ms, mode $mode"
	check_eq "every port event accepted by softib" 0 "$nbad"
	tr=$(now_ms)

	all_ports_back
	for s in "$a1" "$a2"; do
		check "A: $s usable again" wait_for "$WAIT" slave_ok A "$s" "$mode"
	done
	for s in "$b1" "$b2"; do
		check "B: $s usable again" wait_for "$WAIT" slave_ok B "$s" "$mode"
	done
	check "A pings B after the storm" wait_for "$WAIT" ping_ok A 10.60.0.2
	check "B pings A after the storm" wait_for "$WAIT" ping_ok B 10.60.0.1
	tr=$(($(now_ms) - tr))
	log "recovered (every slave usable, pings both ways) $tr ms after the storm"

	# Stop the traffic: the TCP transfer in flight must finish.
	kill $us1 $us2 2>/dev/null
	wait $us1 $us2 2>/dev/null
	usleep 300000
	kill $ur1 $ur2 2>/dev/null
	wait $ur1 $ur2 2>/dev/null
	touch "$work/stop"
	check "the TCP transfer in flight ends" \
		wait_for $((XFER_SECS + 10)) test -s "$work/tcp"
	wait $tcp_pid 2>/dev/null
	read -r tok tbad tbroken tstall tunc tlast <"$work/tcp" 2>/dev/null
	log "TCP A -> B: ${tok:-?} transfers of 2 MB intact, ${tbad:-?} corrupt, ${tbroken:-?} broken, ${tstall:-?} stalled > $XFER_SECS s, ${tunc:-?} unconnected; the last one ${tlast:-?}"
	check_eq "TCP: the transfer in flight at the end arrived intact" \
		intact "${tlast:-?}"
	check_eq "TCP: no transfer corrupt" 0 "${tbad:-?}"
	check_eq "TCP: no established connection broken" 0 "${tbroken:-?}"
	u1=$(udp_received 7201)
	u2=$(udp_received 7202)
	log "UDP at 200/s: A -> B ${u1:-?} received, B -> A ${u2:-?} received"
	check "UDP A -> B got through (${u1:-?})" [ "${u1:-0}" -gt 0 ]
	check "UDP B -> A got through (${u2:-?})" [ "${u2:-0}" -gt 0 ]

	if [ "$mode" = multipath ]; then
		if spread A B 10.60.0.2 "$a1" "$a2" "$b1" "$b2"; then
			pass "A -> B: both of A's and of B's slaves carry flows"
		else
			fail "A -> B: both of A's and of B's slaves carry flows"
		fi
		if spread B A 10.60.0.1 "$b1" "$b2" "$a1" "$a2"; then
			pass "B -> A: both of B's and of A's slaves carry flows"
		else
			fail "B -> A: both of B's and of A's slaves carry flows"
		fi
	else
		# A's active port dies: B still reaches A over the other.
		# First every port's ipoib must be back in its broadcast
		# group: after a client reregister ipoib leaves and rejoins
		# it with carrier on, and a join that fails backs off for
		# seconds, during which the broadcast gratuitous ARPs of a
		# failover do not reach B (ibfo.rst, "Not covered").
		for s in "$a1" "$a2" "$b1" "$b2"; do
			check "$s is back in its broadcast group" \
				wait_for "$WAIT" ipoib_complete "$s" mcg "$BCAST_GID"
		done
		old=$(active A)
		port=$(port_of "$old")
		check "A has an active slave ($old)" [ -n "$port" ]
		softibctl port "$port" link down
		check "A fails over from $old" wait_for "$WAIT" moved_off "$old"
		check "B pings A after the failover" wait_for "$WAIT" ping_ok B 10.60.0.1 ||
			failover_diag
		softibctl port "$port" link up
		check "A: $old usable again" wait_for "$WAIT" slave_ok A "$old" "$mode"
		check "A pings B at the end" wait_for "$WAIT" ping_ok A 10.60.0.2
	fi

	ctr=exact
	for h in A B; do
		if [ $h = A ]; then set -- "$a1" "$a2"; else set -- "$b1" "$b2"; fi
		if counters_add_up $h "$@"; then
			pass "$h: ibfo0 counters = sum of its slaves'"
		else
			fail "$h: ibfo0 counters = sum of its slaves'"
			ctr=MISMATCH
		fi
	done
	echo "# flap storm: $count events ($nd down, $nu up, $nl lid, $nr rereg) in $((storm_ms / 1000)).$((storm_ms % 1000 / 100)) s, mode $mode, seed $seed, TCP ${tok:-?} x 2 MB intact (${tstall:-?} stalled), UDP ${u1:-?}+${u2:-?} received, recovered in $((tr / 1000)).$((tr % 1000 / 100)) s, counters $ctr"

	for h in A B; do
		check "$h: delete ibfo0" "$IP" -n $h link del ibfo0
	done
}

modes=$(echo "${FLAP_MODES:-$([ -n "$SLOW" ] && echo multipath ||
	echo active-backup,multipath)}" | tr ',' ' ')
t_start=$(now_ms)
for m in $modes; do
	run_mode "$m"
done
log "flap storm total: $tot_ev events in $modes, $(($(now_ms) - t_start)) ms in all"
check "no refcount warning or netdev held" sh -c \
	"! dmesg | tail -n +$((dmesg_start + 1)) | grep -E 'refcount_t|unregister_netdevice: waiting'"

ksft_exit
