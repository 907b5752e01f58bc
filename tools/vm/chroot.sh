#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# A Debian root tree for a kernel whose headers need a newer toolchain
# than the host's (a kernel's modules must be built with the compiler
# that built it): made once with mmdebstrap from Debian's archive, cached,
# and entered to build against that kernel.
#
# usage: chroot.sh path SUITE [EXTRA]       print the tree's directory
#        chroot.sh ensure SUITE [EXTRA] PKG...
#                                           make the tree (cached) with PKG
#                                           installed from EXTRA if given
#                                           (e.g. trixie-backports), print
#                                           its directory
#        chroot.sh run DIR BIND CMD...      run CMD inside DIR with /dev,
#                                           /proc and the host's BIND
#                                           directory mounted at the same
#                                           path, in a private mount
#                                           namespace (nothing leaks)
#
# Trees live under $IBFO_CHROOT_CACHE (default /var/cache/ibfo/chroot),
# one per suite; ensure installs what is missing and never upgrades
# behind the user's back (delete the tree to start afresh).
set -eu

cache=${IBFO_CHROOT_CACHE:-/var/cache/ibfo/chroot}
mirror=${IBFO_MIRROR:-http://deb.debian.org/debian}
base_pkgs="gcc make libc6-dev bc bison flex libelf-dev libssl-dev kmod
	xz-utils zstd dwarves sparse cpio"
log() { echo "chroot.sh: $*" >&2; }
# shellcheck source=../lib/apt.sh
. "$(dirname "$0")/../lib/apt.sh"

tree_dir() { echo "$cache/$1${2:+-$2}"; }

# run DIR BIND CMD...
run_in()
{
	local dir=$1 bind=$2
	shift 2
	mkdir -p "$dir$bind"
	unshare --mount --propagation private -- sh -eu -c '
		dir=$1 bind=$2
		shift 2
		mount --rbind /dev "$dir/dev"
		mount -t proc proc "$dir/proc"
		mount --bind "$bind" "$dir$bind"
		exec chroot "$dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin \
			HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"
	' sh "$dir" "$bind" "$@"
}

ensure()
{
	local suite=$1 extra=$2 dir missing=() p
	shift 2
	dir=$(tree_dir "$suite" "$extra")
	if [ ! -x "$dir/usr/bin/apt-get" ]; then
		host_install mmdebstrap
		log "creating a Debian $suite tree in $dir (once; a few minutes)"
		rm -rf "$dir.tmp"
		mkdir -p "$cache"
		# shellcheck disable=SC2086 # a list of package names
		# A mirror may serve a snapshot whose unstable Release file
		# is past its Valid-Until.
		mmdebstrap --variant=apt --mode=root --components=main \
			--aptopt='Acquire::Check-Valid-Until "false"' \
			--include="$(echo $base_pkgs | tr ' ' ,)" \
			"$suite" "$dir.tmp" \
			"deb $mirror $suite main" \
			${extra:+"deb $mirror $extra main"} >&2
		rm -rf "$dir"
		mv "$dir.tmp" "$dir"
	fi
	for p in "$@"; do
		run_in "$dir" /tmp dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'ok installed' || missing+=("$p")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		log "installing in $dir: ${missing[*]}"
		run_in "$dir" /tmp apt-get update -qq >&2
		run_in "$dir" /tmp apt-get install -y -qq --no-install-recommends \
			${extra:+-t "$extra"} "${missing[@]}" >&2
	fi
	echo "$dir"
}

case ${1:-} in
path) tree_dir "$2" "${3:-}" ;;
ensure)
	suite=$2 extra=${3:-}
	shift 3
	ensure "$suite" "$extra" "$@"
	;;
run)
	shift
	run_in "$@"
	;;
*)
	sed -n '2,20p' "$0" >&2
	exit 2
	;;
esac
