#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Fault knobs have their measured effect: loss_ppm=500000 on one port loses
# roughly half the pings (a wide band: the knob may act once or twice per
# round trip) and the drops are counted; delay_us=20000 makes every round
# trip take at least 20 ms (checked on the minimum RTT: averages swing by
# tens of ms on the debug kernel).  Back at 0 the link is clean again.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

P=softib0/1
S=$SOFTIB/devices/softib0/port1

# dropped: drops counted by the two ports in use, whichever side counts.
dropped()
{
	cat "$SOFTIB"/devices/softib[01]/port1/stats/*_dropped |
		awk '{ n += $1 } END { print n + 0 }'
}

softib_load num_hcas=2 num_ports=2
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.8.0.1/24
host B "$b" 10.8.0.2/24
check "A pings B" wait_for "$WAIT" ping_ok A 10.8.0.2

pstats A 10.8.0.2 20 0.05
check_eq "no loss at loss_ppm 0" 20 "$rx"
log "baseline: $rx/20 answered, RTT min $rtt_min avg $rtt_avg ms"

d0=$(dropped)
check "$P loss 500000" softibctl port $P loss 500000
check_eq "loss_ppm reads back" 500000 "$(cat $S/loss_ppm)"
pstats A 10.8.0.2 200 0.02
log "loss_ppm 500000: $rx of 200 answered"
# One lossy crossing per round trip: ~100 +- 7 answered; two: ~50 +- 6.
check "$rx of 200 answered is within 20..150" between "$rx" 20 150
d1=$(dropped)
check "drop counters grew with the loss ($d0 -> $d1)" [ $((d1 - d0)) -ge 40 ]
check "$P loss 0" softibctl port $P loss 0
check "traffic is clean again" wait_for "$WAIT" ping_ok A 10.8.0.2
pstats A 10.8.0.2 20 0.05
check_eq "no loss after loss_ppm 0" 20 "$rx"

check "$P delay 20000" softibctl port $P delay 20000
check_eq "delay_us reads back" 20000 "$(cat $S/delay_us)"
pstats A 10.8.0.2 10 0.1
log "delay_us 20000: $rx/10 answered, RTT min $rtt_min avg $rtt_avg ms"
check_eq "no loss with delay" 10 "$rx"
check "min RTT $rtt_min ms is within 20..1000 ms" between "$rtt_min" 20 1000
delayed=$rtt_min
check "$P delay 0" softibctl port $P delay 0
pstats A 10.8.0.2 10 0.1
log "delay_us 0: RTT min $rtt_min avg $rtt_avg ms"
check "min RTT $rtt_min ms is >= 10 ms below the delayed $delayed ms" \
	between "$rtt_min" 0 "$(awk -v d="$delayed" 'BEGIN { print d - 10 }')"

ksft_exit
