#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# checkpatch.pl --strict over our C sources.  checkpatch.pl and its data
# files come from Debian's linux-source-6.1, extracted once into a cache.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(ls /usr/src/linux-source-6.1.tar.xz)
ver=$(dpkg-query -W -f='${Version}' linux-source-6.1)
cache=/var/cache/ibfo/checkpatch-$ver
if [ ! -x "$cache/scripts/checkpatch.pl" ]; then
	mkdir -p "$cache.tmp"
	tar -xJf "$tarball" -C "$cache.tmp" --strip-components=1 \
		linux-source-6.1/scripts/checkpatch.pl \
		linux-source-6.1/scripts/spelling.txt \
		linux-source-6.1/scripts/const_structs.checkpatch
	rm -rf "$cache"
	mv "$cache.tmp" "$cache"
fi
cd "$top"
mapfile -t files < <(find compat drivers include tools -name '*.[ch]' \
	-not -name '*.mod.c' -not -name compat_autoconf.h | sort)
[ ${#files[@]} -gt 0 ] || exit 0
exec perl "$cache/scripts/checkpatch.pl" --strict --no-tree --terse --show-types -f "${files[@]}"
