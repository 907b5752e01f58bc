#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Teardown races: for RACE_SECONDS (default 8;
# make stress runs 600) these loops run at once, each counting its rounds:
#   enslave  softib0's two IPoIB netdevs enslaved to ibfo0/ibfo1 in
#            namespace A in turn, and released;
#   master   ip link del and re-create of ibfo0 (with A's address) and
#            ibfo1 in A;
#   move     the two slaves moved between A and C (enslaved or not), and
#            moves of A's masters to C, which must be refused (ibfo
#            devices are netns-local);
#   netns    namespace D deleted with an ibfo master and its slave
#            (softib1/2) in it, and namespace C with the slaves parked
#            there; both re-created;
#   rmmod    rmmod ibfo, ib_ipoib or softib in turn, retried while the
#            module is busy, then modprobe again (softib with a fresh
#            fabric: new netdevs in the init namespace, which the other
#            loops pick up);
#   ports    softib port link down/up and client reregister events;
#   traffic  pings A <-> B (B = softib1/1, 10.30.0.2) and UDP probes
#            from A to B (counted as B's UDP NoPorts).
# Racing commands fail all the time (EBUSY, ENODEV, ...); that is not a
# failure.  Checks: every loop made progress and ended when told; no
# ibfo master ever left its namespace; after deleting the namespaces
# no ibfo device is left and rmmod ibfo, ib_ipoib and softib succeed
# and leave no IPoIB netdev; a fresh fabric with ibfo0 over two slaves
# then pings.  The runner fails the test on any splat (and, on the debug
# kernel, kmemleak on any leak).
#
# The slaves stay in datagram mode: in connected mode, 6.1's
# ipoib_ndo_uninit() destroys its CQs before it reaps the connected-mode
# QPs, so unloading ib_ipoib or softib with RC connections up WARNs in
# ib_destroy_cq() now and then (see softib_cm_peer.sh) -- a known ipoib
# bug this test would keep hitting instead of ibfo's.

# The loops run in the background: shellcheck cannot see them called.
# shellcheck disable=SC2317
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

# Short in make check: a race round of one loop takes seconds under TCG
# (more on the debug kernel, whose setup and teardown alone take a minute
# or two); make stress gives the volume.
secs=${RACE_SECONDS:-8}
# Seconds the rmmod loop leaves the (re)loaded modules to the others, and
# the port loop between two events.
if [ -n "$SLOW" ]; then settle=3; else settle=1; fi

dir=$(mktemp -d)
defer "rm -rf $dir"
stop=$dir/stop
PORTS="softib0/1 softib0/2 softib1/1 softib1/2"

# port_netdev DEV P: the port's ipoib parent netdev.  After a reload it
# is in the init namespace, where sysfs has it (softibctl netdev's fast
# path, without its processes); else ask softibctl.
sysfs_netdev()
{
	for _n in "$SOFTIB/devices/$1/net"/*; do
		[ -f "$_n/create_child" ] || continue
		read -r _p <"$_n/dev_port" 2>/dev/null || continue
		[ "$_p" = $(($2 - 1)) ] || continue
		echo "${_n##*/}"
		return 0
	done
	return 1
}
port_netdev() { sysfs_netdev "$@" || softibctl netdev "$1/$2" 2>/dev/null; }

# save_names: the loops' view of the current fabric's netdevs (a1 a2 b1
# b2), rewritten by the rmmod loop after a reload.
save_names()
{
	echo "a1=$(port_netdev softib0 1) a2=$(port_netdev softib0 2)" \
		"b1=$(port_netdev softib1 1) b2=$(port_netdev softib1 2)" \
		>"$dir/names.new" && mv "$dir/names.new" "$dir/names"
}
cur_names() { . "$dir/names"; }
stopped() { [ -e "$stop" ]; }
# ipx ARGS...: ip ARGS, errors ignored; nothing once the loops are told to
# stop (each command may take a second or more under TCG).
ipx() { stopped && return 1; "$IP" "$@" 2>/dev/null; }
# done_loop NAME COUNTERS...: a loop's final counters, one line.
done_loop() { _n=$1; shift; echo "$*" >"$dir/$_n"; }
# count NAME I: the I-th counter of loop NAME (0 if it never ended).
count() { awk -v i="$2" '{ print $i + 0 } END { if (!NR) print 0 }' "$dir/$1" 2>/dev/null || echo 0; }

enslave_loop()
{
	n=0 ok=0 rel=0
	while ! stopped; do
		cur_names
		for s in "$a1" "$a2"; do
			ipx -n A link set "$s" master "ibfo$((n % 3 == 2))" &&
				ok=$((ok + 1))
		done
		usleep 20000
		if [ $((n % 2)) = 1 ]; then s=$a1; else s=$a2; fi
		ipx -n A -o link show dev "$s" | grep -q ' master ' &&
			ipx -n A link set "$s" nomaster && rel=$((rel + 1))
		n=$((n + 1))
	done
	done_loop enslave "$n" "$ok" "$rel"
}

master_loop()
{
	n=0 del=0 add=0
	while ! stopped; do
		m=ibfo$((n % 3 == 0 ? 0 : 1))
		ipx -n A link del "$m" && del=$((del + 1))
		usleep 50000
		if ipx -n A link add "$m" type ibfo; then
			add=$((add + 1))
			[ "$m" = ibfo1 ] ||
				ipx -n A addr add 10.30.0.1/24 dev ibfo0
			ipx -n A link set "$m" up
		fi
		usleep 100000
		n=$((n + 1))
	done
	done_loop master "$n" "$del" "$add"
}

move_loop()
{
	n=0 moves=0 refused=0 escaped=0
	while ! stopped; do
		cur_names
		# One slave a round, wherever it is: A -> C, C -> A, init -> A.
		if [ $((n % 2)) = 0 ]; then s=$a1; else s=$a2; fi
		if ipx -n A link set "$s" netns C ||
		   ipx -n C link set "$s" netns A ||
		   ipx link set "$s" netns A; then
			moves=$((moves + 1))
		fi
		for m in ibfo0 ibfo1; do
			if out=$("$IP" -n A link set "$m" netns C 2>&1); then
				escaped=$((escaped + 1))
			else
				# Not "Cannot find device": the move itself failed.
				case $out in
				*"Invalid argument"*) refused=$((refused + 1)) ;;
				esac
			fi
		done
		usleep 300000
		n=$((n + 1))
	done
	done_loop move "$n" "$moves" "$refused" "$escaped"
}

netns_loop()
{
	n=0 dels=0
	while ! stopped; do
		if [ $((n % 2)) = 0 ]; then
			cur_names
			# D: a master with softib1/2 enslaved, deleted under it.
			ipx -n D link add ibfo0 type ibfo
			ipx link set "$b2" netns D
			ipx -n D link set "$b2" master ibfo0
			ipx -n D link set ibfo0 up
			usleep 200000
			ipx netns del D && dels=$((dels + 1))
			ipx netns add D
		else
			ipx netns del C && dels=$((dels + 1))
			usleep 50000
			ipx netns add C
		fi
		usleep 100000
		n=$((n + 1))
	done
	done_loop netns "$n" "$dels"
}

# reload MOD: modprobe MOD again; after softib or ib_ipoib, wait for the
# fresh netdevs and publish their names.
reload()
{
	case $1 in
	softib) modprobe softib num_hcas=2 num_ports=2 ;;
	*) modprobe "$1" ;;
	esac || return 1
	[ "$1" = ibfo ] && return 0
	wait_for "$WAIT" sysfs_netdev softib1 2 || return 1
	save_names
}

rmmod_loop()
{
	n=0 ok=0 busy=0 gaveup=0 reloads=0
	# The others first race on the intact fabric.
	sleep "$settle"
	while ! stopped; do
		case $((n % 4)) in
		0 | 2) m=ibfo ;;
		1) m=ib_ipoib ;;
		3) m=softib ;;
		esac
		tries=0
		while ! rmmod "$m" 2>/dev/null; do
			busy=$((busy + 1))
			tries=$((tries + 1))
			if [ "$tries" -ge 100 ] || stopped; then
				gaveup=$((gaveup + 1))
				break
			fi
			usleep 20000
		done
		grep -q "^$m " /proc/modules || ok=$((ok + 1))
		# ibfo may be back already: "ip link add ... type ibfo" loads it.
		reload "$m" && reloads=$((reloads + 1))
		stopped || sleep "$settle"
		n=$((n + 1))
	done
	done_loop rmmod "$n" "$ok" "$busy" "$gaveup" "$reloads"
}

# port events straight through sysfs (what softibctl port writes), one
# port down/up or reregister every $settle s.
port_loop()
{
	n=0 ev=0
	while ! stopped; do
		for p in $PORTS; do
			stopped && break
			f=$SOFTIB/devices/${p%/*}/port${p#*/}
			if [ $((n % 5)) = 4 ]; then
				echo 1 2>/dev/null >"$f/reregister" && ev=$((ev + 1))
			else
				echo down 2>/dev/null >"$f/link" && ev=$((ev + 1))
				usleep 150000
				echo up 2>/dev/null >"$f/link" && ev=$((ev + 1))
			fi
			# Each event costs ipoib, ib_sa and ibfo work; back to
			# back they starve the other loops (7 enslave rounds
			# in 300 s on the debug kernel).
			stopped || sleep "$settle"
		done
		n=$((n + 1))
	done
	done_loop ports "$n" "$ev"
}

# peer_up: B owns the current softib1/1 netdev as 10.30.0.2.
peer_up()
{
	ipx -n B addr show | grep -q 10.30.0.2 && return 0
	cur_names
	ipx link set "$b1" netns B
	ipx -n B addr add 10.30.0.2/24 dev "$b1"
	ipx -n B link set "$b1" up
}

# ping_loop: rounds of 10 pings, A -> B and B -> A in turn, counting
# those sent and answered.
ping_loop()
{
	n=0 sent=0 got=0
	while ! stopped; do
		peer_up
		if [ $((n % 2)) = 0 ]; then from=A to=10.30.0.2; else from=B to=10.30.0.1; fi
		# shellcheck disable=SC2046 # two numbers
		set -- $(ipx netns exec "$from" ping -q -c 10 -i 0.02 -W 1 "$to" |
			awk '/transmitted/ { print $1 + 0, $4 + 0 }')
		sent=$((sent + ${1:-0}))
		got=$((got + ${2:-0}))
		# No route (ibfo0 just deleted): no summary; do not spin.
		[ -n "${1:-}" ] || usleep 100000
		n=$((n + 1))
	done
	done_loop ping "$n" "$sent" "$got"
}

udp_loop()
{
	n=0
	while ! stopped; do
		"$IP" netns exec A traceroute -n -m 1 -q 1 -w 1 10.30.0.2 \
			>/dev/null 2>&1 || usleep 100000
		n=$((n + 1))
	done
	done_loop udp "$n"
}
# shellcheck disable=SC2016 # awk program
udp_noports() { nsx B awk '/^Udp:/ && n++ { print $3 }' /proc/net/snmp; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
for s in "$a1" "$a2" "$b1" "$b2"; do
	check_eq "$s in datagram mode" datagram "$(cat "/sys/class/net/$s/mode")"
done
save_names
for ns in A B C D; do ns_add $ns; done
for ns in A B; do "$IP" -n $ns link set lo up; done
# A working start: ibfo0 over both slaves pings B.
check "create ibfo0 in A" "$IP" -n A link add ibfo0 type ibfo
for s in "$a1" "$a2"; do
	"$IP" link set "$s" netns A
	check "enslave $s" "$IP" -n A link set "$s" master ibfo0
done
addrs_up A ibfo0 10.30.0.1/24
peer_up
check "A pings B over ibfo0 before the races" wait_for "$WAIT" ping_ok A 10.30.0.2
udp0=$(udp_noports)

# iproute2 looks a name it cannot find up once more with SIOCGIFINDEX,
# and the kernel then runs modprobe for "netdev-NAME" and "NAME": a
# second or more each under TCG, and the racing commands name missing
# devices all the time.  Those lookups get a quick "no" while racing;
# every other request (rtnl-link-ibfo: "ip link add ... type ibfo" with
# ibfo unloaded) still goes to modprobe.
read -r modprobe_path </proc/sys/kernel/modprobe
cat >"$dir/modprobe" <<-END
	#!/bin/sh
	for a; do n=\$a; done
	case \$n in netdev-* | ib[0-9]* | ibfo[0-9]*) exit 1 ;; esac
	exec $modprobe_path "\$@"
END
chmod +x "$dir/modprobe"
echo "$dir/modprobe" >/proc/sys/kernel/modprobe
defer "echo $modprobe_path >/proc/sys/kernel/modprobe"

log "racing for $secs s"
t0=$(now_ms)
pids=
for l in enslave_loop master_loop move_loop netns_loop rmmod_loop port_loop \
	 ping_loop udp_loop; do
	"$l" &
	pids="$pids $!"
done
defer "kill $pids 2>/dev/null"
sleep "$secs"
udp1=$(udp_noports)
touch "$stop"
# Each loop ends after its current round; a hung command (an rmmod stuck
# in the kernel, say) keeps it.
# shellcheck disable=SC2317 # run through wait_for
all_ended()
{
	for _l in enslave master move netns rmmod ports ping udp; do
		[ -e "$dir/$_l" ] || return 1
	done
}
if ! check "every loop ends within $((WAIT * 3)) s of the stop" \
	wait_for $((WAIT * 3)) all_ended; then
	ps | sed 's/^/#   /'
	ksft_exit
fi
wait
secs_run=$((($(now_ms) - t0) / 1000))
echo "$modprobe_path" >/proc/sys/kernel/modprobe

for l in enslave master move netns rmmod ports ping udp; do
	check "loop $l made progress ($(count $l 1) rounds)" [ "$(count $l 1)" -gt 0 ]
done
check_eq "no ibfo master left its namespace" 0 "$(count move 4)"
check "rmmod succeeded at least once ($(count rmmod 2))" [ "$(count rmmod 2)" -gt 0 ]

# Teardown: the namespaces (masters with them, slaves back to the init
# namespace), then every module.
modprobe ibfo
modprobe ib_ipoib
for ns in A B C D; do "$IP" netns del $ns 2>/dev/null; done
# shellcheck disable=SC2317 # run through wait_for
no_ibfo() { [ -z "$("$IP" -o link show type ibfo)" ] && [ -z "$("$IP" netns list)" ]; }
check "no namespace and no ibfo device left" wait_for "$WAIT" no_ibfo
unload ibfo 30
check "ibfo is gone" sh -c "! grep -q '^ibfo ' /proc/modules"
# softib takes the IPoIB netdevs with it (ib_ipoib stays, as in
# softib_load).
unload softib 30
check_eq "no IPoIB netdev left" "" "$("$IP" -o link show | grep link/infiniband)"
check "no softib ib_device left" sh -c "! ls -d $IB/softib* 2>/dev/null"

# A fresh fabric works.
softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
lag_host F ibfo0 ibfo "$a1" "$a2" 10.31.0.1/24
host G "$b1" 10.31.0.2/24
check "fresh ibfo0 has carrier" wait_for "$WAIT" carrier F ibfo0
check "fresh ibfo0 pings" wait_for "$WAIT" ping_ok F 10.31.0.2
check "fresh ibfo0 has an active slave" wait_for "$WAIT" sh -c \
	"'$IP' -n F -d link show dev ibfo0 | grep -q 'active_slave ib'"

log "races: ${secs_run} s, $(count enslave 2) enslave ($(count enslave 1) rounds), $(count enslave 3) release," \
	"$(count master 2) del / $(count master 3) add master," \
	"$(count move 2) netns moves, $(count move 3) master moves refused," \
	"$(count netns 2) netns del," \
	"$(count rmmod 2) rmmod ok / $(count rmmod 3) busy ($(count rmmod 5) reloads)," \
	"$(count ports 2) port events," \
	"pings $(count ping 3)/$(count ping 2) answered," \
	"$((udp1 - udp0)) UDP probes at B"

ksft_exit
