#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Guest half of make check's package test (tools/deb/test.sh): the
# modules DKMS built from ibfo-dkms and softib-dkms, and ibfo-tools' ip
# plugin, ifupdown hook and softibctl, all as installed on the build
# machine, with Debian's own ifup/ifdown.  Host A brings ibfo0 up from an
# interfaces(5) stanza, survives one failover, refuses bad stanzas without
# leaving anything behind, and ifdown removes ibfo0.
# usage: VERSION=V PLUGIN_MD5=M smoke.sh

# Only installed tools: not the source tree's softibctl.
# shellcheck disable=SC2034 # read by lib.sh
TOOLS_DIR=/nonexistent
# shellcheck source-path=SCRIPTDIR source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=../../selftests/softib.lib
. /opt/ibfo/selftests/softib.lib
PATH=$PATH:/usr/sbin

iplib=/usr/lib/x86_64-linux-gnu/ip
check_eq "softibctl is the installed one" /usr/sbin/softibctl "$(command -v softibctl)"
check_eq "the ip plugin is the installed one" "$PLUGIN_MD5" \
	"$(md5sum "$iplib/link_ibfo.so" | cut -d' ' -f1)"
check_eq "softib.ko is the DKMS-built version" "$VERSION" "$(modinfo -F version softib)"
check_eq "ibfo.ko is the DKMS-built version" "$VERSION" "$(modinfo -F version ibfo)"
check "ifup is Debian's ifupdown" sh -c "ifup -V | grep -q 'ifup version'"

softib_load num_hcas=2 num_ports=2
two_hosts
# shellcheck disable=SC2154 # a1 a2 b1 are set by two_hosts
ns_add A
"$IP" -n A link set lo up
"$IP" link set "$a1" netns A
"$IP" link set "$a2" netns A
host B "$b1" 192.0.2.2/24

mkdir -p /run/network
conf=/tmp/interfaces
cat > "$conf" <<EOT
auto ibfo0
iface ibfo0 inet static
    address 192.0.2.1/24
    ibfo-slaves $a1 $a2
    ibfo-mode active-backup
    ibfo-primary $a1
    ibfo-peer-notify-count 2

iface ibfo1 inet manual
    ibfo-slaves $a2
    ibfo-mode sideways

iface ibfo2 inet manual
    ibfo-slaves $a2
    ibfo-colour blue

iface ibfo3 inet manual
    ibfo-slaves lo
EOT
check "ifup ibfo0" nsx A ifup -i "$conf" ibfo0
defer "$IP -n A link del ibfo0"
check "the plugin shows ibfo0 in active-backup, primary $a1" \
	sh -c "$IP -n A -d link show ibfo0 | grep -q 'ibfo mode active-backup primary $a1 '"
check "ibfo-peer-notify-count reached the kernel" \
	sh -c "$IP -n A -d link show ibfo0 | grep -q 'peer_notify_count 2 '"
for s in "$a1" "$a2"; do
	check "$s is enslaved" sh -c "$IP -n A link show $s | grep -q 'master ibfo0'"
done
check "ibfo0 has 192.0.2.1" sh -c "$IP -n A addr show ibfo0 | grep -q 'inet 192.0.2.1/24'"
check "A pings B over ibfo0" wait_for "$WAIT" ping_ok A 192.0.2.2
check "$a1 is the active slave" \
	sh -c "$IP -n A -d link show $a1 | grep -q 'ibfo_slave state active'"

check "softibctl takes softib0/1 down" softibctl port softib0/1 link down
check "$a2 takes over" wait_for "$WAIT" \
	sh -c "$IP -n A -d link show $a2 | grep -q 'ibfo_slave state active'"
check "A pings B after the failover" wait_for "$WAIT" ping_ok A 192.0.2.2

# Bad stanzas: ifup fails with the hook's or the kernel's reason and
# nothing is created or enslaved.
links=$("$IP" -n A -o link show | cut -d: -f2 | sort | tr '\n' ' ')
check_err "ifup refuses ibfo-mode sideways" "ibfo-mode must be active-backup or multipath" \
	nsx A ifup -i "$conf" ibfo1
check_err "ifup refuses an unknown option" "unknown option ibfo-colour" \
	nsx A ifup -i "$conf" ibfo2
check_err "ifup refuses a non-IPoIB slave (kernel's reason)" \
	"only IPoIB devices can be enslaved" nsx A ifup -i "$conf" ibfo3
check_eq "the failed ifups changed no link" "$links" \
	"$("$IP" -n A -o link show | cut -d: -f2 | sort | tr '\n' ' ')"
check "$a2 still in ibfo0" sh -c "$IP -n A link show $a2 | grep -q 'master ibfo0'"

check "ifdown ibfo0" nsx A ifdown -i "$conf" ibfo0
check_fail "ibfo0 is gone" "$IP" -n A link show ibfo0
for s in "$a1" "$a2"; do
	check "$s is released" sh -c "! $IP -n A link show $s | grep -q master"
done
ksft_exit
