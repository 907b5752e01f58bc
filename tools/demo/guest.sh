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
# Nothing here asserts a time: TCG timing varies from run to run.  The
# exit status is non-zero only if the setup itself fails.

IP=/sbin/ip
PATH=/opt/ibfo/tools/softib:$PATH
A_ADDR=10.20.0.1
B_ADDR=10.20.0.2
PINGS=300		# at 10 ms: 3 s of pings around the fault
XFER_MB=12		# TCP transfer size
WAIT=20			# seconds to wait for any expected state

tmp=$(mktemp -d)

say() { printf '%s\n' "$*"; }
title()
{
	say ""
	say "=== $* ==="
}
step() { say "--- $*"; }

# wait_for SECONDS CMD...: poll CMD every 20 ms until it succeeds.
wait_for()
{
	_end=$(($(date +%s) + $1))
	shift
	while ! "$@" >/dev/null 2>&1; do
		[ "$(date +%s)" -ge "$_end" ] && return 1
		usleep 20000
	done
}

# Kernel log timestamp now, in microseconds (the clock dmesg uses).
kmsg_mark()
{
	echo "ibfo-demo: $*" >/dev/kmsg
}

# watch_kmsg: print, live, the kernel messages of ibfo, bonding, ipoib
# and our markers that are logged from now on, with their time relative
# to the last "port ... down" marker.
watch_kmsg()
{
	_since=$(awk '{ printf "%d\n", $1 * 1000000 }' /proc/uptime)
	rm -f "$tmp/kfifo"
	mkfifo "$tmp/kfifo"
	awk -F';' -v since="$_since" '
		NF < 2 { next }
		{
			split($1, h, ",")
			t = h[3] + 0
			if (t < since)
				next
			msg = $2
			if (msg !~ /ibfo0|bond0|ibfo-demo/)
				next
			if (msg ~ /ibfo-demo: .* down/)
				t0 = t
			if (t0)
				printf "    kernel  +%7.1f ms  %s\n", (t - t0) / 1000, msg
			else
				printf "    kernel   %10s  %s\n", "", msg
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

# switch_ms KIND: "SW EV": ms between the last port-down marker and the
# switch message in the kernel log, and (ibfo only) between the marker and
# the IB port event as ibfo logged it ("-" if none).
switch_ms()
{
	case $1 in
	ibfo) _re='ibfo0: active slave' ;;
	bond) _re='bond0: .*making interface.* new active one' ;;
	esac
	dmesg 2>/dev/null | tr -d '\r' | awk -v re="$_re" '
		{
			if (!match($0, /\[ *[0-9]+\.[0-9]+\]/))
				next
			ts = substr($0, RSTART + 1, RLENGTH - 2) + 0
		}
		/ibfo-demo: .* down/ { t0 = ts; done = 0; ev = "-"; next }
		t0 && ev == "-" && /ibfo0: .* port [0-9]+ down/ { ev = sprintf("%.1f", (ts - t0) * 1000) }
		t0 && !done && $0 ~ re { d = (ts - t0) * 1000; done = 1 }
		END { if (done) printf "%.1f %s\n", d, ev; else print "- -" }'
}

netdev_of() { softibctl netdev "$1"; }

# active KIND: the active slave of A's master.
active()
{
	case $1 in
	ibfo)
		$IP -n A -d link show dev ibfo0 |
			sed -n 's/.* active_slave \([^ ]*\).*/\1/p' ;;
	bond)
		$IP netns exec A cat /proc/net/bonding/bond0 |
			awk -F': ' '/^Currently Active Slave/ { print $2 }' ;;
	esac
}
# shellcheck disable=SC2317 # run through wait_for
active_is_not() { _a=$(active "$1"); [ -n "$_a" ] && [ "$_a" != None ] && [ "$_a" != "$2" ]; }
# shellcheck disable=SC2317 # run through wait_for
has_active() { _a=$(active "$1"); [ -n "$_a" ] && [ "$_a" != None ]; }
# shellcheck disable=SC2317 # run through wait_for
ping_ok() { $IP netns exec "$1" ping -c 1 -W 1 "$2"; }

# port_of NETDEV: softibN/P of one of A's ports.
port_of()
{
	if [ "$1" = "$s1" ]; then echo softib0/1; else echo softib0/2; fi
}

# slave_lines KIND: one line per slave of A's master with its state.
slave_lines()
{
	for _s in "$s1" "$s2"; do
		if [ "$1" = ibfo ]; then
			$IP -n A -d link show dev "$_s" |
				sed -n 's/^ *ibfo_slave \(state [^ ]*\).*\(port_state [^ ]*\).*\(failure_count [0-9]*\).*/\1 \2 \3/p' |
				sed "s|^|      $_s ($(port_of "$_s")): |"
		else
			$IP netns exec A cat /proc/net/bonding/bond0 |
				awk -v s="$_s" '/^Slave Interface/ { c = $3 }
					c == s && /^MII Status/ { m = $3 }
					c == s && /^Link Failure Count/ { f = $4 }
					END { print "MII " m ", link failures " f }' |
				sed "s|^|      $_s ($(port_of "$_s")): |"
		fi
	done
}

# setup KIND: a fresh softib fabric, hosts A and B, A's master over two
# ports, addresses; waits until A and B ping each other.
setup()
{
	modprobe softib num_hcas=2 num_ports=2 || return 1
	for _p in softib0/1 softib0/2 softib1/1 softib1/2; do
		wait_for "$WAIT" netdev_of "$_p" || { say "no ipoib netdev for $_p"; return 1; }
	done
	s1=$(netdev_of softib0/1)
	s2=$(netdev_of softib0/2)
	b=$(netdev_of softib1/1)
	$IP netns add A && $IP netns add B || return 1
	$IP link set "$s1" netns A && $IP link set "$s2" netns A &&
		$IP link set "$b" netns B || return 1
	$IP -n A link set lo up
	$IP -n B link set lo up
	case $1 in
	ibfo)
		master=ibfo0
		step "host A: ip link add ibfo0 type ibfo mode active-backup; ip link set $s1 master ibfo0; ip link set $s2 master ibfo0"
		$IP -n A link add ibfo0 type ibfo mode active-backup || return 1
		;;
	bond)
		master=bond0
		step "host A: ip link add bond0 type bond mode active-backup miimon 100; ip link set $s1 master bond0; ip link set $s2 master bond0"
		$IP -n A link add bond0 type bond mode active-backup miimon 100 || return 1
		;;
	esac
	$IP -n A link set "$s1" master "$master" && $IP -n A link set "$s2" master "$master" || return 1
	$IP -n A addr add $A_ADDR/24 dev "$master"
	$IP -n A link set "$master" up
	step "host B: $b (softib1/1), plain IPoIB"
	$IP -n B addr add $B_ADDR/24 dev "$b"
	$IP -n B link set "$b" up
	wait_for "$WAIT" has_active "$1" || { say "no active slave"; return 1; }
	wait_for "$WAIT" ping_ok A $B_ADDR || { say "A cannot ping B"; return 1; }
	wait_for "$WAIT" ping_ok B $A_ADDR || { say "B cannot ping A"; return 1; }
	step "A ($A_ADDR on $master) and B ($B_ADDR) ping each other"
}

teardown()
{
	stop_watch
	[ -n "${nc_pid:-}" ] && kill "$nc_pid" 2>/dev/null
	$IP netns del A 2>/dev/null
	$IP netns del B 2>/dev/null
	rmmod softib 2>/dev/null
	# Let ipoib finish with the netdevs before the next fabric appears.
	usleep 200000
}

# ping_report FILE: set tx, rx, lost and gap (longest run of lost pings)
# from a ping output.
ping_report()
{
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

# port_set DEV/P up|down: the port's link, written straight to sysfs (no
# helper to start between the kernel log marker and the event).
port_set()
{
	echo "$2" >"/sys/bus/softib/devices/${1%/*}/port${1#*/}/link"
}

# now_ms: guest uptime in ms.
now_ms() { awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime; }

# slave_ready KIND SLAVE: SLAVE is usable again as a backup.
# shellcheck disable=SC2317 # run through wait_for
slave_ready()
{
	if [ "$1" = ibfo ]; then
		$IP -n A -d link show dev "$2" | grep -Eq 'ibfo_slave state (backup|active)'
	else
		$IP netns exec A cat /proc/net/bonding/bond0 |
			awk -v s="$2" '/^Slave Interface/ { c = $3 }
				c == s && /^MII Status: up/ { f = 1 } END { exit !f }'
	fi
}

# fail_active KIND: take the active slave's port down; sets before, after,
# port and sw (ms from the port-down to the switch, from the kernel log).
fail_active()
{
	before=$(active "$1")
	port=$(port_of "$before")
	step "taking A's active port $port ($before) down"
	kmsg_mark "port $port ($before) down"
	t0=$(now_ms)
	port_set "$port" down
	if wait_for "$WAIT" active_is_not "$1" "$before"; then
		after=$(active "$1")
		step "active slave now $after (seen by polling $(($(now_ms) - t0)) ms after the port-down; the kernel log has the exact time)"
	else
		after="none"
		step "no switch within ${WAIT} s"
	fi
	# Let the log lines of the switch arrive before reading them.
	usleep 200000
	_r=$(switch_ms "$1")
	sw=${_r% *}
	ev=${_r#* }
	if [ "$ev" != - ] && [ "$sw" != - ]; then
		swtext="$sw ms (kernel log; the IB event reached ibfo after $ev ms, the switch came $(awk -v a="$sw" -v b="$ev" 'BEGIN { printf "%.1f", a - b }') ms later)"
	else
		swtext="$sw ms (kernel log)"
	fi
}

# restore KIND: bring the port of fail_active back and wait until its
# slave is a usable backup again.
restore()
{
	step "bringing $port ($before) back up"
	port_set "$port" up
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
	$IP netns exec B ping -i 0.01 -c $PINGS -W 1 $A_ADDR >"$tmp/ping" 2>&1 &
	ping_pid=$!
	sleep 1
	fail_active "$kind"
	wait "$ping_pid"
	ping_report "$tmp/ping"
	say "  result:"
	say "    active slave:         $before -> $after"
	say "    port down -> switch:  $swtext"
	say "    pings B->A:           $tx sent, $rx answered, $lost lost; longest gap $gap pings (~$((gap * 10)) ms)"
	slave_lines "$kind"
	eval "r_${kind}_sw=\$sw r_${kind}_lost=\$lost r_${kind}_gap=\$gap r_${kind}_tx=\$tx"
	restore "$kind"

	say ""
	say "  [b] failover under a TCP transfer: B sends A ${XFER_MB} MB (B's port limited to 50 Mbit/s so it lasts)"
	softibctl port softib1/1 rate 50
	head -c $((XFER_MB * 1024 * 1024)) /dev/urandom >"$tmp/src"
	rm -f "$tmp/dst" "$tmp/fifo"
	mkfifo "$tmp/fifo"
	$IP netns exec A nc -l -p 5001 <>"$tmp/fifo" >"$tmp/dst" &
	nc_pid=$!
	usleep 300000
	(
		s=$(now_ms)
		timeout 120 $IP netns exec B nc $A_ADDR 5001 <"$tmp/src"
		echo "$? $(($(now_ms) - s))" >"$tmp/xfer"
	) &
	xfer_pid=$!
	sleep 1
	fail_active "$kind"
	wait "$xfer_pid"
	wait "$nc_pid" 2>/dev/null
	nc_pid=""
	read -r xrc xms <"$tmp/xfer"
	if [ "$xrc" = 0 ] && cmp -s "$tmp/src" "$tmp/dst"; then
		xres="complete, content intact"
	else
		xres="FAILED (nc exit $xrc)"
	fi
	say "  result:"
	say "    active slave:         $before -> $after"
	say "    port down -> switch:  $swtext"
	say "    TCP ${XFER_MB} MB B->A:       $xres, in $xms ms"
	eval "r_${kind}_x=\$xres r_${kind}_sw2=\$sw"
	restore "$kind"
	stop_watch
	teardown
}

# shellcheck disable=SC2317 # run by the EXIT trap
cleanup()
{
	teardown
	rmmod ibfo 2>/dev/null
	rmmod bonding 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

say "ibfo failover demo: $(uname -r), 2 vCPUs under QEMU TCG (software emulation)"
say "Two hosts on softib, the software InfiniBand fabric:"
say "  A: two IB ports (softib0 port 1, port 2) joined by a failover device"
say "  B: one IB port (softib1 port 1)"
say "Times are from an emulated machine: compare the two runs, not absolute values."

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

title "summary (failover [a]: B pings A every 10 ms; [b]: TCP transfer)"
printf '  %-34s %-14s %-14s\n' "" "ibfo0" "bond0 (miimon 100)"
printf '  %-34s %-14s %-14s\n' "[a] port down -> switch (kernel)" "${r_ibfo_sw:--} ms" "${r_bond_sw:--} ms"
printf '  %-34s %-14s %-14s\n' "[a] pings lost" "${r_ibfo_lost:--}/${r_ibfo_tx:--}" "${r_bond_lost:--}/${r_bond_tx:--}"
printf '  %-34s %-14s %-14s\n' "[a] longest gap (10 ms pings)" "~$((${r_ibfo_gap:-0} * 10)) ms" "~$((${r_bond_gap:-0} * 10)) ms"
printf '  %-34s %-14s %-14s\n' "[b] port down -> switch (kernel)" "${r_ibfo_sw2:--} ms" "${r_bond_sw2:--} ms"
printf '  %-34s %-14s %-14s\n' "[b] TCP transfer across failover" "${r_ibfo_x%%,*}" "${r_bond_x%%,*}"
say ""
say "ibfo switches when the IB port reports the fault: most of its \"port down"
say "-> switch\" time here is softib and ib_core delivering that event under"
say "emulation on a shared host; the switch itself follows the event within"
say "about a millisecond.  Bonding switches at its next miimon tick after"
say "ipoib dropped carrier (0-100 ms later, plus the same event delivery)."
say "One run each under emulation, so the numbers vary from run to run:"
say "repeat (make demo), or see make bench for many trials."
exit $rc
