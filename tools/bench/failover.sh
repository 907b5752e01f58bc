#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Failover benchmark, run in the test guest (tools/bench/run.sh boots it):
# host A = a failover master over two IPoIB ports, host B = one plain IPoIB
# port.  For each system (ibfo, bonding miimon 100 and 10, team) and each
# direction (tx: A sends to B; rx: B sends to A, i.e. the receiver's port
# dies), TRIALS times: a fo_probe UDP stream at RATE datagrams/s, the
# active slave's IB port taken down at a recorded instant, the outage and
# the lost count measured by the receiver, the port brought back.  Plus
# BASELINE fault-free runs per system and direction (TCG jitter).
#
# Output: one JSON line per trial, prefixed "@@FO@@ " (run.sh extracts
# them from the serial console); "# ..." lines are progress.  A system
# that cannot be set up gets one line {"system":..,"unavailable":REASON}.
# A measurement: asserts nothing about timings; exits non-zero only when
# the tooling itself breaks.
#
# usage: failover.sh [-n TRIALS] [-b BASELINE] [-s "SYSTEMS"] [-d "DIRS"]
#                    [-r RATE] [-q]
#   -q  quick: 2 trials, 1 baseline, 0.5 s + 1 s streams

# shellcheck source-path=SCRIPTDIR source=../../selftests/lib.sh
. /opt/ibfo/selftests/lib.sh
# shellcheck source=../../selftests/softib.lib
. /opt/ibfo/selftests/softib.lib
FO_DIR=/opt/ibfo/tools/bench
# shellcheck source=lib.sh
. "$FO_DIR/lib.sh"

trials=20 baseline=2 systems="ibfo ibfo_cm ibfo_mp bond100 bond10 team" dirs="tx rx"
# shellcheck disable=SC2034 # FO_* are read by lib.sh
while getopts n:b:s:d:r:q o; do
	case $o in
	n) trials=$OPTARG ;;
	b) baseline=$OPTARG ;;
	s) systems=$OPTARG ;;
	d) dirs=$OPTARG ;;
	r) FO_RATE=$OPTARG ;;
	q) trials=2 baseline=1 FO_PRE=1 FO_POST=1 FO_HIST=100 ;;
	*) sed -n '2,/^$/s/^# \{0,1\}//p' "$0" >&2; exit 2 ;;
	esac
done

[ -x "$FO_PROBE" ] || { echo "failover.sh: $FO_PROBE not built" >&2; exit 1; }
emit() { echo "@@FO@@ $*"; }

fo_topology || { echo "failover.sh: topology setup failed" >&2; exit 1; }
log "softib up: A=$fo_s1,$fo_s2 B=$fo_b; $trials trials, rate $FO_RATE/s"
emit "{\"meta\":true,\"kernel\":\"$(uname -r)\",\"cpus\":$(nproc),\"rate\":$FO_RATE,\"pre_s\":$FO_PRE,\"post_s\":$FO_POST,\"trials\":$trials}"

for sys in $systems; do
	t0=$(now_ms)
	if ! fo_setup "$sys"; then
		log "$sys: not available: $fo_why"
		emit "{\"system\":\"$sys\",\"unavailable\":\"$(fo_json_str "$fo_why")\"}"
		continue
	fi
	log "$sys: up in $(($(now_ms) - t0)) ms, active $(fo_active)"
	for dir in $dirs; do
		i=1
		while [ $i -le "$baseline" ]; do
			emit "$(fo_baseline "$dir" "$i")"
			i=$((i + 1))
		done
		i=1
		while [ $i -le "$trials" ]; do
			line=$(fo_trial "$dir" "$i")
			emit "$line"
			log "$sys $dir $i: $(echo "$line" | sed -n \
				-e 's/.*"outage":{"recovered":true,"ms":\(-\{0,1\}[0-9.]*\),"lost":\([0-9]*\).*/outage \1 ms, \2 lost/p' \
				-e 's/.*"outage":{"recovered":false.*/no recovery/p' \
				-e 's/.*"outage":null.*/no outage found/p')"
			i=$((i + 1))
		done
	done
	fo_teardown
done
log "failover.sh done"
exit 0
