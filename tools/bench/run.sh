#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench: failover and throughput benchmarks of ibfo, bonding and team
# over IPoIB on softib, in the test guest.  Builds the modules, the ip
# plugin and the static probes (tools/bench/fo_probe), boots the guest
# once per failover system (tools/vm/run.sh) to run failover.sh and
# throughput.sh and once more for multipath.sh, then prints
# Markdown tables and a headline, and leaves in OUTDIR (default .bench):
# results.json (every trial), failover.png (received datagrams per ms
# around the fault), guest.log and the guest's logs under vm/.
#
# usage: run.sh [--quick | --check] [--trials N] [--out DIR]
#               [--systems "LIST"] [--timeout SECS]
#   --quick      2 trials, short streams and transfers (make bench-quick,
#                also QUICK=1): checks that the tooling works
#   --check      the step of make check (make bench-check): one boot, ibfo
#                and bonding miimon 100, 1 trial per direction, 1 s
#                transfers, and strict: fails on anything a benchmark run
#                must survive (below), never on a number; no multipath.sh
#                (its topology and runs would add well over 30 s)
#   --trials N   failover trials per system and direction (default 20)
#   --systems L  failover systems (default "ibfo ibfo_cm ibfo_mp bond100
#                bond10 team": ibfo_cm has connected-mode slaves and peer,
#                ibfo_mp is multipath mode)
#   --timeout S  limit of each guest boot (default 600 quick, 1500 full): a
#                system that hangs the guest loses only its later rows
#
# A measurement, not a test: the exit status is non-zero only if the
# tooling breaks (build, guest boot, no results), never for a number.
# With --check also if a host tool is missing, a guest crashed, hung or
# left a kernel splat, a guest script failed, or a result that every run
# yields is missing (report.py --check).
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
# shellcheck source=../lib/apt.sh
. "$top/tools/lib/apt.sh"
bench=$top/tools/bench
quick=${QUICK:-0} trials=20 out=$top/.bench systems="" check=0
timeout=""
while [ $# -gt 0 ]; do
	case $1 in
	--quick) quick=1; shift ;;
	--check) check=1; shift ;;
	--trials) trials=$2; shift 2 ;;
	--out) out=$2; shift 2 ;;
	--systems) systems=$2; shift 2 ;;
	--timeout) timeout=$2; shift 2 ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
[ "$quick" = 0 ] || [ "$quick" = 1 ] || quick=1
if [ $check = 1 ]; then
	: "${systems:=ibfo bond100}"
else
	: "${systems:=ibfo ibfo_cm ibfo_mp bond100 bond10 team}"
fi

# Host tools: iperf3 and teamd go into the guest, gnuplot draws the plot.
missing=()
for p in iperf3:iperf3 teamd:libteam-utils gnuplot:gnuplot-nox python3:python3; do
	command -v "${p%%:*}" >/dev/null || missing+=("${p#*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
	host_install "${missing[@]}" ||
		echo "bench: could not install ${missing[*]}; going on without" >&2
fi
command -v python3 >/dev/null || { echo "bench: python3 needed" >&2; exit 1; }
if [ $check = 1 ]; then
	for p in iperf3 gnuplot; do
		command -v $p >/dev/null ||
			{ echo "bench: check: $p missing" >&2; exit 1; }
	done
fi
guest_bins=""
for b in iperf3 teamd teamdctl; do
	command -v "$b" >/dev/null && guest_bins="$guest_bins $b"
done

make -s -C "$top" modules plugin >&2
make -s -C "$bench" >&2

if [ $check = 1 ]; then
	fopts="-q -n 1" topts="-q -t 1"
	: "${timeout:=600}"
elif [ "$quick" = 1 ]; then
	fopts="-q" topts="-q"
	: "${timeout:=600}"
else
	fopts="-n $trials" topts=""
	: "${timeout:=1500}"
fi
rm -rf "$out"
mkdir -p "$out"
: > "$out/guest.log"

# boot NAME CMD: run CMD in a guest (logs NAME), its output appended to
# guest.log; sets rc to run.sh's exit status.
boot()
{
	rc=0
	GUEST_BINS="$guest_bins" "$top/tools/vm/run.sh" --logdir "$out/vm-$1" \
		--timeout "$timeout" -- "$2" > "$out/guest-$1.log" 2> "$out/vm-$1.err" || rc=$?
	cat "$out/guest-$1.log" >> "$out/guest.log"
	grep '^# ' "$out/guest-$1.log" | grep -v '^#   ' >&2 || true
}

# why NAME: the first line of the guest's logs that says how it failed.
why()
{
	(grep -h -m1 -E 'BUG:|Oops:|Kernel panic|blocked for more' \
		"$out/guest-$1.log" "$out/vm-$1/console.log" ||
		grep -h -m1 -E 'timed out|died|splat' "$out/vm-$1.err") 2>/dev/null |
		head -n 1 | sed 's/^\[ *[0-9.]*\] //' | tr -d '\\"' | cut -c1-160
}

# check mode: one boot for everything (a boot costs ~10 s and the
# topology some more), strict about the guest.
if [ $check = 1 ]; then
	echo "bench: check: booting the guest (failover: $systems; throughput: raw ibfo bond100)" >&2
	boot check "sh /opt/ibfo/tools/bench/failover.sh $fopts -s '$systems'; a=\$?;
		sh /opt/ibfo/tools/bench/throughput.sh $topts -s 'raw ibfo bond100'; b=\$?;
		echo \"# failover.sh exit \$a, throughput.sh exit \$b\"; [ \$a -eq 0 ] && [ \$b -eq 0 ]"
	status=0
	case $rc in
	0) ;;
	126) echo "bench: check: FAIL: kernel splat in the guest:" >&2
	     sed 's/^/bench:   /' "$out/vm-check.err" | head -n 20 >&2
	     status=1 ;;
	*) echo "bench: check: FAIL: guest failed (run.sh exit $rc): $(why check)" >&2
	   tail -n 20 "$out/vm-check.err" | sed 's/^/bench:   /' >&2
	   status=1 ;;
	esac
	python3 "$bench/report.py" --check "$systems" "$out" "$out/guest.log" || status=1
	exit $status
fi

# One boot per system: a crash of one (ibfo is young; team over IPoIB is
# untested territory) costs only its own rows.  Each boot measures raw
# IPoIB throughput too, so ratios compare figures of the same boot.
for sys in $systems; do
	tp=""
	case $sys in ibfo | bond100) tp="raw $sys" ;; esac
	cmd="sh /opt/ibfo/tools/bench/failover.sh $fopts -s $sys; a=\$?"
	if [ -n "$tp" ]; then
		cmd="$cmd; sh /opt/ibfo/tools/bench/throughput.sh $topts -s '$tp'; b=\$?"
	else
		cmd="$cmd; b=0"
	fi
	cmd="$cmd; [ \$a -eq 0 ] && [ \$b -eq 0 ]"
	echo "bench: $sys: booting the guest ($([ "$quick" = 1 ] && echo quick || echo "$trials trials"))" >&2
	boot "$sys" "$cmd"
	case $rc in
	0) ;;
	126)	# a kernel splat: reported; the numbers stand
		echo "bench: $sys: WARNING: kernel splat in the guest, see $out/vm-$sys.err" >&2 ;;
	*)
		w=$(why "$sys")
		echo "bench: $sys: guest failed (run.sh exit $rc): $w" >&2
		echo "@@FO@@ {\"system\":\"$sys\",\"crashed\":true,\"unavailable\":\"guest failed (exit $rc): ${w:-see vm-$sys.err}\"}" >> "$out/guest.log" ;;
	esac
done
# Multipath (tools/bench/multipath.sh): its own boot, its own topology.
mopts=""
[ "$quick" = 1 ] && mopts="-q"
echo "bench: multipath: booting the guest" >&2
boot multipath "sh /opt/ibfo/tools/bench/multipath.sh $mopts"
case $rc in
0) ;;
126) echo "bench: multipath: WARNING: kernel splat in the guest, see $out/vm-multipath.err" >&2 ;;
*)
	w=$(why multipath)
	echo "bench: multipath: guest failed (run.sh exit $rc): $w" >&2
	echo "@@MP@@ {\"error\":\"guest failed (exit $rc): ${w:-see vm-multipath.err}\"}" >> "$out/guest.log" ;;
esac
python3 "$bench/report.py" "$out" "$out/guest.log"
