#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot tests in the Debian 12 systemd guest (tools/boot/check.sh boots it
# with bookworm-setup as first-boot setup); one phase per boot:
#   1  systemd-networkd (ibfo@ibfo0.service + a .network file) and
#      ifupdown (networking.service: ibfo1) at boot: addresses, pings,
#      failover under traffic, systemctl restart/stop/start; bad
#      /etc/ibfo files fail the unit with the reason; reboot
#   2  both again after the reboot; then NetworkManager 1.42 (no device
#      handler, and it cannot configure ibfo0: it sees an InfiniBand
#      device) with ibfo0 in /etc/network/interfaces, as documented:
#      NetworkManager leaves it and its slaves working, failover; an
#      infiniband connection for ibfo0 fails without harm; NM enabled
#      instead of networkd; reboot
#   3  NetworkManager and ifupdown at boot
# shellcheck disable=SC2034 # read by lib.sh
TOOLS_DIR=/nonexistent
# shellcheck source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=guest.lib
. /opt/ibfo/tools/boot/guest.lib

ibfo1_works()
{
	check "networking.service is active" systemctl is-active -q networking.service
	journalctl -b -u networking.service -o short-monotonic --no-pager |
		grep -v '^-- ' | tail -n 3 | sed 's/^/#   networking: /'
	check "ifupdown made ibfo1 at boot over ib2 and ib3" slaves_of ibfo1 ib2 ib3
	check "ibfo1 is in active-backup with primary ib2" \
		sh -c "$IP -d link show ibfo1 | grep -q 'ibfo mode active-backup primary ib2 '"
	check "ibfo1 has 198.51.100.1/24" has_addr ibfo1 198.51.100.1/24
	check "B pings ibfo1" wait_for 20 b_pings 198.51.100.1
}

networkd_state() { networkctl list --no-legend --no-pager | awk -v l="$1" '$2 == l { print $5 }'; }

phase1()
{
	log "== boot $IBFO_BOOT: systemd-networkd and ifupdown at boot (Debian 12, $(uname -r))"
	check_booted
	check "ibfo-test-fabric.service is active" systemctl is-active -q ibfo-test-fabric.service
	check "ibfo@ibfo0.service is active" systemctl is-active -q ibfo@ibfo0.service
	check "ibfo@ibfo0 is ordered after ib0's and ib1's devices" sh -c \
		"systemctl show -p After ibfo@ibfo0.service | grep -q sys-subsystem-net-devices-ib0.device &&
		 systemctl show -p After ibfo@ibfo0.service | grep -q sys-subsystem-net-devices-ib1.device"
	check "systemd-networkd is active" systemctl is-active -q systemd-networkd.service
	ibfo0_works systemd-networkd
	check "networkctl: ibfo0 configured" wait_for 20 sh -c "networkctl list --no-legend | grep -q ' ibfo0 .* configured'"
	check_eq "networkctl: ib0 unmanaged" unmanaged "$(networkd_state ib0)"
	check_eq "networkctl: ib1 unmanaged" unmanaged "$(networkd_state ib1)"
	networkctl list --no-legend --no-pager | sed 's/^/#   networkctl: /'
	failover_under_traffic ibfo0 192.0.2.1

	check "systemctl restart ibfo@ibfo0" systemctl restart ibfo@ibfo0.service
	ibfo0_works "systemd-networkd (after the restart)"
	check "systemctl stop ibfo@ibfo0" systemctl stop ibfo@ibfo0.service
	check_fail "ibfo0 is gone" "$IP" link show ibfo0
	check_eq "ib0 is released" "" "$(master_of ib0)"
	check_eq "ib1 is released" "" "$(master_of ib1)"
	check "systemctl start ibfo@ibfo0" systemctl start ibfo@ibfo0.service
	ibfo0_works "systemd-networkd (after stop and start)"

	ibfo1_works
	check_eq "networkctl: ibfo1 (ifupdown's) unmanaged" unmanaged "$(networkd_state ibfo1)"
	failover_under_traffic ibfo1 198.51.100.1

	badconf
	reboot_next 2
}

# Bad /etc/ibfo files: the unit fails with the reason in its journal and
# leaves no link behind, nothing enslaved.
badconf()
{
	log "-- bad configurations"
	printf 'slaves ib3\ncolour blue\n' > /etc/ibfo/bad1.conf
	printf 'slaves ib9\ndevice-timeout 3\n' > /etc/ibfo/bad2.conf
	printf 'slaves ib2\n' > /etc/ibfo/bad3.conf
	printf 'slaves ib3\nmode active-bakup\n' > /etc/ibfo/bad4.conf
	systemctl daemon-reload
	links=$("$IP" -o link show | cut -d: -f2 | sort | tr '\n' ' ')
	unit_fails_with ibfo@bad1.service "unknown option colour"
	unit_fails_with ibfo@bad2.service "slave ib9 does not exist"
	unit_fails_with ibfo@bad3.service "slave ib2 is already enslaved to ibfo1"
	unit_fails_with ibfo@bad4.service 'mode must be active-backup or multipath, not "active-bakup"'
	unit_fails_with ibfo@bad5.service "no /etc/ibfo/bad5.conf"
	check_eq "the failed units left no link behind" "$links" \
		"$("$IP" -o link show | cut -d: -f2 | sort | tr '\n' ' ')"
	check_eq "ib3 is still ibfo1's" ibfo1 "$(master_of ib3)"
	check_eq "ib2 is still ibfo1's" ibfo1 "$(master_of ib2)"
	check "ibfo1 still answers" b_pings 198.51.100.1
	rm -f /etc/ibfo/bad*.conf
	systemctl reset-failed
	systemctl daemon-reload
}

nm_devices()	# nm_devices: NetworkManager's view of our links, logged
{
	nmcli -t -f DEVICE,TYPE,STATE device | grep -E '^(ib[0-3]|ibfo[01]):' | sed "s/^/#   nmcli ($1): /"
}

phase2()
{
	log "== boot $IBFO_BOOT: after the reboot (Debian 12)"
	check_booted
	check "ibfo@ibfo0.service is active again" systemctl is-active -q ibfo@ibfo0.service
	ibfo0_works "systemd-networkd (after the reboot)"
	ibfo1_works

	log "-- NetworkManager $(NetworkManager --version) instead of systemd-networkd"
	# NetworkManager 1.42 cannot configure ibfo0 (see phase 3): as
	# documented, ifupdown does, and NetworkManager's ifupdown plugin
	# leaves what /etc/network/interfaces configures unmanaged.
	check "systemd-networkd stopped and disabled" \
		systemctl disable --now systemd-networkd.socket systemd-networkd.service
	check "ibfo@ibfo0 stopped and disabled" systemctl disable --now ibfo@ibfo0.service
	cat >> /etc/network/interfaces <<EOT

auto ibfo0
iface ibfo0 inet static
    address 192.0.2.1/24
    ibfo-slaves ib0 ib1
    ibfo-mode active-backup
    ibfo-primary ib0

iface ibfo0 inet6 static
    address fd00:1::1/64
EOT
	check "ifup ibfo0" ifup ibfo0
	check "NetworkManager starts" systemctl start NetworkManager.service
	check "NetworkManager finished its startup" nm-online -s -q -t 60
	sleep 3
	nm_devices "NetworkManager started"
	nm_leaves_alone
	ibfo0_works "ifupdown, under NetworkManager"
	failover_under_traffic ibfo0 192.0.2.1
	nm_devices "after the failover"
	check "ib0 and ib1 are still ibfo0's after the failover" slaves_of ibfo0 ib0 ib1
	# An admin's attempt to have NetworkManager 1.42 configure ibfo0: it
	# refuses, as ifupdown's ibfo0 is "strictly unmanaged" (on a master
	# it manages, an infiniband connection fails in stage 1, when it
	# writes the IPoIB transport mode to /sys/class/net/ibfo0/mode, and
	# a generic connection does not match an InfiniBand device: seen by
	# hand, not tested here).  The attempt must leave ibfo0 working.
	check "nmcli connection add type infiniband ifname ibfo0 (no autoconnect)" \
		nmcli connection add type infiniband ifname ibfo0 con-name ibfo0-nm \
		connection.autoconnect no infiniband.transport-mode datagram \
		ipv4.method manual ipv4.addresses 192.0.2.1/24
	check_fail "NetworkManager 1.42 does not activate it on ibfo0" \
		nmcli -w 20 connection up ibfo0-nm ifname ibfo0
	journalctl -b -u NetworkManager -o cat --no-pager | grep -F 'ibfo0' | tail -n 3 |
		sed 's/^/#   NetworkManager: /'
	check "nmcli connection delete ibfo0-nm" nmcli connection delete ibfo0-nm
	ibfo0_works "ifupdown, after NetworkManager's attempt"
	check "NetworkManager enabled for the next boot" systemctl enable NetworkManager.service
	reboot_next 3
}

# nm_leaves_alone: NetworkManager leaves the masters and their slaves as
# ibfo needs them.
nm_leaves_alone()
{
	check "NetworkManager leaves ibfo0 unmanaged (ifupdown's)" \
		sh -c "nmcli -t -f DEVICE,STATE device | grep -qx 'ibfo0:unmanaged'"
	check "NetworkManager leaves ibfo1 unmanaged (ifupdown's)" \
		sh -c "nmcli -t -f DEVICE,STATE device | grep -qx 'ibfo1:unmanaged'"
	check "ib0 and ib1 are still ibfo0's, up" slaves_of ibfo0 ib0 ib1
	check "ib2 and ib3 are still ibfo1's, up" slaves_of ibfo1 ib2 ib3
	check "no address on the slaves" no_addr_on ib0 ib1 ib2 ib3
}

phase3()
{
	log "== boot $IBFO_BOOT: NetworkManager and ifupdown at boot (Debian 12)"
	check_booted
	check_fail "systemd-networkd is not running" systemctl is-active -q systemd-networkd.service
	check "NetworkManager is active" systemctl is-active -q NetworkManager.service
	check "NetworkManager finished its startup" nm-online -s -q -t 60
	nm_devices "boot"
	nm_leaves_alone
	ibfo0_works "ifupdown, at boot under NetworkManager"
	ibfo1_works
	failover_under_traffic ibfo0 192.0.2.1

	# The admin edits ibfo1's stanza while it is up: ifdown deletes it
	# even when the stanza has gone bad; numbers are decimal.
	sed -i 's/^    ibfo-primary ib2$/&\n    ibfo-colour blue/' /etc/network/interfaces
	check "ifdown ibfo1 (its stanza now has a bad option)" ifdown ibfo1
	check_fail "ibfo1 is gone" "$IP" link show ibfo1
	check_eq "ib2 released" "" "$(master_of ib2)"
	sed -i 's/^    ibfo-colour blue$/    ibfo-updelay 0100/' /etc/network/interfaces
	check "ifup ibfo1 with ibfo-updelay 0100" ifup ibfo1
	check "ibfo1 has updelay 100 (decimal)" \
		sh -c "$IP -d link show ibfo1 | grep -q ' updelay 100 '"
}

p=$(phase)
case $p in
1) phase1 ;;
2) phase2 ;;
3) phase3 ;;
*) fail "unknown phase $p" ;;
esac
ksft_exit
