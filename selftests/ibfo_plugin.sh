#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The iproute2 plugin (tools/ip/link_ibfo.so): "ip link add/set ... type
# ibfo OPTIONS" reaches the kernel, "ip -d link show" and "ip -d -j link
# show" print every option back, and what the kernel refuses is refused
# with its reason, changing nothing.
#
# Slaves need softib: ibfo.lib reads the ibfo_slave attributes in the
# tests that enslave; ibfo_fuzz checks that setting them is refused with
# ibfo's reason (this ip cannot send slave data: ibfo_slave has no options).

. "$(dirname "$0")/lib.sh"

require_module ibfo
$IP link help ibfo 2>&1 | grep -q '^Usage: \.\.\. ibfo ' ||
	ksft_skip "ip has no ibfo plugin (make plugin)"

# info DEV: the ibfo line of "ip -d link show DEV", from "ibfo" on.
info() { $IP -d link show dev "$1" | sed -n 's/^ *\(ibfo .*\)/\1/p'; }
# opt DEV KEY: the value after KEY in that line.
opt() { info "$1" | sed -n "s/.* $2 \([^ ]*\).*/\1/p"; }
# jinfo DEV: the members of info_data in "ip -d -j link show DEV", one a line.
jinfo()
{
	$IP -d -j link show dev "$1" |
		sed -n 's/.*"info_data":{\([^}]*\)}.*/\1/p' | tr ',' '\n'
}
# jopt DEV KEY: the value of KEY there, without quotes.
jopt() { jinfo "$1" | sed -n "s/^\"$2\":\"\{0,1\}\([^\"]*\)\"\{0,1\}\$/\1/p"; }

# expect DEV MODE RESELECT UPDELAY DOWNDELAY COUNT INTERVAL: every option, in
# both outputs (all but the primary and the active slave).
expect()
{
	dev=$1
	shift
	for fmt in text json; do
		vals="$*"
		for key in mode primary_reselect updelay downdelay \
			   peer_notify_count peer_notify_interval; do
			want=${vals%% *}
			vals=${vals#* }
			if [ $fmt = text ]; then
				got=$(opt "$dev" $key)
			else
				got=$(jopt "$dev" $key)
			fi
			check_eq "$dev: $fmt $key" "$want" "$got"
		done
	done
}

check "ip link help ibfo" $IP link help ibfo
check_err "type ibfo help prints the usage" "Usage: ... ibfo " \
	$IP link add ibfo9 type ibfo help
check "ip link help ibfo_slave" \
	sh -c "$IP link help ibfo_slave | grep -q '^Usage: \.\.\. ibfo_slave'"

# Defaults, without options.
check "create ibfo0 without options" $IP link add ibfo0 type ibfo
defer "$IP link del ibfo0"
check "ip -d shows the kind" sh -c "$IP -d link show dev ibfo0 | grep -q '^ *ibfo mode '"
check "ip -d -j shows the kind" \
	sh -c "$IP -d -j link show dev ibfo0 | grep -q '\"info_kind\":\"ibfo\"'"
expect ibfo0 active-backup always 0 0 3 100
check_eq "no primary" "" "$(opt ibfo0 primary)"
check_eq "no active slave" "" "$(opt ibfo0 active_slave)"
check_eq "json: no primary" "" "$(jinfo ibfo0 | grep '"primary"')"
check_eq "json: no active slave" "" "$(jinfo ibfo0 | grep '"active_slave"')"

# Every option at creation; the text output reads back as options.
check "create ibfo1 with every option" $IP link add ibfo1 type ibfo \
	mode active-backup primary_reselect failure updelay 100 \
	downdelay 200 peer_notify_count 5 peer_notify_interval 150
defer "$IP link del ibfo1"
expect ibfo1 active-backup failure 100 200 5 150
check_eq "text output" \
	"ibfo mode active-backup primary_reselect failure updelay 100 downdelay 200 peer_notify_count 5 peer_notify_interval 150" \
	"$(info ibfo1 | sed 's/ *peer_notify_interval \([0-9]*\).*/ peer_notify_interval \1/')"
check "ibfo2 from ibfo1's output" sh -c \
	"$IP link add ibfo2 type $(info ibfo1 | sed 's/ *\(peer_notify_interval [0-9]*\).*/ \1/')"
expect ibfo2 active-backup failure 100 200 5 150
check "delete ibfo2" $IP link del ibfo2

# Changes on the live device, one option or several at a time.
check "set primary_reselect better" \
	$IP link set dev ibfo0 type ibfo primary_reselect better
expect ibfo0 active-backup better 0 0 3 100
check "set the delays" $IP link set dev ibfo0 type ibfo updelay 600000 \
	downdelay 1500
expect ibfo0 active-backup better 600000 1500 3 100
check "set peer notification" $IP link set dev ibfo0 type ibfo \
	peer_notify_count 255 peer_notify_interval 60000
expect ibfo0 active-backup better 600000 1500 255 60000
check "set the lowest values" $IP link set dev ibfo0 type ibfo updelay 0 \
	downdelay 0 peer_notify_count 0 peer_notify_interval 10
expect ibfo0 active-backup better 0 0 0 10
check "enums as numbers" $IP link set dev ibfo0 type ibfo mode 0 \
	primary_reselect 2
expect ibfo0 active-backup failure 0 0 0 10
check "set every option" $IP link set dev ibfo0 type ibfo \
	mode active-backup primary_reselect always updelay 50 downdelay 60 \
	peer_notify_count 2 peer_notify_interval 300
expect ibfo0 active-backup always 50 60 2 300
check "noprimary" $IP link set dev ibfo0 type ibfo noprimary
check "type ibfo without options" $IP link set dev ibfo0 type ibfo
expect ibfo0 active-backup always 50 60 2 300

# The plugin's own refusals, before anything is sent.
check_err "unknown mode name" "invalid mode" \
	$IP link set dev ibfo0 type ibfo mode balance-rr
check_err "mode above 255" "invalid mode" \
	$IP link set dev ibfo0 type ibfo mode 256
check_err "unknown primary_reselect name" "invalid primary_reselect" \
	$IP link set dev ibfo0 type ibfo primary_reselect never
check_err "updelay not a number" "invalid updelay" \
	$IP link set dev ibfo0 type ibfo updelay 1s
check_err "downdelay negative" "invalid downdelay" \
	$IP link set dev ibfo0 type ibfo downdelay -1
check_err "peer_notify_count above 2^32" "invalid peer_notify_count" \
	$IP link set dev ibfo0 type ibfo peer_notify_count 4294967296
check_err "peer_notify_interval missing" "Command line is not complete" \
	$IP link set dev ibfo0 type ibfo peer_notify_interval
check_err "primary: no such device" 'Cannot find device "nosuch0"' \
	$IP link set dev ibfo0 type ibfo primary nosuch0
check_err "active_slave is read-only" "active_slave is read-only" \
	$IP link set dev ibfo0 type ibfo active_slave lo
check_err "unknown option" 'unknown option "miimon"' \
	$IP link set dev ibfo0 type ibfo miimon 100
check_err "ibfo_slave has no options" 'unknown option "queue_id"' \
	$IP link set dev lo type ibfo_slave queue_id 1

# The kernel's refusals, with its reason.
before=$(info ibfo0)
check_err "mode 2 out of range" "integer out of range" \
	$IP link set dev ibfo0 type ibfo mode 2
check_err "mode 255 out of range" "integer out of range" \
	$IP link set dev ibfo0 type ibfo mode 255
check_err "primary_reselect 3 out of range" "integer out of range" \
	$IP link set dev ibfo0 type ibfo primary_reselect 3
check_err "updelay above 600000 ms" "integer out of range" \
	$IP link set dev ibfo0 type ibfo updelay 600001
check_err "downdelay above 600000 ms" "integer out of range" \
	$IP link set dev ibfo0 type ibfo downdelay 4294967295
check_err "peer_notify_count above 255" "integer out of range" \
	$IP link set dev ibfo0 type ibfo peer_notify_count 256
check_err "peer_notify_interval below 10 ms" "integer out of range" \
	$IP link set dev ibfo0 type ibfo peer_notify_interval 9
check_err "peer_notify_interval above 60000 ms" "integer out of range" \
	$IP link set dev ibfo0 type ibfo peer_notify_interval 60001
check_err "primary that is no IPoIB device" "primary must be an IPoIB device" \
	$IP link set dev ibfo0 type ibfo primary lo
check_err "primary that is another ibfo" \
	"primary must be an IPoIB device" \
	$IP link set dev ibfo0 type ibfo primary ibfo1
check_err "xmit_hash_policy by an unknown name" "invalid xmit_hash_policy" \
	$IP link set dev ibfo0 type ibfo xmit_hash_policy layer2
check_err "xmit_hash_policy 2 out of range" "integer out of range" \
	$IP link set dev ibfo0 type ibfo xmit_hash_policy 2
# A request with one bad option applies none of its good ones.
check_err "good options with a bad primary" \
	"primary must be an IPoIB device" \
	$IP link set dev ibfo0 type ibfo updelay 1 downdelay 2 \
	peer_notify_count 9 primary_reselect failure primary lo
check_err "good options with a bad delay" "integer out of range" \
	$IP link set dev ibfo0 type ibfo updelay 1 primary_reselect better \
	downdelay 600001
check_eq "refused requests changed nothing" "$before" "$(info ibfo0)"
expect ibfo0 active-backup always 50 60 2 300

# Multipath and its hash policy (layer3+4 by default).
check_eq "xmit_hash_policy layer3+4" layer3+4 "$(opt ibfo0 xmit_hash_policy)"
check "mode multipath" $IP link set dev ibfo0 type ibfo mode multipath
check_eq "mode multipath shown" multipath "$(opt ibfo0 mode)"
check_eq "json: mode multipath" multipath "$(jopt ibfo0 mode)"
check "xmit_hash_policy layer3" \
	$IP link set dev ibfo0 type ibfo xmit_hash_policy layer3
check_eq "xmit_hash_policy layer3 shown" layer3 "$(opt ibfo0 xmit_hash_policy)"
check_eq "json: xmit_hash_policy" layer3 "$(jopt ibfo0 xmit_hash_policy)"
check "back to active-backup, layer3+4" \
	$IP link set dev ibfo0 type ibfo mode active-backup xmit_hash_policy 1
check_eq "mode active-backup" active-backup "$(opt ibfo0 mode)"

# Peer discovery: off by default, on and off again.
check_eq "peer_discovery off by default" off "$(opt ibfo0 peer_discovery)"
check "peer_discovery on" $IP link set dev ibfo0 type ibfo peer_discovery on
check_eq "peer_discovery on shown" on "$(opt ibfo0 peer_discovery)"
check_eq "json: peer_discovery" true "$(jopt ibfo0 peer_discovery)"
check_fail "peer_discovery maybe refused" \
	$IP link set dev ibfo0 type ibfo peer_discovery maybe
check "peer_discovery off" $IP link set dev ibfo0 type ibfo peer_discovery off
check_eq "peer_discovery off shown" off "$(opt ibfo0 peer_discovery)"

# At creation: refused, nothing left behind.
check_err "create with updelay out of range" "integer out of range" \
	$IP link add ibfo3 type ibfo updelay 600001
check_err "create with a primary" "primary must be an IPoIB device" \
	$IP link add ibfo3 type ibfo mode active-backup primary lo
check_err "create with mode 7" "integer out of range" \
	$IP link add ibfo3 type ibfo mode 7
check_fail "no ibfo3 left behind" $IP link show dev ibfo3
check_eq "only ibfo0 and ibfo1" 2 "$($IP -o link show type ibfo | wc -l)"

ksft_exit
