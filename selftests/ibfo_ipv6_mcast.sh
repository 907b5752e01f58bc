#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# IPv6 and IP multicast through ibfo across failovers: host A = ibfo0
# over softib0 ports 1 and 2, host B = plain softib1/1.  A joins an IPv4
# and an IPv6 group on ibfo0 (autojoin); ibfo makes both slaves join
# them.  B's echo requests to the groups (as in softib_mcast.sh) reach A
# before and after each failover (to the IPv4 group: A answers; to the
# IPv6 group: A counts them, once each), IPv6 pings work both ways
# and B's IPv6 neighbour entry follows A's new address (unsolicited NA).
# A group joined after a failover is received too.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

G4=239.1.2.3
G6=ff05::1:3
G4B=239.1.2.4

# mc_links NS DEV: the link-layer multicast addresses DEV listens on.
mc_links()
{
	"$IP" -n "$1" maddr show dev "$2" | awk '$1 == "link" { print $2 }' |
		sort
}

# slaves_joined: every link-layer group of ibfo0 is on both slaves too
# (the backup listens as well, so a failover needs no new join).
# shellcheck disable=SC2317 # run through wait_for
slaves_joined()
{
	mc_links A ibfo0 >"$dir/m0"
	[ -s "$dir/m0" ] || return 1
	for _s in "$a1" "$a2"; do
		mc_links A "$_s" >"$dir/m1"
		grep -qvxF -f "$dir/m1" "$dir/m0" && return 1
	done
	return 0
}

# mc6_once: B sends three echo requests to G6; A's IPv6 stack gets each
# exactly once (ibfo0 takes the active slave's copy, not the backup's).
# Counted on A rather than by B's replies: over softib the replies to
# IPv6 multicast echoes stop reaching the sender a few seconds after the
# join, with plain IPoIB on both sides too (not ibfo's doing).
# shellcheck disable=SC2016 # awk program
icmp6_in_echos() { nsx A awk '$1 == "Icmp6InEchos" { print $2 }' /proc/net/snmp6; }
# mc6_count: how many of the three A got.
mc6_count()
{
	_n0=$(icmp6_in_echos)
	nsx B ping -c 3 -i 0.3 -W 1 -I "$b1" $G6 >/dev/null 2>&1
	mc6_n=$(($(icmp6_in_echos) - _n0))
	echo "$mc6_n"
}
# shellcheck disable=SC2317 # run through wait_for
mc6_once() { [ "$(mc6_count)" -eq 3 ]; }

# after WHEN: IPv6 and multicast work both ways.
after()
{
	check "A pings B over IPv6 ($1)" wait_for "$WAIT" ping_ok A fd00:20::2
	check "B pings A over IPv6 ($1)" wait_for "$WAIT" ping_ok B fd00:20::1
	check "A pings B over IPv4 ($1)" wait_for "$WAIT" ping_ok A 10.20.0.2
	check "A answers B's echo to $G4 ($1)" \
		wait_for "$WAIT" answered_by B "$b1" $G4 "10.20.0.1 "
	check "A receives B's 3 echo requests to $G6 once each ($1)" \
		wait_for "$WAIT" mc6_once
	log "$1: A got $(mc6_count) of 3 echo requests to $G6"
}

# failover: the active slave's port goes down; the other takes over, B's
# IPv6 neighbour entry names A's new address.  The port comes back as a
# backup.
failover()
{
	_old=$(active A)
	softibctl port "$(port_of "$_old")" link down
	check "ibfo0 fails over from $_old" \
		wait_for "$WAIT" sh -c "! '$IP' -n A -d link show dev ibfo0 | grep -q 'active_slave $_old '"
	_new=$(active A)
	check "$_new is active" [ -n "$_new" ]
	after "after $_old failed"
	check "B's IPv6 neighbour entry for A moved to $_new's address" \
		wait_for "$WAIT" neigh_is B fd00:20::1 "$(lladdr A "$_new")"
	softibctl port "$(port_of "$_old")" link up
	check "$_old is a backup again" wait_for "$WAIT" state_is "$_old" backup A
}

dir=$(mktemp -d)
defer "rm -rf $dir"

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
lag_host A ibfo0 ibfo "$a1" "$a2" 10.20.0.1/24 fd00:20::1/64
host B "$b1" 10.20.0.2/24 fd00:20::2/64
nsx A sysctl -qw net.ipv4.icmp_echo_ignore_broadcasts=0
check "ibfo0 has carrier" wait_for "$WAIT" carrier A ibfo0
check "A pings B" wait_for "$WAIT" ping_ok A 10.20.0.2
check_eq "nobody answers $G4 before A joins" "" "$(responders B "$b1" $G4)"
check_eq "A gets none of B's echo requests to $G6 before A joins" 0 \
	"$(mc6_count)"

"$IP" -n A addr add $G4/32 dev ibfo0 autojoin
"$IP" -n A addr add $G6/128 dev ibfo0 autojoin
check "A lists $G4 on ibfo0" \
	sh -c "'$IP' -n A maddr show dev ibfo0 | grep -qF '$G4'"
check "both slaves listen on ibfo0's groups" wait_for "$WAIT" slaves_joined
log "ibfo0's link-layer groups: $(mc_links A ibfo0 | tr '\n' ' ')"
after "before a failover"
check "B's IPv6 neighbour entry names ibfo0's address" \
	neigh_is B fd00:20::1 "$(lladdr A ibfo0)"

failover
# A group joined on the new active slave's watch.
"$IP" -n A addr add $G4B/32 dev ibfo0 autojoin
check "A answers B's echo to $G4B (joined after the failover)" \
	wait_for "$WAIT" answered_by B "$b1" $G4B "10.20.0.1 "
check "both slaves listen on ibfo0's groups after the failover" \
	wait_for "$WAIT" slaves_joined
failover
check "A answers B's echo to $G4B after the second failover" \
	wait_for "$WAIT" answered_by B "$b1" $G4B "10.20.0.1 "

# Leaving a group: A no longer answers.
"$IP" -n A addr del $G4/32 dev ibfo0
check "nobody answers $G4 after A left" \
	wait_for "$WAIT" answered_by B "$b1" $G4 ""

ksft_exit
