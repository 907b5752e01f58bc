#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Privilege and isolation: without CAP_NET_ADMIN no ibfo device, option
# or slave change is accepted (reading is); from another network
# namespace ibfo devices and their slaves are invisible and cannot be
# enslaved to; a slave belongs to one master only; bonding and team
# devices cannot be ibfo slaves, and bonding refuses an ibfo slave.
#
# Through rtnetlink, IFLA_MASTER on a device that already has a master
# releases it from that master first (do_set_master()): a bonding or
# team slave named to ibfo moves, it is not refused (ibfo_enslave.sh);
# here only that it ends up in one master.

# sysfs link names are plain; the helpers run through check.
# shellcheck disable=SC2012,SC2317
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

NOCAP=$TOOLS_DIR/fuzz/nocap
[ -x "$NOCAP" ] || ksft_skip "nocap not built (make -C tools/fuzz)"

master_of() { readlink "/sys/class/net/$1/master" 2>/dev/null | sed 's|.*/||'; }
uppers() { ls -d /sys/class/net/"$1"/upper_* 2>/dev/null | wc -l; }
# opt NAME: ibfo0's option NAME (the last " NAME VALUE": "mode DEFAULT"
# of the link line comes first)
opt() { "$IP" -d link show dev ibfo0 | grep -o " $1 [^ ]*" | tail -n 1 | cut -d' ' -f3; }
# capeff: CAP_NET_ADMIN (bit 12) in the effective set of "$@"'s process
capeff()
{
	"$@" sh -c 'sed -n "s/^CapEff:[[:space:]]*//p" /proc/self/status'
}
has_net_admin() { [ $((0x$(capeff "$@") >> 12 & 1)) -eq 1 ]; }

softib_load num_hcas=2 num_ports=2
ibfo_load
two_hosts
check "create ibfo0" "$IP" link add ibfo0 type ibfo
check "enslave $a1" "$IP" link set "$a1" master ibfo0
check "updelay 100" "$IP" link set ibfo0 type ibfo updelay 100

# --- without CAP_NET_ADMIN ---
check "root has CAP_NET_ADMIN" has_net_admin env
check_fail "nocap drops CAP_NET_ADMIN" has_net_admin "$NOCAP"
check "reading works without CAP_NET_ADMIN" \
	"$NOCAP" "$IP" -d link show dev ibfo0
check_err "create refused" "Operation not permitted" \
	"$NOCAP" "$IP" link add ibfo1 type ibfo
check_err "option change refused" "Operation not permitted" \
	"$NOCAP" "$IP" link set ibfo0 type ibfo updelay 500 mode multipath
check_err "primary change refused" "Operation not permitted" \
	"$NOCAP" "$IP" link set ibfo0 type ibfo primary "$a2"
check_err "enslave refused" "Operation not permitted" \
	"$NOCAP" "$IP" link set "$a2" master ibfo0
check_err "release refused" "Operation not permitted" \
	"$NOCAP" "$IP" link set "$a1" nomaster
check_err "down refused" "Operation not permitted" \
	"$NOCAP" "$IP" link set ibfo0 down
check_err "delete refused" "Operation not permitted" \
	"$NOCAP" "$IP" link del ibfo0
check_fail "ibfo1 not created" "$IP" link show dev ibfo1
check_eq "updelay unchanged" 100 "$(opt updelay)"
check_eq "mode unchanged" active-backup "$(opt mode)"
check_eq "no primary" "" "$(opt primary)"
check_eq "$a1 still in ibfo0" ibfo0 "$(master_of "$a1")"
check_eq "$a2 not enslaved" "" "$(master_of "$a2")"

# --- another network namespace ---
ns_add other
"$IP" -n other link set lo up
check_fail "ibfo0 invisible from other" "$IP" -n other link show dev ibfo0
check_fail "$a1 invisible from other" "$IP" -n other link show dev "$a1"
check_eq "no ibfo device listed in other" 0 \
	"$("$IP" -n other -o link show type ibfo | wc -l)"
check_eq "ibfo0's index names nothing in other" "" \
	"$("$IP" -n other -o link show | awk -F': ' -v i="$(cat /sys/class/net/ibfo0/ifindex)" '$1 == i { print $2 }')"
"$IP" link set "$b1" netns other
check_fail "$b1 (in other) cannot be enslaved to ibfo0 from other" \
	"$IP" -n other link set "$b1" master ibfo0
check_fail "nor from the init namespace" "$IP" link set "$b1" master ibfo0
check_eq "$b1 has no master" "" \
	"$("$IP" -n other -o link show dev "$b1" | sed -n 's/.* master \([^ ]*\) .*/\1/p')"
check "an ibfo device of other's own" "$IP" -n other link add ibfo9 type ibfo
check_eq "... invisible from init" 0 \
	"$("$IP" -o link show type ibfo | grep -c ibfo9)"
check_fail "$a2 (init) cannot be enslaved to other's ibfo9" \
	"$IP" link set "$a2" master ibfo9
check "$b1 can, in other" "$IP" -n other link set "$b1" master ibfo9
check_eq "ibfo0 still has exactly one slave" 1 \
	"$(ls -d /sys/class/net/ibfo0/lower_* 2>/dev/null | wc -l)"

# --- one master per slave ---
check "create ibfo1" "$IP" link add ibfo1 type ibfo
check "$a1 named to ibfo1" "$IP" link set "$a1" master ibfo1
check_eq "$a1 in ibfo1" ibfo1 "$(master_of "$a1")"
check_eq "$a1 has one upper device" 1 "$(uppers "$a1")"
check_eq "ibfo0 has no slave left" 0 \
	"$(ls -d /sys/class/net/ibfo0/lower_* 2>/dev/null | wc -l)"

# --- bonding and team ---
if modprobe bonding max_bonds=0 2>/dev/null; then
	"$IP" link add bond9 type bond mode active-backup
	defer "$IP link del bond9"
	check "$a2 into bond9" "$IP" link set "$a2" master bond9
	check_eq "bond9 is an IPoIB-type device" 32 \
		"$(cat /sys/class/net/bond9/type)"
	check_err "bond9 cannot be an ibfo slave" \
		"only IPoIB devices can be enslaved" \
		"$IP" link set bond9 master ibfo0
	check_eq "bond9 has no master" "" "$(master_of bond9)"
	check "bonding's sysfs slaves file" test -w /sys/class/net/bond9/bonding/slaves
	check_fail "bonding refuses ibfo1's slave $a1" \
		sysw /sys/class/net/bond9/bonding/slaves "+$a1"
	check_eq "$a1 still in ibfo1 only" "ibfo1 1" \
		"$(master_of "$a1") $(uppers "$a1")"
	"$IP" link set "$a2" nomaster
else
	log "no bonding module: bonding part skipped"
fi
if modprobe team 2>/dev/null; then
	check "team9" "$IP" link add team9 type team
	defer "$IP link del team9"
	# With an IPoIB port the team is an ARPHRD_INFINIBAND device too.
	if "$IP" link set "$a2" master team9 2>/dev/null; then
		check_eq "team9 is an IPoIB-type device" 32 \
			"$(cat /sys/class/net/team9/type)"
	else
		log "team9 took no IPoIB port (no team mode set)"
	fi
	check_err "team9 cannot be an ibfo slave" \
		"only IPoIB devices can be enslaved" \
		"$IP" link set team9 master ibfo0
	check_eq "team9 has no master" "" "$(master_of team9)"
	check_eq "$a1 still in ibfo1 only" "ibfo1 1" \
		"$(master_of "$a1") $(uppers "$a1")"
	"$IP" link set "$a2" nomaster 2>/dev/null
else
	log "no team module: team part skipped"
fi

ksft_exit
