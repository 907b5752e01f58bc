#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fail (exit 1) and print the offending lines when a kernel log shows a
# splat: a warning, BUG, oops, lockdep report, KASAN/UBSAN report, refcount
# or list corruption, hung task, or a leak; also a module the kernel could
# not read (kmod handing it a compressed file it cannot unpack).
# POSIX sh: also runs in the guest.
# usage: splat.sh LOG...   (or a log on stdin)
set -u
pattern='WARNING:|BUG:|BUG |Oops|general protection|Kernel panic|'\
'possible (recursive|circular) locking|inconsistent lock state|lockdep|'\
'KASAN|UBSAN|refcount_t|list_(add|del) corruption|leak|blocked for more than|self-detected stall|'\
'soft lockup|hard LOCKUP|Call Trace:|'\
'Invalid ELF header magic'
# kmemleak scan results are judged by run_tests.sh's kmemleak test.
benign='kmemleak: Kernel memory leak detector initialized|'\
'kmemleak: Automatic memory scanning thread started|'\
'kmemleak: [0-9]+ new suspected memory leaks|'\
'RCU lockdep checking is enabled|@@IBFO|ibfo-splat: '
# A test that makes the kernel fail allocations on purpose (ibfo_faults)
# brackets its run with "ibfo-splat: expect-dump REGEX" and
# "ibfo-splat: expect-end" in the kernel log: in between, a stack dump
# right after a line matching REGEX (a core message the kernel prints
# with dump_stack() on -ENOMEM, not a WARN) is the expected outcome of
# the fault, and is dropped up to its </TASK> (at most 120 lines).
expected()
{
	awk '
	/ibfo-splat: expect-dump / {
		re = substr($0, index($0, "expect-dump ") + 12); next
	}
	/ibfo-splat: expect-end/ { re = ""; next }
	skip > 0 {
		skip = ($0 ~ /<\/TASK>/) ? 0 : skip - 1
		next
	}
	re != "" && $0 ~ re { skip = 120; next }
	{ print }'
}
found=$(cat "$@" 2>/dev/null | tr -d '\r' | expected | grep -E "$pattern" |
	grep -vE "$benign" | sort -u)
[ -z "$found" ] && exit 0
echo "kernel splat in guest log:" >&2
echo "$found" | head -n 40 | sed 's/^/  /' >&2
exit 1
