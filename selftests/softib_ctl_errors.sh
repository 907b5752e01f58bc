#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Bad control input is refused with the right errno and changes nothing
# (out-of-range numbers too: EINVAL, not ERANGE, as the interface promises):
# every attribute reads back its old value, no device appears or vanishes,
# and softibctl passes the errno on with a non-zero exit.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

EINVAL="Invalid argument"

# refused PORT ATTR VALUE ERRNO_TEXT
refused()
{
	f=$SOFTIB/devices/${1%/*}/port${1#*/}/$2
	before=$(cat "$f")
	check_err "$1 $2 '$3': $4" "$4" sysw "$f" "$3"
	check_eq "$1 $2 unchanged" "$before" "$(cat "$f")"
}

softib_load num_hcas=2 num_ports=2
lid=$(cat "$IB"/softib0/ports/1/lid)
devs=$(names "$SOFTIB"/devices)

for v in sideways ""; do refused softib0/1 link "$v" "$EINVAL"; done
for v in 16 -1 abc 4294967296; do refused softib0/1 subnet "$v" "$EINVAL"; done
for v in 0 0xc000 0xffff 65536 abc 4294967296; do refused softib0/1 lid "$v" "$EINVAL"; done
refused softib0/1 lid "$(cat "$SOFTIB"/devices/softib0/port2/lid)" "File exists"
for v in 0x10000 zz "0xffff zz"; do refused softib0/1 pkeys "$v" "$EINVAL"; done
for v in xyz 0x1g 0x10000000000000000; do refused softib0/1 gid_prefix "$v" "$EINVAL"; done
for v in XDR qdr2 ""; do refused softib0/1 speed "$v" "$EINVAL"; done
for v in 3x 16x; do refused softib0/1 width "$v" "$EINVAL"; done
for v in -1 abc 4294967296; do refused softib0/1 rate_mbit "$v" "$EINVAL"; done
for v in 1000001 -1 99999999999; do refused softib0/1 delay_us "$v" "$EINVAL"; done
for v in 1000001 -1 99999999999; do refused softib0/1 loss_ppm "$v" "$EINVAL"; done
check_err "reregister 'abc'" "$EINVAL" sysw "$SOFTIB"/devices/softib0/port1/reregister abc
check_err "sm_change 'abc'" "$EINVAL" sysw "$SOFTIB"/devices/softib0/port1/sm_change abc
for f in sm_lid guid stats/tx_packets; do
	check_fail "$f is read-only" sysw "$SOFTIB/devices/softib0/port1/$f" 1
done

check_err "new_device '0 2' (exists)" "File exists" sysw "$SOFTIB"/new_device "0 2"
for v in "256 1" "5 0" "5 9" "5" "x y" "-1 2"; do
	check_err "new_device '$v'" "$EINVAL" sysw "$SOFTIB"/new_device "$v"
done
check_err "del_device '99' (absent)" "No such device" sysw "$SOFTIB"/del_device 99
check_err "del_device 'abc'" "$EINVAL" sysw "$SOFTIB"/del_device abc
check_eq "the same devices as before" "$devs" "$(names "$SOFTIB"/devices)"
check_eq "ib_core still has the old LID" "$lid" "$(cat "$IB"/softib0/ports/1/lid)"
check_eq "softib0/1 still ACTIVE" ACTIVE "$(port_state softib0 1)"

# softibctl reports the kernel's errno, or its own lookup failure.
check_err "softibctl lid 0" "$EINVAL" softibctl port softib0/1 lid 0
check_err "softibctl add 0 2" "File exists" softibctl add 0 2
check_err "softibctl del 99" "No such device" softibctl del 99
check_err "softibctl unknown port" "no such port" softibctl port softib0/3 link up
check_err "softibctl unknown device" "no such device" softibctl port softib9/1 link up
check_fail "softibctl unknown setting" softibctl port softib0/1 colour blue
check_fail "softibctl unknown command" softibctl frobnicate
check "softibctl help" softibctl help

ksft_exit
