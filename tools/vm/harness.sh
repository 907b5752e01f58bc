#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The systemd guest's counterpart of tools/vm/init (run by
# ibfo-harness.service once the boot is done): runs /opt/ibfo/cmd with
# its output on ttyS1.  If the command asks for a reboot (it created
# /run/ibfo-harness/reboot), the guest reboots and the command runs again
# at the next boot (it keeps its own state on the disk); otherwise the
# exit status and the kernel log go to ttyS1 between the markers run.sh
# parses, and the guest powers off.
PATH=/usr/sbin:/usr/bin:/sbin:/bin
out=/dev/ttyS1
stty -F $out raw -echo 2>/dev/null
boot=$(cat /var/lib/ibfo-harness/boots 2>/dev/null || echo 0)
boot=$((boot + 1))
echo $boot > /var/lib/ibfo-harness/boots
echo "ibfo-harness: running the command (boot $boot)" > /dev/kmsg
mkdir -p /run/ibfo-harness
cd /opt/ibfo || exit 1
IBFO_BOOT=$boot sh /opt/ibfo/cmd >$out 2>&1 </dev/null
rc=$?
if [ -e /run/ibfo-harness/reboot ]; then
	# This boot's kernel log, for the host's splat scan.
	{
		echo "@@IBFO-DMESG@@"
		dmesg
		echo "@@IBFO-DMESG-END@@"
	} >$out
	sync
	systemctl reboot
	exit 0
fi
{
	echo "@@IBFO-EXIT@@ $rc"
	echo "@@IBFO-DMESG@@"
	dmesg
	echo "@@IBFO-END@@"
} >$out
sync
systemctl poweroff --force --force
