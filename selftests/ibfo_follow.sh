#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo follows what ipoib changes on its slaves after enslave: a slave
# whose MTU ipoib changes (mode change) gets the master's back, and when
# a slave can no longer take the master's MTU, the master (and with it
# every slave) comes down to the slave's.  An MTU a datagram slave's
# broadcast group does not carry is refused for the master and on
# enslave.  The master's maximum MTU and
# offloads follow the slaves (ethtool -k).

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

mtu() { "$IP" -n A -o link show dev "$1" | sed -n 's/.* mtu \([0-9]*\) .*/\1/p'; }
maxmtu() { "$IP" -n A -d -o link show dev "$1" | sed -n 's/.* maxmtu \([0-9]*\).*/\1/p'; }
# shellcheck disable=SC2317 # run through wait_for
mtu_is() { [ "$(mtu "$1")" = "$2" ]; }
# feature NETDEV NAME: on or off (ethtool -k).
feature() { nsx A ethtool -k "$1" | sed -n "s/^$2: \([a-z]*\).*/\1/p"; }

ibfo_two_ports A
check "create ibfo0" "$IP" -n A link add ibfo0 type ibfo
for s in "$s1" "$s2"; do
	check "enslave $s" "$IP" -n A link set "$s" master ibfo0
done
check_eq "datagram slaves: master's maximum MTU is theirs" \
	"$(maxmtu "$s1")" "$(maxmtu ibfo0)"

# Datagram mode: ipoib takes an MTU up to its port's (4092 on softib's 4K
# ports) as the one asked for, keeps its broadcast group's, and reports
# success.  Such an
# MTU for the master is refused and changes nothing (asking the slave
# again on its MTU notification would never end).
dmtu=$(mtu "$s1")
over=$((dmtu + 1))
check "datagram: the group's MTU $dmtu is below the slave's maximum" \
	[ "$dmtu" -lt "$(maxmtu "$s1")" ]
check_err "master MTU $over (above the group's) is refused" \
	"Invalid argument" "$IP" -n A link set ibfo0 mtu "$over"
for d in ibfo0 "$s1" "$s2"; do
	check_eq "$d keeps MTU $dmtu" "$dmtu" "$(mtu "$d")"
done
check "the kernel log names the slave" \
	sh -c "dmesg | grep -q 'ibfo0: $s1 cannot take MTU $over'"

# ipoib sets a slave to its mode's MTU when the mode changes.
check "$s2: mode connected" cm_mode A "$s2" connected
check "$s2 got the master's MTU back" wait_for "$WAIT" mtu_is "$s2" "$(mtu ibfo0)"

# A datagram slave cannot join a master whose MTU its group does not carry.
check "release $s1" "$IP" -n A link set "$s1" nomaster
check "master MTU $over over $s2 (connected)" \
	"$IP" -n A link set ibfo0 mtu "$over"
check_err "enslaving $s1 (datagram) is refused" \
	"slave cannot take the master's MTU" \
	"$IP" -n A link set "$s1" master ibfo0
check_eq "$s1 keeps MTU $dmtu" "$dmtu" "$(mtu "$s1")"
check_fail "$s1 has no master" \
	sh -c "$IP -n A -o link show dev $s1 | grep -q ' master '"

# A slave switched to datagram mode comes down to its group's MTU and
# keeps it when asked for the master's: the master follows it.
check "$s1: mode connected" cm_mode A "$s1" connected
check "enslave $s1 (connected)" "$IP" -n A link set "$s1" master ibfo0
check_eq "$s1 took MTU $over" "$over" "$(mtu "$s1")"
check "$s1: mode datagram" cm_mode A "$s1" datagram
check "the master follows $s1's MTU $dmtu" \
	wait_for "$WAIT" mtu_is ibfo0 "$dmtu"
check_eq "and so does $s2" "$dmtu" "$(mtu "$s2")"

check "both connected" cm_mode A "$s1" connected
check "master MTU 65520" "$IP" -n A link set ibfo0 mtu 65520
for s in "$s1" "$s2"; do
	check_eq "$s took MTU 65520" 65520 "$(mtu "$s")"
done
# Datagram mode cannot carry 65520: the master comes down to it.
check "$s1: mode datagram" cm_mode A "$s1" datagram
dmtu=$(mtu "$s1")
check "datagram MTU below 65520 ($dmtu)" [ "${dmtu:-65520}" -lt 65520 ]
check "the master follows $s1's MTU" wait_for "$WAIT" mtu_is ibfo0 "$dmtu"
check_eq "and so does $s2" "$dmtu" "$(mtu "$s2")"
check_eq "master's maximum MTU is the datagram slave's" \
	"$(maxmtu "$s1")" "$(maxmtu ibfo0)"

# Offloads, as bonding computes them: scatter-gather when a slave has it;
# TSO (done in software by a slave without it) whenever scatter-gather;
# never VLANs.
check "ethtool in the guest" command -v ethtool
sg=off
for s in "$s1" "$s2"; do
	[ "$(feature "$s" scatter-gather)" = on ] && sg=on
done
check_eq "ibfo0 scatter-gather if a slave has it" "$sg" \
	"$(feature ibfo0 scatter-gather)"
check_eq "ibfo0 TSO with scatter-gather" "$sg" \
	"$(feature ibfo0 tcp-segmentation-offload)"
check_eq "ibfo0 vlan-challenged" "on [fixed]" \
	"$(nsx A ethtool -k ibfo0 | sed -n 's/^vlan-challenged: //p')"

for s in "$s1" "$s2"; do
	"$IP" -n A link set "$s" down
done
check "RC QPs reaped after closing the ports" wait_for 30 no_rc_qps
ksft_exit
