#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Print the release of the newest Debian amd64 kernel that has both an
# image (for the guest) and headers (for KDIR) installed.
set -eu
for h in $(ls -d /usr/src/linux-headers-*-amd64 2>/dev/null | sort -rV); do
	kver=${h#/usr/src/linux-headers-}
	if [ -r "/boot/vmlinuz-$kver" ] && [ -d "/lib/modules/$kver/kernel" ]; then
		echo "$kver"
		exit 0
	fi
done
echo "kernel.sh: no linux-image + linux-headers pair installed (run tools/vm/deps.sh)" >&2
exit 1
