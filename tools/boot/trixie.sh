#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot tests in the Debian 13 systemd guest (NetworkManager 1.52 and the
# ibfo device handler; tools/boot/check.sh boots it with trixie-setup):
#   1  ibfo1 (a keyfile with the ibfo options in its user data) came up
#      at boot; ibfo0 made with nmcli (generic.device-handler ibfo, the
#      options in /etc/ibfo/ibfo0.conf): con up/down create and delete
#      the master, failover under traffic; connections with bad options
#      fail with the reason in NetworkManager's log, leaving nothing;
#      reboot
#   2  both masters back at boot
# shellcheck disable=SC2034 # read by lib.sh
TOOLS_DIR=/nonexistent
# shellcheck source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=guest.lib
. /opt/ibfo/tools/boot/guest.lib

nm_devices()
{
	nmcli -t -f DEVICE,TYPE,STATE device | grep -E '^(ib[0-3]|ibfo[01]):' | sed "s/^/#   nmcli ($1): /"
}
# shellcheck disable=SC2317 # run through wait_for
con_active() { nmcli -g GENERAL.STATE connection show "$1" 2>/dev/null | grep -q activated; }

# nm_ibfo0_works WHEN: ibfo0 as NetworkManager made it, with the
# primary of /etc/ibfo/ibfo0.conf.
nm_ibfo0_works()
{
	ibfo0_works "NetworkManager ($1)"
	check "ibfo0 is in active-backup with primary ib0 (/etc/ibfo/ibfo0.conf)" \
		sh -c "$IP -d link show ibfo0 | grep -q 'ibfo mode active-backup primary ib0 '"
}

ibfo1_works()
{
	check "ibfo1 connection (keyfile, user data) active ($1)" wait_for 30 con_active ibfo1
	check "ibfo1 has ib2 and ib3 as slaves, up" slaves_of ibfo1 ib2 ib3
	check "ibfo1 has primary ib3 (ibfo.primary in the user data)" \
		sh -c "$IP -d link show ibfo1 | grep -q 'ibfo mode active-backup primary ib3 '"
	check "ibfo1 has the options of hyphenated keys (ibfo.primary-reselect, ibfo.peer-notify-count)" \
		sh -c "$IP -d link show ibfo1 | grep -q ' primary_reselect failure .* peer_notify_count 5 '"
	check "ibfo1 has 198.51.100.1/24" wait_for 30 has_addr ibfo1 198.51.100.1/24
	check "B pings ibfo1" wait_for 20 b_pings 198.51.100.1
}

# bad_con NAME TEXT USERDATA...: a connection whose user data is bad
# fails to come up, NetworkManager's log has the handler's reason, and
# no link is left.
bad_con()
{
	_n=$1 _t=$2
	shift 2
	_f=/etc/NetworkManager/system-connections/$_n.nmconnection
	{
		printf '[connection]\nid=%s\ntype=generic\ninterface-name=%s\nautoconnect=false\n' "$_n" "$_n"
		printf '[generic]\ndevice-handler=ibfo\n[ipv4]\nmethod=disabled\n[ipv6]\nmethod=disabled\n[user]\n'
		printf '%s\n' "$@"
	} > "$_f"
	chmod 600 "$_f"
	nmcli connection load "$_f"
	check_fail "nmcli connection up $_n fails" nmcli -w 20 connection up "$_n"
	check "NetworkManager's log has the reason: $_t" wait_for 5 \
		sh -c "journalctl -b -u NetworkManager -u NetworkManager-dispatcher -o cat | grep -qF -- '$_t'"
	journalctl -b -u NetworkManager -u NetworkManager-dispatcher -o cat | grep -F -- "$_t" |
		tail -n 2 | sed 's/^/#   journal: /'
	check_fail "NetworkManager's log names $_n once per message" \
		sh -c "journalctl -b -u NetworkManager -u NetworkManager-dispatcher -o cat | grep -qF -- '$_n: ibfo: $_n:'"
	check_fail "no link $_n is left" "$IP" link show "$_n"
	nmcli connection delete "$_n" >/dev/null 2>&1
}

phase1()
{
	log "== boot $IBFO_BOOT: NetworkManager $(NetworkManager --version) with the ibfo device handler (Debian 13, $(uname -r))"
	check_booted
	check "ibfo-test-fabric.service is active" systemctl is-active -q ibfo-test-fabric.service
	check "NetworkManager is active" systemctl is-active -q NetworkManager.service
	check "the device handler is installed" test -x /usr/lib/NetworkManager/dispatcher.d/device/ibfo
	ibfo1_works "at boot"
	nm_devices "boot"

	check "nmcli connection add type generic ifname ibfo0 generic.device-handler ibfo" \
		nmcli connection add type generic ifname ibfo0 con-name ibfo0 \
		generic.device-handler ibfo \
		ipv4.method manual ipv4.addresses 192.0.2.1/24 \
		ipv6.method manual ipv6.addresses fd00:1::1/64
	check "NetworkManager activates ibfo0" wait_for 30 con_active ibfo0
	nm_ibfo0_works "con add"
	nm_devices "ibfo0 up"
	failover_under_traffic ibfo0 192.0.2.1
	check "ib0 and ib1 are still ibfo0's after the failover" slaves_of ibfo0 ib0 ib1

	check "nmcli connection down ibfo0" nmcli connection down ibfo0
	check "ibfo0 is deleted" wait_for 10 sh -c "! $IP link show ibfo0"
	check_eq "ib0 is released" "" "$(master_of ib0)"
	check_eq "ib1 is released" "" "$(master_of ib1)"
	nm_devices "ibfo0 down"
	check "nmcli connection up ibfo0" nmcli -w 30 connection up ibfo0
	nm_ibfo0_works "con up"
	check "nmcli connection down ibfo1" nmcli connection down ibfo1
	check "ibfo1 is deleted" wait_for 10 sh -c "! $IP link show ibfo1"
	check "nmcli connection up ibfo1" nmcli -w 30 connection up ibfo1
	ibfo1_works "con up"
	failover_under_traffic ibfo1 198.51.100.1

	log "-- bad connections"
	links=$("$IP" -o link show | cut -d: -f2 | sort | tr '\n' ' ')
	bad_con bad1 "unknown option ibfo.colour" "ibfo.slaves=ib3" "ibfo.colour=blue"
	bad_con bad2 "slave ib9 does not exist" "ibfo.slaves=ib9"
	bad_con bad3 "slave ib2 is already enslaved to ibfo1" "ibfo.slaves=ib2"
	bad_con bad4 'ibfo.mode must be active-backup or multipath, not "active-bakup"' \
		"ibfo.slaves=ib3" "ibfo.mode=active-bakup"
	bad_con bad5 "no ibfo.* user data in the connection and no /etc/ibfo/bad5.conf"
	check_eq "the failed activations left no link behind" "$links" \
		"$("$IP" -o link show | cut -d: -f2 | sort | tr '\n' ' ')"
	check_eq "ib2 is still ibfo1's" ibfo1 "$(master_of ib2)"
	check "ibfo1 still answers" b_pings 198.51.100.1
	reboot_next 2
}

phase2()
{
	log "== boot $IBFO_BOOT: after the reboot (Debian 13)"
	check_booted
	check "ibfo0 (nmcli-made) came back at boot" wait_for 30 con_active ibfo0
	nm_ibfo0_works "at boot"
	ibfo1_works "at boot"
	nm_devices "boot"
	failover_under_traffic ibfo0 192.0.2.1
}

p=$(phase)
case $p in
1) phase1 ;;
2) phase2 ;;
*) fail "unknown phase $p" ;;
esac
ksft_exit
