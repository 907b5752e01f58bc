#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Throughput benchmark, run in the test guest (tools/bench/run.sh boots
# it): from host A to host B (topology of tools/bench/lib.sh) through raw
# IPoIB, ibfo and bonding (active-backup, miimon 100): TCP with 1 and with
# 4 streams (Mbit/s) and UDP with 64-byte datagrams (packets/s received),
# with iperf3 (copied in by run.sh: GUEST_BINS=iperf3).  For each, the
# guest's CPU time per packet that crossed the fabric: busy time from
# /proc/stat over softib's tx_packets, both hosts together.  The ratios to
# raw IPoIB are computed by run.sh from the same boot.
#
# Output: one JSON line per measurement, prefixed "@@TP@@ ".  Asserts
# nothing about the numbers; exits non-zero only if the tooling breaks.
#
# usage: throughput.sh [-t SECS] [-r REPS] [-s "SYSTEMS"] [-q]
#   -t SECS  length of each iperf3 run (default 5)
#   -r REPS  rounds over the systems, alternating (default 3)
#   -q       quick: 2 s, 1 round

# shellcheck source-path=SCRIPTDIR source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=../../selftests/softib.lib
. /opt/ibfo/selftests/softib.lib
FO_DIR=/opt/ibfo/tools/bench
# shellcheck source=lib.sh
. "$FO_DIR/lib.sh"

secs=5 reps=3 systems="raw ibfo bond100" gone=""
while getopts t:r:s:q o; do
	case $o in
	t) secs=$OPTARG ;;
	r) reps=$OPTARG ;;
	s) systems=$OPTARG ;;
	q) secs=2 reps=1 ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done
emit() { echo "@@TP@@ $*"; }

# measure TEST IPERF3-ARGS...: one iperf3 run from A to B; emits the result.
measure()
{
	_mt=$1
	fo_iperf "$@"
	emit "{\"system\":\"$fo_sys\",\"test\":\"$_mt\",\"value\":${_v:-0},\"unit\":\"$_unit\",\"secs\":$secs,\"rep\":$rep,\"ok\":$([ $_rc -eq 0 ] && echo true || echo false),\"fabric_pkts\":$_dp,\"cpu_us_per_pkt\":$_cpu,\"cpu_util\":$_util}"
	log "$fo_sys $_mt: ${_v:-0} $_unit, ${_cpu} us CPU/packet"
}

if ! command -v iperf3 >/dev/null; then
	emit '{"error":"iperf3 not in the guest (GUEST_BINS=iperf3)"}'
	exit 1
fi
fo_topology || { echo "throughput.sh: topology setup failed" >&2; exit 1; }
emit "{\"meta\":true,\"kernel\":\"$(uname -r)\",\"cpus\":$(nproc),\"secs\":$secs}"
# Systems alternate, REPS rounds: the host's load drifts, and a ratio
# of medians over interleaved runs is steadier than one of single runs.
rep=1
while [ $rep -le "$reps" ]; do
	for sys in $systems; do
		case " $gone " in *" $sys "*) continue ;; esac
		if ! fo_setup "$sys" 2>/dev/null; then
			log "$sys: not available: $fo_why"
			emit "{\"system\":\"$sys\",\"unavailable\":\"$(fo_json_str "$fo_why")\"}"
			gone="$gone $sys"
			continue
		fi
		measure tcp1
		measure tcp4 -P 4
		measure udp64 -u -b 0 -l 64
		fo_teardown
	done
	rep=$((rep + 1))
done
exit 0
