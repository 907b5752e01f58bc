#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# RC fault paths under IPoIB connected mode, with softib's knobs:
#  - loss_ppm on both ports: RC messages and their ACKs get lost; lost
#    messages followed by others draw PSN sequence NAKs and go-back-N
#    retransmissions, a lost last message an ACK timeout, which with
#    ipoib's retry_count 0 fails the connection (IB_WC_RETRY_EXC_ERR) and
#    ipoib reconnects.  TCP still delivers 8 MB intact.
#  - rnr_ppm on the receiver: RC SENDs meet "no receive WQE" and draw RNR
#    NAKs; ipoib's rnr_retry_count 0 makes each one an
#    IB_WC_RNR_RETRY_EXC_ERR, the connection is torn down and re-made, and
#    TCP still delivers intact.
# Knobs back at 0, the link is clean again; no ipoib-CM 5 s timeouts.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"

S0=$SOFTIB/devices/softib0/port1/stats
softib_load num_hcas=2 num_ports=1
a=$(softibctl netdev softib0/1)
b=$(softibctl netdev softib1/1)
host A "$a" 10.25.0.1/24
host B "$b" 10.25.0.2/24
check "A: mode connected" cm_mode A "$a" connected 65520
check "B: mode connected" cm_mode B "$b" connected 65520
check "A pings B, 30000 bytes" wait_for "$WAIT" nsx A ping -c 1 -W 2 -s 30000 10.25.0.2

dir=$(mktemp -d)
defer "rm -rf $dir"
dd if=/dev/urandom of="$dir/data" bs=1M count=8 2>/dev/null
sum=$(md5 "$dir/data")

# Loss.
before=$(rc_stats softib0 1)
seq0=$(cat $S0/rc_seq_naks)
tmo0=$(cat $S0/rc_timeouts)
drop0=$(cat $S0/tx_dropped)
check "loss 20000 ppm on both ports" \
	sh -c "softibctl port softib0/1 loss 20000 && softibctl port softib1/1 loss 20000"
check "8 MB A -> B with loss" tcp_xfer A B 10.25.0.2 "$dir/data" "$dir/loss" 300
check_eq "content intact (md5)" "$sum" "$(md5 "$dir/loss")"
log "A's RC counters before: $before"
log "A's RC counters after:  $(rc_stats softib0 1)"
check "A's port dropped packets" [ "$(cat $S0/tx_dropped)" -gt "$drop0" ]
check "losses were noticed (sequence NAKs or ACK timeouts)" \
	[ $(($(cat $S0/rc_seq_naks) - seq0 + $(cat $S0/rc_timeouts) - tmo0)) -gt 0 ]
check "loss 0" sh -c "softibctl port softib0/1 loss 0 && softibctl port softib1/1 loss 0"

# RNR.
before=$(rc_stats softib0 1)
rnr0=$(cat $S0/rc_rnr_naks)
err0=$(cat $S0/rc_errors)
check "rnr 20000 ppm on B's port" softibctl port softib1/1 rnr 20000
check_eq "rnr_ppm reads back" 20000 "$(cat $SOFTIB/devices/softib1/port1/rnr_ppm)"
check "8 MB A -> B with RNR NAKs" tcp_xfer A B 10.25.0.2 "$dir/data" "$dir/rnr" 300
check_eq "content intact (md5)" "$sum" "$(md5 "$dir/rnr")"
log "A's RC counters before: $before"
log "A's RC counters after:  $(rc_stats softib0 1)"
check "A received RNR NAKs" [ "$(cat $S0/rc_rnr_naks)" -gt "$rnr0" ]
check "RNR NAKs failed A's connections (rnr_retry 0)" \
	[ "$(cat $S0/rc_errors)" -gt "$err0" ]
check "rnr 0" softibctl port softib1/1 rnr 0

# Clean again.
err0=$(cat $S0/rc_errors)
check "8 MB A -> B clean" tcp_xfer A B 10.25.0.2 "$dir/data" "$dir/clean"
check_eq "content intact (md5)" "$sum" "$(md5 "$dir/clean")"
check_eq "no RC connection failed on a clean link" "$err0" "$(cat $S0/rc_errors)"
check "no ipoib-CM 5 s timeouts" no_cm_stall

ksft_exit
