#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The systemd test guest's disk: a Debian root filesystem made with
# mmdebstrap from Debian's archive (systemd as PID 1, udev, ifupdown,
# systemd-networkd, NetworkManager, iproute2, DKMS and one kernel with its
# headers), the project's packages installed into it with apt as a user
# installs them (DKMS builds ibfo.ko and softib.ko for that kernel there,
# on this machine, at image build time), packed as an ext4 image with
# mkfs.ext4 -d.  The guest boots it with tools/vm/run.sh --disk.
#
# usage: image.sh SUITE DEBDIR     print the image's directory
#   SUITE   bookworm (Debian 12: the kernel of lane $KERNEL, default 6.1;
#           6.12 from bookworm-backports) or trixie (Debian 13: its own
#           kernel, linux-image-amd64)
#   DEBDIR  ibfo-dkms_*.deb, softib-dkms_*.deb and ibfo-tools_*.deb for
#           SUITE (make deb on that release)
# The directory holds disk.img, vmlinuz (the kernel the image's modules
# are for), kver and modroot/lib/modules/KVER (its modules, for the
# initramfs).  Cached under $IBFO_BOOT_CACHE (default
# /var/cache/ibfo/boot): the mmdebstrap tree per suite and kernel, made
# again when its package list (or this recipe) changes; the disk image
# made again when the tree or the packages change.
#
# usage: image.sh tree SUITE       only the Debian tree (cached), print its
#                                  directory: a tree with build tools
#                                  (SUITE-build) serves make deb on SUITE
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/apt.sh
. "$top/tools/lib/apt.sh"
cache=${IBFO_BOOT_CACHE:-/var/cache/ibfo/boot}
mirror=${IBFO_MIRROR:-http://deb.debian.org/debian}
security=${IBFO_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
log() { echo "image.sh: $*" >&2; }
die() { log "$*"; exit 1; }
export DEBIAN_FRONTEND=noninteractive

# What the guest runs.  No recommends: every package is named here.
guest_pkgs="systemd systemd-sysv udev dbus kmod iproute2 iputils-ping procps
	ifupdown network-manager dkms openssl"
# Services the tests do not need, masked for a fast boot.
masked="apt-daily.timer apt-daily-upgrade.timer dpkg-db-backup.timer
	e2scrub_all.timer e2scrub_reap.service fstrim.timer man-db.timer
	systemd-timesyncd.service getty@tty1.service serial-getty@ttyS0.service
	wpa_supplicant.service systemd-pstore.service
	systemd-journal-catalog-update.service systemd-update-utmp.service
	systemd-update-utmp-runlevel.service"
# make deb's build dependencies (tools/deb/build.sh, debian/control).
build_pkgs="build-essential debhelper dh-dkms dpkg-dev fakeroot lintian dkms gcc make
	libc6-dev iproute2 git ca-certificates"

# suite_sources SUITE: the apt sources lines of SUITE.
suite_sources()
{
	echo "deb $mirror $1 main"
	echo "deb $mirror $1-updates main"
	echo "deb $security $1-security main"
	[ "$1" != bookworm ] || echo "deb $mirror bookworm-backports main"
}

# kernel_pkgs SUITE: the kernel and headers the guest of SUITE boots.
kernel_pkgs()
{
	local kver
	case $1 in
	bookworm)
		kver=$("$top/tools/vm/kernel.sh" get KVER ${KERNEL:+"$KERNEL"}) ||
			die "no kernel for lane ${KERNEL:-default}"
		echo "linux-image-$kver linux-headers-$kver"
		;;
	trixie) echo "linux-image-amd64 linux-headers-amd64" ;;
	*) die "unknown suite $1 (bookworm, trixie)" ;;
	esac
}

# tree NAME SUITE PKGS...: the cached mmdebstrap tree NAME of SUITE with
# PKGS; its directory on stdout.  Its stamp is the package list and this
# recipe's settings.
tree()
{
	local name=$1 suite=$2 dir stamp t0=$SECONDS srcs=() hooks
	shift 2
	dir=$cache/$name-$(echo "$*" | md5sum | cut -c1-8)
	stamp=$(printf '%s\n' "$suite" "$*" "$masked" | md5sum | cut -d' ' -f1)
	if [ -f "$dir.stamp" ] && [ "$(cat "$dir.stamp")" = "$stamp" ] && [ -d "$dir" ]; then
		echo "$dir"
		return 0
	fi
	host_install mmdebstrap
	log "creating the Debian $suite tree $dir (once per package list)"
	# Trees of an older package list go.
	rm -rf "$cache/$name"-???????? "$cache/$name"-????????.stamp "$cache/$name"-????????.tmp
	mkdir -p "$cache"
	mapfile -t srcs < <(suite_sources "$suite")
	hooks=()
	case $name in
	*-build) ;;
	*)
		# shellcheck disable=SC2016 # the hooks are run by mmdebstrap's sh
		hooks=(--customize-hook='echo ibfo-guest > "$1/etc/hostname"'
			--customize-hook='echo "/dev/vda / ext4 rw,noatime 0 1" > "$1/etc/fstab"'
			--customize-hook='mkdir -p "$1/etc/systemd/journald.conf.d" &&
				printf "[Journal]\nStorage=volatile\n" > "$1/etc/systemd/journald.conf.d/ibfo-test.conf"'
			--customize-hook='chroot "$1" systemctl mask '"${masked//[$'\t\n']/ }"' >/dev/null 2>&1'
			--customize-hook='chroot "$1" passwd -d root >/dev/null')
		;;
	esac
	mmdebstrap --variant=apt --mode=root --components=main \
		--aptopt='APT::Install-Recommends "false"' \
		--include="$(echo "$*" | tr -s ' \n\t' ',,,')" \
		${hooks[@]+"${hooks[@]}"} \
		"$suite" "$dir.tmp" "${srcs[@]}" >&2 || die "mmdebstrap failed"
	mv "$dir.tmp" "$dir"
	echo "$stamp" > "$dir.stamp"
	log "tree $dir: $((SECONDS - t0)) s, $(du -sh "$dir" | cut -f1)"
	echo "$dir"
}

# guest_tree SUITE: the guest's tree; build_tree SUITE: make deb's.
# shellcheck disable=SC2046,SC2086 # lists of package names
guest_tree() { tree "$1" "$1" $guest_pkgs $(kernel_pkgs "$1"); }
# shellcheck disable=SC2086
build_tree() { tree "$1-build" "$1" $build_pkgs; }

# image SUITE DEBDIR
image()
{
	local suite=$1 debs=$2 base dir stamp kver t0=$SECONDS p f size
	local files=()
	base=$(guest_tree "$suite")
	kver=$(find "$base/lib/modules" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort -V | tail -n 1)
	[ -r "$base/boot/vmlinuz-$kver" ] || die "no kernel image in $base"
	for p in ibfo-dkms softib-dkms ibfo-tools; do
		f=$(find "$debs" -maxdepth 1 -name "${p}_*.deb" | sort -V | tail -n 1)
		[ -n "$f" ] || die "no $p package in $debs (make deb)"
		files+=("$f")
	done
	dir=$cache/image-$suite-$kver
	stamp=$( { cat "$base.stamp"; md5sum "${files[@]}" | cut -d' ' -f1; } | md5sum | cut -d' ' -f1)
	if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$stamp" ]; then
		echo "$dir"
		return 0
	fi
	log "making the $suite disk image in $dir (kernel $kver)"
	rm -rf "$dir"
	mkdir -p "$dir"
	cp -a "$base" "$dir/root"
	# As a user installs them: apt with the package files; DKMS builds
	# the modules for the tree's kernel (its only one).
	mkdir -p "$dir/debs"
	cp "${files[@]}" "$dir/debs/"
	# shellcheck disable=SC2016 # run by that sh
	"$top/tools/vm/chroot.sh" run "$dir/root" "$dir/debs" sh -c \
		'apt-get install -y -q --no-install-recommends "$1"/*.deb' sh "$dir/debs" \
		> "$dir/apt.log" 2>&1 || { tail -n 40 "$dir/apt.log" >&2; die "apt install failed"; }
	rmdir -p "$dir/root$dir/debs" 2>/dev/null || true
	for p in ibfo softib; do
		"$top/tools/vm/chroot.sh" run "$dir/root" /tmp dkms status -m "$p" -k "$kver" |
			grep -q ': installed' || { tail -n 40 "$dir/apt.log" >&2
				die "DKMS did not install $p for $kver"; }
	done
	cp "$base/boot/vmlinuz-$kver" "$dir/vmlinuz"
	echo "$kver" > "$dir/kver"
	# Room for the journal, the tests' files and DKMS rebuilds.
	size=$(( $(du -sm "$dir/root" | cut -f1) * 5 / 4 + 256 ))
	mkfs.ext4 -q -F -L ibfo-root -d "$dir/root" "$dir/disk.img" "${size}M" ||
		die "mkfs.ext4 failed"
	# The initramfs takes the modules that mount the disk from here.
	mkdir -p "$dir/modroot/lib/modules"
	cp -al "$dir/root/lib/modules/$kver" "$dir/modroot/lib/modules/"
	rm -rf "$dir/root" "$dir/debs"
	echo "$stamp" > "$dir/stamp"
	log "image $dir/disk.img: $((SECONDS - t0)) s, ${size} MB" \
		"($(du -sm "$dir/disk.img" | cut -f1) MB used)"
	echo "$dir"
}

[ "$(id -u)" -eq 0 ] || die "needs root (mmdebstrap, chroot)"
case ${1:-} in
tree)
	case ${2:-} in
	*-build) build_tree "${2%-build}" ;;
	*) guest_tree "${2:?usage: image.sh tree SUITE}" ;;
	esac
	;;
bookworm|trixie) image "$1" "${2:?usage: image.sh SUITE DEBDIR}" ;;
*) sed -n '2,27p' "$0" >&2; exit 2 ;;
esac
