#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fetch and unpack the Debian source of exactly the installed iproute2, once,
# into /var/cache/ibfo/iproute2-VERSION/src; print that directory.
#
# The ip link plugin is built against iproute2's own headers: struct
# link_util and its helpers are no stable ABI, so the source must be the
# installed package's.  The system's apt configuration is left alone: the
# source index is fetched into the cache with a sources.list of its own.
#
# usage: fetch-iproute2.sh
#   IPROUTE2_SRC=DIR   use that unpacked Debian source instead; it must be
#                      the installed version too (from its debian/changelog)
#   IPROUTE2_FALLBACK_SRC=DIR   if the mirror has no source of the
#                      installed version, use that unpacked Debian source
#                      of another version (with a warning); the Makefile's
#                      smoke test then checks that the installed ip loads
#                      the plugin (as tools/ip/chroot-check.sh does)
#   IPROUTE2_SUITE, IPROUTE2_MIRROR   where to fetch (default: this
#                      system's release, its backports if apt uses them,
#                      and unstable, from deb.debian.org)
set -eu

ver=$(dpkg-query -W -f='${Version}' iproute2 2>/dev/null) || true
[ -n "$ver" ] || { echo "fetch-iproute2: iproute2 is not installed" >&2; exit 1; }

if [ -n "${IPROUTE2_SRC:-}" ]; then
	have=$(dpkg-parsechangelog -l "$IPROUTE2_SRC/debian/changelog" -S Version 2>/dev/null) || true
	if [ "$have" != "$ver" ]; then
		echo "fetch-iproute2: $IPROUTE2_SRC is iproute2 ${have:-of unknown version}," \
			"but the installed ip is $ver: struct link_util is no stable ABI," \
			"build against the installed version's source" >&2
		exit 1
	fi
	echo "$IPROUTE2_SRC"
	exit 0
fi
cache=${IBFO_CACHE:-/var/cache/ibfo}/iproute2-$ver
# The installed version is in this release, its backports or unstable.
codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
suites=$codename
if [ -n "$codename" ] &&
   grep -rqs "$codename-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
	suites="$suites $codename-backports"
fi
[ "$codename" = sid ] || suites="$suites unstable"
suites=${IPROUTE2_SUITE:-$suites}
mirror=${IPROUTE2_MIRROR:-http://deb.debian.org/debian}

cached()
{
	[ -f "$cache/src/ip/iplink.c" ] && [ "$(cat "$cache/version" 2>/dev/null)" = "$ver" ]
}
if cached; then
	echo "$cache/src"
	exit 0
fi

mkdir -p "$(dirname "$cache")"
# One fetch at a time; another may have completed while we waited.
exec 9>"$cache.lock"
flock 9
if cached; then
	echo "$cache/src"
	exit 0
fi
command -v dpkg-source >/dev/null ||
	{ echo "fetch-iproute2: dpkg-source missing: apt-get install dpkg-dev" >&2; exit 1; }
tmp=$(mktemp -d "$cache.tmp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/apt/lists/partial"
for suite in $suites; do
	echo "deb-src $mirror $suite main"
done > "$tmp/apt/sources.list"
# A mirror may serve a snapshot whose unstable Release file is past its
# Valid-Until (as tools/vm/chroot.sh notes): only the source is wanted.
apt_opts=(-q -o APT::Sandbox::User=root -o Acquire::Check-Valid-Until=false
	  -o Dir::Etc::SourceList="$tmp/apt/sources.list"
	  -o Dir::Etc::SourceParts=/dev/null
	  -o Dir::State::Lists="$tmp/apt/lists")
apt-get "${apt_opts[@]}" update >&2
if ! (cd "$tmp" && apt-get "${apt_opts[@]}" source --download-only "iproute2=$ver") >&2; then
	if [ -n "${IPROUTE2_FALLBACK_SRC:-}" ] && [ -f "$IPROUTE2_FALLBACK_SRC/ip/iplink.c" ]; then
		echo "fetch-iproute2: warning: the source of iproute2 $ver is not in" \
			"$mirror $suites; building against $IPROUTE2_FALLBACK_SRC" \
			"($(dpkg-parsechangelog -l "$IPROUTE2_FALLBACK_SRC/debian/changelog" -S Version))" >&2
		echo "$IPROUTE2_FALLBACK_SRC"
		exit 0
	fi
	echo "fetch-iproute2: the source of iproute2 $ver is not in $mirror $suites;" \
		"set IPROUTE2_SUITE/IPROUTE2_MIRROR (e.g. a snapshot.debian.org URL)" >&2
	exit 1
fi
dsc=$(ls "$tmp"/iproute2_*.dsc)
# dpkg-source applies debian/patches: some may touch ip/, so use them.
(cd "$tmp" && dpkg-source --no-check -x "$dsc" src) >&2
[ -f "$tmp/src/ip/iplink.c" ] || { echo "fetch-iproute2: no ip/iplink.c in $dsc" >&2; exit 1; }
have=$(dpkg-parsechangelog -l "$tmp/src/debian/changelog" -S Version)
[ "$have" = "$ver" ] ||
	{ echo "fetch-iproute2: fetched iproute2 $have, installed is $ver" >&2; exit 1; }
mkdir -p "$tmp/dl"
mv "$tmp"/iproute2_* "$tmp/dl/"
echo "$ver" > "$tmp/version"
rm -rf "$tmp/apt"
rm -rf "$cache"
mv "$tmp" "$cache"
trap - EXIT
echo "$cache/src"
