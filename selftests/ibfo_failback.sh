#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ibfo failback to the primary slave, per primary_reselect:
#   always  - the primary takes the traffic back as soon as it is usable;
#   better  - only if its IB port rate (active width x speed) is higher
#             than the active slave's (softib's speed/width knobs);
#   failure - only when the active slave fails.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"
# shellcheck disable=SC2317
has_carrier() { "$IP" link show dev "$1" | grep -q LOWER_UP; }
port_knob() { sysw "$SOFTIB/devices/softib0/port$1/$2" "$3"; }

# fail_primary: the primary's port goes down, $s2 takes over; the port
# is brought up again with speed SPEED and the primary is usable again.
fail_primary()
{
	softibctl port softib0/1 link down
	check "$s2 takes over ($1)" wait_for "$WAIT" active_is "$s2"
	check "$s1 down ($1)" wait_for "$WAIT" state_is "$s1" down
	port_knob 1 speed "$2"
	softibctl port softib0/1 link up
	check "$s1 has carrier again ($1)" wait_for "$WAIT" has_carrier "$s1"
}

ibfo_two_ports
defer "sysw $SOFTIB/devices/softib0/port1/speed QDR"
defer "sysw $SOFTIB/devices/softib0/port2/speed QDR"
port_knob 1 speed QDR
port_knob 2 speed QDR
port_knob 1 width 4x
port_knob 2 width 4x

check "create ibfo0" "$IP" link add ibfo0 type ibfo primary_reselect always
check "enslave $s1" "$IP" link set "$s1" master ibfo0
check "enslave $s2" "$IP" link set "$s2" master ibfo0
check "$s1 primary" "$IP" link set ibfo0 type ibfo primary "$s1"
"$IP" link set ibfo0 up
check "$s1 active" wait_for "$WAIT" active_is "$s1"

# always
fail_primary always QDR
check "always: $s1 takes the traffic back" wait_for "$WAIT" active_is "$s1"

# failure
check "primary_reselect failure" \
	"$IP" link set ibfo0 type ibfo primary_reselect failure
fail_primary failure QDR
check "failure: $s1 is a backup" wait_for "$WAIT" state_is "$s1" backup
sleep 1
check_eq "failure: $s2 keeps the traffic" "$s2" "$(active)"
softibctl port softib0/2 link down
check "failure: $s1 takes over when $s2 fails" \
	wait_for "$WAIT" active_is "$s1"
softibctl port softib0/2 link up
check "$s2 backup" wait_for "$WAIT" state_is "$s2" backup

# better: same rate, the primary stays a backup; a higher rate, it takes
# the traffic back.  Also reselection when the policy is set.
check "primary_reselect better" \
	"$IP" link set ibfo0 type ibfo primary_reselect better
fail_primary "better, same rate" QDR
check "better, same rate: $s1 is a backup" \
	wait_for "$WAIT" state_is "$s1" backup
sleep 1
check_eq "better, same rate: $s2 keeps the traffic" "$s2" "$(active)"
check "primary_reselect always" \
	"$IP" link set ibfo0 type ibfo primary_reselect always
check "always, set live: $s1 takes the traffic back" \
	wait_for "$WAIT" active_is "$s1"
check "primary_reselect better" \
	"$IP" link set ibfo0 type ibfo primary_reselect better
fail_primary "better, lower rate" SDR
check "better, lower rate: $s1 is a backup" \
	wait_for "$WAIT" state_is "$s1" backup
sleep 1
check_eq "better, lower rate: $s2 keeps the traffic" "$s2" "$(active)"
softibctl port softib0/1 link down
check "$s1 down" wait_for "$WAIT" state_is "$s1" down
port_knob 1 speed EDR
softibctl port softib0/1 link up
check "better, higher rate: $s1 takes the traffic back" \
	wait_for "$WAIT" active_is "$s1"

check "delete ibfo0" "$IP" link del ibfo0
ksft_exit
