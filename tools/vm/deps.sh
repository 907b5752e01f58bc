#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install what building and testing ibfo needs, from Debian's archive.
# Idempotent and quiet when everything is present.  Must run as root the
# first time on a fresh machine.
set -eu

pkgs=(
	linux-image-amd64 linux-headers-amd64	# the kernel the guest boots + KDIR
	qemu-system-x86 busybox-static		# the guest
	iproute2 kmod cpio ethtool		# copied into the guest
	gcc make sparse linux-source-6.1	# build, sparse, checkpatch.pl
	dpkg-dev dkms				# ip plugin source, dkms test
	libmnl-dev				# tools/fuzz (netlink messages)
)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}" >&2
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: need root to install ${missing[*]}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "${missing[@]}" >&2
