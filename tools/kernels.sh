#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make kernels: install what each supported kernel lane lacks and build
# ibfo.ko and softib.ko for it (W=1), one line per kernel:
#   kernel NAME RELEASE: build ok
#   kernel NAME RELEASE: build FAILED: <first error>
# Exit status non-zero if any kernel failed.  KERNEL=NAME: that one only.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tools/vm/deps.sh >&2 || exit 1
rc=0
for name in ${KERNEL:-$(tools/vm/kernel.sh list)}; do
	if ! tools/vm/kernel.sh install "$name" > ".build-$name-install.log" 2>&1; then
		echo "kernel $name ?: install FAILED: $(grep -m1 -iE 'error|E:' ".build-$name-install.log")"
		rc=1
		continue
	fi
	rm -f ".build-$name-install.log"
	kver=$(tools/vm/kernel.sh env "$name" | sed -n 's/^KVER=//p')
	dir=$top/.build/$name
	if tools/vm/lane-build.sh "$name" "$dir" W=1 &&
	   ! grep -qE '(warning|error):' "$dir/build.log"; then
		echo "kernel $name $kver: build ok"
	else
		echo "kernel $name $kver: build FAILED: $(grep -m1 -E '(warning|error):|Error' "$dir/build.log")"
		rc=1
	fi
done
exit $rc
