#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install what building and testing ibfo needs, from Debian's archive.
# Idempotent and quiet when everything is present.  Must run as root the
# first time on a fresh machine.
set -eu
# shellcheck source=../lib/apt.sh
. "$(dirname "$0")/../lib/apt.sh"

pkgs=(
	linux-image-amd64 linux-headers-amd64	# the kernel the guest boots + KDIR
	qemu-system-x86 busybox-static		# the guest
	iproute2 kmod cpio ethtool		# copied into the guest
	gcc make sparse linux-source-6.1	# build, sparse, checkpatch.pl
	dpkg-dev dkms				# ip plugin source, dkms test
	libmnl-dev				# tools/fuzz (netlink messages)
)

host_install "${pkgs[@]}"
