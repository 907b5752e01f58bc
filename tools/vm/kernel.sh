#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The kernel lanes: each supported kernel, where its headers, image and
# modules come from, and how to build against it.
#
# usage: kernel.sh list            the lane names, one per line
#        kernel.sh env [NAME]      NAME's variables, one VAR=value a line:
#                                  KERNEL KVER KDIR IMAGE MODROOT CHROOT
#                                  (without NAME: the running kernel if
#                                  its headers are installed, else lane
#                                  6.1)
#        kernel.sh get VAR [NAME]  one of those variables
#        kernel.sh install NAME [PKG...]
#                                  install what lane NAME lacks (root),
#                                  and the Debian packages PKG where its
#                                  modules are built (this machine, or
#                                  its CHROOT: e.g. dkms)
#
# Lanes (Debian's own images, headers and compilers):
#   6.1     Debian 12's kernel (bookworm), on the host
#   6.12    bookworm-backports' 6.12 (built by Debian with gcc-12, like the
#           host's), on the host
#   latest  the newest kernel Debian ships: trixie-backports' (7.x, built
#           with trixie's gcc-14), in a Debian 13 tree (chroot.sh), whose
#           compiler and kbuild tools need trixie's libc
# KDIR is the headers' path as the build sees it (inside CHROOT if set);
# IMAGE and MODROOT are host paths for the test guest.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
PATH=$PATH:/usr/sbin:/sbin
LANES="6.1 6.12 latest"
DEFAULT_LANE=6.1
CHROOT_SUITE=trixie CHROOT_EXTRA=trixie-backports
BACKPORTS=bookworm-backports

die() { echo "kernel.sh: $*" >&2; exit 1; }
# shellcheck source=../lib/apt.sh
. "$here/../lib/apt.sh"

# newest_kver ROOT GLOB: the newest release under ROOT with headers,
# an image and modules.
newest_kver()
{
	local root=$1 glob=$2 h kver
	for h in $(ls -d "$root"/usr/src/linux-headers-$glob-amd64 2>/dev/null | sort -rV); do
		kver=${h##*/linux-headers-}
		if [ -n "$(image_of "$root" "$kver")" ] &&
		   [ -d "$root/lib/modules/$kver/kernel" ]; then
			echo "$kver"
			return 0
		fi
	done
	return 1
}

# Debian 7.x kernels may keep the image next to the modules.
image_of()
{
	local f
	for f in "$1/boot/vmlinuz-$2" "$1/usr/lib/modules/$2/vmlinuz"; do
		[ -r "$f" ] && { echo "$f"; return 0; }
	done
}

chroot_dir() { "$here/chroot.sh" path "$CHROOT_SUITE" "$CHROOT_EXTRA"; }

lane_env()
{
	local name=$1 root=/ chroot="" kver
	case $name in
	6.1) kver=$(newest_kver "" "6.1.[0-9]*") ;;
	6.12) kver=$(newest_kver "" "6.12.[0-9]*") ;;
	latest)
		chroot=$(chroot_dir)
		root=$chroot
		kver=$(newest_kver "$chroot" "[0-9]*")
		;;
	*) die "unknown kernel '$name' (lanes: $LANES)" ;;
	esac || die "kernel $name is not installed (make kernels, or tools/vm/kernel.sh install $name)"
	echo "KERNEL=$name"
	echo "KVER=$kver"
	echo "KDIR=/usr/src/linux-headers-$kver"
	echo "IMAGE=$(image_of "${root%/}" "$kver")"
	echo "MODROOT=$root"
	echo "CHROOT=$chroot"
}

running_env()
{
	local kver
	kver=$(uname -r)
	if [ -d "/lib/modules/$kver/build" ]; then
		echo "KERNEL="
		echo "KVER=$kver"
		echo "KDIR=/lib/modules/$kver/build"
		echo "IMAGE=$(image_of "" "$kver")"
		echo "MODROOT=/"
		echo "CHROOT="
	else
		lane_env "$DEFAULT_LANE"
	fi
}

# The bookworm-backports suite, added to apt's sources if missing.
ensure_backports()
{
	if ! grep -rqs "$BACKPORTS" /etc/apt/sources.list /etc/apt/sources.list.d/; then
		echo "kernel.sh: adding $BACKPORTS to apt's sources" >&2
		cat > /etc/apt/sources.list.d/ibfo-$BACKPORTS.sources <<-EOF
		Types: deb
		URIs: http://deb.debian.org/debian
		Suites: $BACKPORTS
		Components: main
		Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
		EOF
		apt-get update -qq >&2
	fi
}

# backports_pkg META: the versioned package META (linux-image-amd64, ...)
# stands for in bookworm-backports; installing that, not META, leaves
# the host's own kernel metapackages alone.
backports_pkg()
{
	local ver
	ver=$(apt-cache madison "$1" | awk -F'|' -v s="$BACKPORTS/" \
		'index($3, s) { gsub(/ /, "", $2); print $2; exit }')
	[ -n "$ver" ] || { apt-get update -qq >&2; ver=$(apt-cache madison "$1" |
		awk -F'|' -v s="$BACKPORTS/" 'index($3, s) { gsub(/ /, "", $2); print $2; exit }'); }
	[ -n "$ver" ] || die "$1 not found in $BACKPORTS"
	apt-cache show "$1=$ver" | sed -n 's/^Depends: \([^ ,]*\).*/\1/p' | head -n 1
}

# lane_install NAME PKG...
lane_install()
{
	local name=$1
	shift
	case $name in
	6.1)
		newest_kver "" "6.1.[0-9]*" >/dev/null ||
			apt_install linux-image-amd64 linux-headers-amd64
		;;
	6.12)
		if ! newest_kver "" "6.12.[0-9]*" >/dev/null; then
			ensure_backports
			# Its kbuild wants pahole.
			apt_install dwarves "$(backports_pkg linux-image-amd64)" \
				"$(backports_pkg linux-headers-amd64)"
		fi
		;;
	latest)
		"$here/chroot.sh" ensure "$CHROOT_SUITE" "$CHROOT_EXTRA" \
			initramfs-tools linux-image-amd64 linux-headers-amd64 "$@" >/dev/null
		return
		;;
	*) die "unknown kernel '$name' (lanes: $LANES)" ;;
	esac
	host_install "$@"
}

case ${1:-} in
list) printf '%s\n' $LANES ;;
env)
	if [ -n "${2:-}" ]; then
		lane_env "$2"
	else
		running_env
	fi
	;;
get)
	"$0" env ${3:+"$3"} | sed -n "s/^${2:?kernel.sh get VAR [NAME]}=//p"
	;;
install)
	shift
	lane_install "${1:?kernel.sh install NAME [PKG...]}" "${@:2}"
	;;
*) sed -n '2,29p' "$0" >&2; exit 2 ;;
esac
