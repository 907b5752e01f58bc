#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot tests in the Debian 12 systemd guest (tools/boot/check.sh boots it
# with bookworm-setup as first-boot setup); one phase per boot:
#   1  systemd-networkd (ibfo@ibfo0.service + a .network file) and
#      ifupdown (networking.service: ibfo1) at boot: addresses, pings,
#      failover under traffic, systemctl restart/stop/start; bad
#      /etc/ibfo files fail the unit with the reason; reboot
#   2  both again after the reboot; then NetworkManager 1.42 (no device
#      handler): ibfo@ibfo0 creates ibfo0, NM configures it with an
#      infiniband connection (first with the slaves managed, then unmanaged as
#      documented), nmcli con down/up, failover; NM enabled instead of
#      networkd; reboot
#   3  NetworkManager at boot
# shellcheck disable=SC2034 # read by lib.sh
TOOLS_DIR=/nonexistent
# shellcheck source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=guest.lib
. /opt/ibfo/tools/boot/guest.lib

# ibfo0_works HOW: ibfo0 over ib0 and ib1 with its addresses, reached by B.
ibfo0_works()
{
	check "ibfo0 has ib0 and ib1 as slaves, up" slaves_of ibfo0 ib0 ib1
	check "$1 gave ibfo0 192.0.2.1/24" wait_for 30 has_addr ibfo0 192.0.2.1/24
	check "$1 gave ibfo0 fd00:1::1/64" wait_for 30 has_addr ibfo0 fd00:1::1/64
	check "ib0 and ib1 have no address of their own" no_addr_on ib0 ib1
	check "A pings B over ibfo0" wait_for 20 a_pings 192.0.2.2
	check "B pings ibfo0" wait_for 20 b_pings 192.0.2.1
	check "B pings ibfo0 over IPv6" wait_for 20 b_pings fd00:1::1
}

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
	printf 'slaves ib3 ib9\ndevice-timeout 3\n' > /etc/ibfo/bad2.conf
	printf 'slaves ib3 ib2\n' > /etc/ibfo/bad3.conf
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
	check "systemd-networkd stopped and disabled" \
		systemctl disable --now systemd-networkd.socket systemd-networkd.service
	check "ibfo@ibfo0 restarted: a fresh ibfo0" systemctl restart ibfo@ibfo0.service
	# What NetworkManager does to the slaves when nothing tells it to
	# leave them alone: it must not break ibfo.
	check "NetworkManager starts" systemctl start NetworkManager.service
	check "NetworkManager finished its startup" nm-online -s -q -t 60
	sleep 3
	nm_devices "slaves managed"
	check "ib0 and ib1 are still ibfo0's, up" slaves_of ibfo0 ib0 ib1
	check "ib2 and ib3 are still ibfo1's, up" slaves_of ibfo1 ib2 ib3
	check "no address on the slaves" no_addr_on ib0 ib1 ib2 ib3
	# NM 1.42 sees ibfo0 as an InfiniBand device (ARPHRD_INFINIBAND):
	# a generic connection does not match it, an infiniband one does.
	check "nmcli connection add (infiniband, ifname ibfo0, static IPv4 and IPv6)" \
		nmcli connection add type infiniband ifname ibfo0 con-name ibfo0 \
		infiniband.transport-mode datagram \
		ipv4.method manual ipv4.addresses 192.0.2.1/24 \
		ipv6.method manual ipv6.addresses fd00:1::1/64
	check "NetworkManager activates ibfo0" wait_for 30 sh -c \
		"nmcli -g GENERAL.STATE connection show ibfo0 | grep -q activated"
	nm_devices "ibfo0 activated, slaves managed"
	ibfo0_works "NetworkManager"
	failover_under_traffic ibfo0 192.0.2.1
	nm_devices "after the failover, slaves managed"
	check "ib0 and ib1 are still ibfo0's after the failover" slaves_of ibfo0 ib0 ib1

	# The documented way: the slaves unmanaged.
	cat > /etc/NetworkManager/conf.d/ibfo-slaves.conf <<EOT
[keyfile]
unmanaged-devices=interface-name:ib0;interface-name:ib1;interface-name:ib2;interface-name:ib3
EOT
	check "NetworkManager restarts with the slaves unmanaged" systemctl restart NetworkManager.service
	check "NetworkManager finished its startup" nm-online -s -q -t 60
	check "ib0 unmanaged" wait_for 10 sh -c "nmcli -t -f DEVICE,STATE device | grep -qx 'ib0:unmanaged'"
	check "ib1 unmanaged" wait_for 10 sh -c "nmcli -t -f DEVICE,STATE device | grep -qx 'ib1:unmanaged'"
	nm_devices "slaves unmanaged"
	check "ibfo0 connection active again" wait_for 30 sh -c \
		"nmcli -g GENERAL.STATE connection show ibfo0 | grep -q activated"
	ibfo0_works "NetworkManager (slaves unmanaged)"
	check "nmcli connection down ibfo0" nmcli connection down ibfo0
	check "ibfo0 lost its address" wait_for 10 sh -c "! $IP -o addr show dev ibfo0 | grep -q 192.0.2.1"
	check "ibfo0 keeps its slaves (ibfo@ibfo0 owns it)" slaves_of ibfo0 ib0 ib1
	check_fail "B no longer reaches 192.0.2.1" b_pings 192.0.2.1
	check "nmcli connection up ibfo0" nmcli connection up ibfo0
	ibfo0_works "NetworkManager (con up)"
	failover_under_traffic ibfo0 192.0.2.1
	check "NetworkManager enabled for the next boot" systemctl enable NetworkManager.service
	reboot_next 3
}

phase3()
{
	log "== boot $IBFO_BOOT: NetworkManager at boot (Debian 12)"
	check_booted
	check_fail "systemd-networkd is not running" systemctl is-active -q systemd-networkd.service
	check "ibfo@ibfo0.service is active" systemctl is-active -q ibfo@ibfo0.service
	check "NetworkManager activated ibfo0 at boot" wait_for 30 sh -c \
		"nmcli -g GENERAL.STATE connection show ibfo0 | grep -q activated"
	nm_devices "boot"
	check "ib0 unmanaged" sh -c "nmcli -t -f DEVICE,STATE device | grep -qx 'ib0:unmanaged'"
	ibfo0_works "NetworkManager (at boot)"
	ibfo1_works
	failover_under_traffic ibfo0 192.0.2.1
}

p=$(phase)
case $p in
1) phase1 ;;
2) phase2 ;;
3) phase3 ;;
*) fail "unknown phase $p" ;;
esac
ksft_exit
