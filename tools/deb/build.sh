#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make deb: build the Debian packages ibfo-dkms, softib-dkms and ibfo-tools
# with dpkg-buildpackage from a copy of the working tree, then run lintian.
#
# usage: build.sh [OUTDIR]     (default: .deb in the source tree)
#   DEBFULLNAME, DEBEMAIL   the Maintainer (default: a placeholder)
#   DEB_TREE=DIR   build (and lintian) inside the Debian tree DIR of
#                  another release (tools/boot/image.sh tree SUITE-build):
#                  ibfo-tools is for the iproute2 of the release it is
#                  built on.  If the mirror lacks that iproute2's source,
#                  the plugin is built against this machine's (fetched
#                  here; IPROUTE2_FALLBACK_SRC, tools/ip/fetch-iproute2.sh)
#                  and must load in that release's ip (its smoke test)
#
# The version comes from git describe: a tag vX.Y.Z gives X.Y.Z, commits
# after it X.Y.Z+N.gHASH; without a tag, the dkms.conf version followed by
# +gitN.gHASH (N = commits on HEAD, so later builds sort higher).
# Prints the package files, one per line, at the end.
set -euo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
out=${1:-$top/.deb}

# shellcheck source=../lib/apt.sh
. "$top/tools/lib/apt.sh"
# In DEB_TREE the tree has them.
[ -n "${DEB_TREE:-}" ] ||
	host_install debhelper dh-dkms dpkg-dev fakeroot lintian dkms

version()
{
	local d base
	if d=$(git -C "$top" describe --tags --long --match 'v[0-9]*' 2>/dev/null); then
		# v1.2.3-N-gHASH
		base=${d%-*-g*}
		base=${base#v}
		d=${d#"v$base"-}
		if [ "${d%%-*}" = 0 ]; then
			echo "$base"
		else
			echo "$base+${d%%-*}.${d#*-}"
		fi
		return
	fi
	base=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$top/dkms.conf")
	echo "$base+git$(git -C "$top" rev-list --count HEAD).g$(git -C "$top" rev-parse --short HEAD)"
}
ver=$(version)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
src=$work/ibfo-$ver
mkdir -p "$src"
# The tracked and new (not ignored) files as they are in the working tree
# (uncommitted edits included), none of the build products.
git -C "$top" ls-files -z --cached --others --exclude-standard | (cd "$top" && xargs -0 cp --parents -t "$src")
# Whoever distributes the packages names themselves (as dch does); the
# default is a placeholder address.
if [ -n "${DEBEMAIL:-}" ]; then
	sed -i "s/^Maintainer: .*/Maintainer: ${DEBFULLNAME:-ibfo packager} <$DEBEMAIL>/" \
		"$src/debian/control"
fi
cat > "$src/debian/changelog" <<EOT
ibfo ($ver) unstable; urgency=medium

  * Built from git $(git -C "$top" rev-parse --short HEAD) by make deb.

 -- $(sed -n 's/^Maintainer: //p' "$src/debian/control")  $(date -R)
EOT

# in_tree CMD...: CMD here, or in DEB_TREE with the work directory.
in_tree()
{
	if [ -n "${DEB_TREE:-}" ]; then
		"$top/tools/vm/chroot.sh" run "$DEB_TREE" "$work" "$@"
	else
		"$@"
	fi
}

echo "make deb: ibfo $ver${DEB_TREE:+ (in $DEB_TREE)}"
fallback=
if [ -n "${DEB_TREE:-}" ]; then
	fallback=$work/iproute2-src
	cp -a "$("$top/tools/ip/fetch-iproute2.sh")" "$fallback"
fi
# shellcheck disable=SC2016 # run by that sh
in_tree sh -c 'cd "$1" && IPROUTE2_FALLBACK_SRC="$2" dpkg-buildpackage -us -uc -b' \
	sh "$src" "$fallback" > "$work/build.log" 2>&1 ||
	{ tail -n 40 "$work/build.log"; echo "make deb: dpkg-buildpackage failed" >&2; exit 1; }
grep '^fetch-iproute2: warning' "$work/build.log" || true
rm -rf "$out"
mkdir -p "$out"
cp "$work"/*.deb "$work"/*.buildinfo "$work"/*.changes "$out/"

# lintian: errors fail the build; warnings are shown.
echo "make deb: lintian"
# shellcheck disable=SC2016
in_tree sh -c 'lintian --fail-on error --info "$1"/*.changes' sh "$work" | tee "$out/lintian.txt" ||
	{ echo "make deb: lintian found errors" >&2; exit 1; }
for f in "$out"/*.deb; do
	echo "$f $(stat -c %s "$f")"
done
