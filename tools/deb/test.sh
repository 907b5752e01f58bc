#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check's package test: build the packages (make deb, lintian
# included) once, install them with apt where each lane kernel's modules
# are built, check that DKMS built ibfo.ko and softib.ko for it, boot a
# test guest of each lane with exactly those installed modules and the
# installed plugin, ifupdown hook and softibctl and run tools/deb/smoke.sh
# there, then purge the packages and check that nothing of them is left.
#
# Every lane by default (tools/vm/kernel.sh list; KERNEL="NAME...": those),
# installing what a lane lacks:
#   6.1, 6.12  this machine's kernels: all three packages installed here,
#              DKMS (bookworm's 3.0.10) builds for both;
#   latest     a kernel whose compiler needs trixie's libc: the DKMS
#              packages are installed in its Debian 13 tree (chroot.sh,
#              the lane's own cache), where trixie's DKMS 3.2 builds for
#              the lane's kernel only (the tree has no other), as apt
#              would on a Debian 13 machine with that kernel; the guest
#              takes the modules from there.
# usage: test.sh OUTDIR
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/apt.sh
. "$top/tools/lib/apt.sh"
out=${1:-$top/.deb}
cd "$top"
mkdir -p "$out"
out=$(cd "$out" && pwd)
export DEBIAN_FRONTEND=noninteractive

# The guest (QEMU, busybox), dkms on this machine: on a fresh machine too.
tools/vm/deps.sh
# Each lane's kernel and headers, and DKMS where its modules are built.
# DKMS signs what it builds with a MOK key it makes with openssl (both
# bookworm's and trixie's; dkms does not depend on openssl, most
# systems have it): the test takes the same path.
lanes=() tree_lanes=()
for l in ${KERNEL:-$(tools/vm/kernel.sh list)}; do
	tools/vm/kernel.sh install "$l" dkms openssl
	if [ -z "$(tools/vm/kernel.sh get CHROOT "$l")" ]; then
		lanes+=("$l")
	else
		tree_lanes+=("$l")
	fi
done
pkgs="ibfo-dkms softib-dkms ibfo-tools"
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
iplib=/usr/lib/$multiarch/ip

# in_root ROOT CMD...: run CMD on this machine (ROOT empty) or in the
# Debian tree ROOT, which sees OUTDIR at the same path.
in_root()
{
	local root=$1
	shift
	if [ -z "$root" ]; then
		"$@"
	else
		tools/vm/chroot.sh run "$root" "$out" "$@"
	fi
}
installed()	# installed ROOT PKG: dpkg knows PKG (installed or with conffiles)
{
	# shellcheck disable=SC2016 # a dpkg-query format
	in_root "$1" dpkg-query -W -f='${db:Status-Status}' "$2" 2>/dev/null | grep -qv '^not-installed$'
}
purge()		# purge ROOT: our packages, wherever installed
{
	local p todo=()
	for p in $pkgs; do
		if installed "$1" "$p"; then
			todo+=("$p")
		fi
	done
	[ ${#todo[@]} -eq 0 ] || in_root "$1" apt-get purge -y -qq -o DPkg::Lock::Timeout=600 "${todo[@]}"
}
purge_all()
{
	local l
	purge ""
	for l in "${tree_lanes[@]}"; do
		purge "$(tools/vm/kernel.sh get CHROOT "$l")"
	done
}
# leftovers ROOT: whatever of our packages is left in ROOT after a purge.
leftovers()
{
	local root=$1 p
	{ ls -d "$root"/usr/src/ibfo-* "$root"/usr/src/softib-* \
		"$root"/var/lib/dkms/ibfo "$root"/var/lib/dkms/softib \
		"$root$iplib"/link_ibfo* "$root"/usr/sbin/softibctl \
		"$root"/etc/network/if-*.d/ibfo "$root"/usr/libexec/ibfo \
		"$root"/usr/lib/systemd/system/ibfo@.service \
		"$root"/usr/lib/systemd/system-generators/ibfo-generator \
		"$root"/usr/lib/NetworkManager/dispatcher.d/device/ibfo 2>/dev/null
	  find "$root"/lib/modules/ -name 'ibfo.ko*' -o -name 'softib.ko*' 2>/dev/null; } || true
	for p in $pkgs; do
		if installed "$root" "$p"; then
			echo "$p (dpkg)"
		fi
	done
}
check_purged()	# check_purged ROOT WHERE
{
	local left
	left=$(leftovers "$1")
	if [ -n "$left" ]; then
		echo "package test: left after purge $2: $(echo "$left" | tr '\n' ' ')" >&2
		exit 1
	fi
	echo "package test: nothing left after purge $2"
}
# check_dkms ROOT KVER: DKMS built and installed ibfo and softib of the
# package version for KVER in ROOT without a compiler warning; sets kos
# to run.sh's --ko arguments for them.
check_dkms()
{
	local root=$1 kver=$2 m ko log signer
	kos=()
	for m in ibfo softib; do
		in_root "$root" dkms status -m "$m" -v "$ver" -k "$kver" | grep -q ': installed' ||
			{ echo "package test: dkms did not install $m $ver for $kver" >&2; exit 1; }
		ko=$(find "$root/lib/modules/$kver/updates/dkms" -name "$m.ko*" | head -n 1)
		[ -n "$ko" ] || { echo "package test: no $m.ko in $root/lib/modules/$kver/updates/dkms" >&2; exit 1; }
		[ "$(modinfo -F version "$ko")" = "$ver" ] ||
			{ echo "package test: $ko is not version $ver" >&2; exit 1; }
		modinfo -F vermagic "$ko" | grep -q "^$kver " ||
			{ echo "package test: $ko is not built for $kver" >&2; exit 1; }
		log=$root/var/lib/dkms/$m/$ver/$kver/$(uname -m)/log/make.log
		[ -f "$log" ] || { echo "package test: no DKMS build log $log" >&2; exit 1; }
		if grep -E '(warning|error):' "$log"; then
			echo "package test: the DKMS build of $m has warnings ($log)" >&2
			exit 1
		fi
		signer=$(modinfo -F signer "$ko")
		echo "$ko: $ver, vermagic $(modinfo -F vermagic "$ko"), signer ${signer:-none}"
		kos+=(--ko "$ko")
	done
}
guest()		# guest LANE: smoke.sh in a guest of LANE with kos and files
{
	echo "== guest with the installed modules and tools"
	KERNEL=$1 tools/vm/run.sh --logdir "$out/guest-$1" "${kos[@]}" "${files[@]}" -- \
		"VERSION='$ver' PLUGIN_MD5='$md5' sh /opt/ibfo/tools/deb/smoke.sh"
}

# What an earlier, interrupted run may have left.
purge_all >/dev/null
tools/deb/build.sh "$out"
trap 'purge_all >/dev/null 2>&1 || true' EXIT
deb()		# deb PKG: its file in OUTDIR
{
	ls "$out/${1}"_*.deb
}

# Here: the DKMS packages if a lane's kernel is this machine's, and
# ibfo-tools always: every guest runs this machine's userspace (its ip,
# kmod, busybox), so the plugin built for its iproute2 is the one to use.
echo "== apt install"
here=ibfo-tools
[ ${#lanes[@]} -eq 0 ] || here=$pkgs
debs=()
for p in $here; do
	debs+=("$(deb "$p")")
done
apt_install "${debs[@]}"
ver=$(dpkg-query -W -f='${Version}' ibfo-tools)
[ ${#lanes[@]} -eq 0 ] || dkms status

# Debian's ifup/ifdown, unpacked (not installed: this machine's network
# configuration is left alone).
cache=/var/cache/ibfo/ifupdown
if ! ls "$cache"/root/sbin/ifup >/dev/null 2>&1; then
	rm -rf "$cache"
	mkdir -p "$cache"
	(cd "$cache" && apt-get download -qq -o APT::Sandbox::User=root ifupdown)
	dpkg-deb -x "$cache"/ifupdown_*.deb "$cache/root"
fi
files=()
for f in "$iplib/link_ibfo.so" "$iplib/link_ibfo_slave.so" /usr/sbin/softibctl \
	 /etc/network/if-pre-up.d/ibfo /etc/network/if-post-down.d/ibfo; do
	[ -e "$f" ] || { echo "package test: $f not installed" >&2; exit 1; }
	files+=(--file "$f")
done
for f in ifup ifdown ifquery; do
	files+=(--file "$cache/root/sbin/$f:/sbin/$f")
done
md5=$(md5sum "$iplib/link_ibfo.so" | cut -d' ' -f1)

for lane in "${lanes[@]}"; do
	kver=$(tools/vm/kernel.sh get KVER "$lane")
	echo "== kernel $lane ($kver)"
	check_dkms "" "$kver"
	guest "$lane"
done

# Trixie's DKMS (3.2.2) against bookworm's (3.0.10), as seen here: the
# same status lines, make.log path, updates/dkms/ destination,
# compression (.ko.xz where the kernel's config asks for it: 6.12, 7.x)
# and signing with /var/lib/dkms/mok.key (without openssl 3.2 says so
# and installs unsigned modules).  3.2 builds for each kernel of the tree
# (Debian's autoinstall_all_kernels) and says nothing of the host's
# running kernel, where 3.0.10 prints "It is likely that ... belongs to a
# chroot's host"; 3.2's make.log starts with the make command it ran
# (make -jN KERNELRELEASE=... -C ... M=...), and 3.2 prints no "module
# version sanity check" and none of 3.0.10's readelf warnings.
for lane in "${tree_lanes[@]}"; do
	root=$(tools/vm/kernel.sh get CHROOT "$lane")
	kver=$(tools/vm/kernel.sh get KVER "$lane")
	echo "== kernel $lane ($kver), in $root"
	in_root "$root" apt-get install -y -qq --no-install-recommends \
		"$(deb ibfo-dkms)" "$(deb softib-dkms)"
	in_root "$root" dkms status
	# ibfo-tools built here pins this machine's iproute2 release (the
	# plugin interface is no stable ABI): a tree of another release
	# must refuse it, as bookworm's package is refused on trixie; a
	# trixie user builds the package there.  Installed if the tree takes
	# it (only its install and purge are tested: the guest runs this
	# machine's ip).
	if in_root "$root" apt-get install -s -q --no-install-recommends "$(deb ibfo-tools)" \
		> "$out/tools-$lane.log" 2>&1; then
		in_root "$root" apt-get install -y -qq --no-install-recommends "$(deb ibfo-tools)"
	else
		echo "ibfo-tools $ver: not for this tree:" \
			"$(grep -m1 Depends "$out/tools-$lane.log" | sed 's/^ *//')"
	fi
	check_dkms "$root" "$kver"
	guest "$lane"
	echo "== apt purge in $root"
	purge "$root"
	check_purged "$root" "in the $lane tree"
done

echo "== apt purge"
purge ""
check_purged "" "here"
