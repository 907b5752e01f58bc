#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make check's package test: build the packages (make deb, lintian
# included), install them with apt on this machine, check that DKMS built
# ibfo.ko and softib.ko for every lane kernel installed on this machine
# (6.1, 6.12; KERNEL=NAME: that one), boot a test guest of each with
# exactly those installed modules, plugin, ifupdown hook and softibctl and
# run tools/deb/smoke.sh there, then purge the packages and check that
# nothing of them is left.
# usage: test.sh OUTDIR
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/.deb}
cd "$top"
# The lanes whose kernel and headers are this machine's own.
lanes=()
for l in ${KERNEL:-$(tools/vm/kernel.sh list)}; do
	[ -z "$(tools/vm/kernel.sh get CHROOT "$l" 2>/dev/null)" ] &&
		[ -n "$(tools/vm/kernel.sh get KVER "$l" 2>/dev/null)" ] && lanes+=("$l")
done
[ ${#lanes[@]} -gt 0 ] || { echo "package test: no lane kernel installed here" >&2; exit 1; }
pkgs="ibfo-dkms softib-dkms ibfo-tools"
multiarch=$(gcc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)
iplib=/usr/lib/$multiarch/ip
export DEBIAN_FRONTEND=noninteractive

installed()	# installed PKG: dpkg knows PKG (installed or with conffiles)
{
	dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null | grep -qv '^not-installed$'
}
purge()
{
	local p todo=
	for p in $pkgs; do
		installed "$p" && todo="$todo $p"
	done
	# shellcheck disable=SC2086 # a list of packages
	[ -z "$todo" ] || apt-get purge -y -qq $todo
}

# What an earlier, interrupted run may have left.
purge >/dev/null
tools/deb/build.sh "$out"
trap 'purge >/dev/null 2>&1 || true' EXIT

echo "== apt install"
debs=()
for p in $pkgs; do
	debs+=("$(ls "$out/${p}"_*.deb)")
done
apt-get install -y -qq --no-install-recommends "${debs[@]}"
ver=$(dpkg-query -W -f='${Version}' ibfo-dkms)
dkms status

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
	kos=()
	for m in ibfo softib; do
		dkms status -m "$m" -v "$ver" -k "$kver" | grep -q ': installed' ||
			{ echo "package test: dkms did not install $m $ver for $kver" >&2; exit 1; }
		ko=$(find "/lib/modules/$kver/updates/dkms" -name "$m.ko*" | head -n 1)
		[ -n "$ko" ] || { echo "package test: no $m.ko in /lib/modules/$kver/updates/dkms" >&2; exit 1; }
		[ "$(modinfo -F version "$ko")" = "$ver" ] ||
			{ echo "package test: $ko is not version $ver" >&2; exit 1; }
		log=/var/lib/dkms/$m/$ver/$kver/$(uname -m)/log/make.log
		if grep -E '(warning|error):' "$log"; then
			echo "package test: the DKMS build of $m has warnings ($log)" >&2
			exit 1
		fi
		echo "$ko: $ver, vermagic $(modinfo -F vermagic "$ko")"
		kos+=(--ko "$ko")
	done

	echo "== guest with the installed modules and tools"
	KERNEL=$lane tools/vm/run.sh --logdir "$out/guest-$lane" "${kos[@]}" "${files[@]}" -- \
		"VERSION='$ver' PLUGIN_MD5='$md5' sh /opt/ibfo/tools/deb/smoke.sh"
done

echo "== apt purge"
purge
left=$( { ls -d /usr/src/ibfo-* /usr/src/softib-* /var/lib/dkms/ibfo /var/lib/dkms/softib \
	"$iplib"/link_ibfo* /usr/sbin/softibctl /etc/network/if-*.d/ibfo 2>/dev/null
	find /lib/modules -name 'ibfo.ko*' -o -name 'softib.ko*' 2>/dev/null; } || true)
for p in $pkgs; do
	! installed "$p" || left="$left $p (dpkg)"
done
if [ -n "$left" ]; then
	echo "package test: left after purge: $left" >&2
	exit 1
fi
echo "package test: nothing left after purge"
