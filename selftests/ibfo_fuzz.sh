#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# rtnetlink fuzzing of ibfo (tools/fuzz/ibfo_nlfuzz): creation, option
# changes with valid and mutated IFLA_IBFO_* attributes, enslaving and
# releasing softib IPoIB slaves (and a dummy, loopback, ibfo devices,
# random ifindexes), devices of another namespace, slave data, masters'
# MTUs, deletion.  Every request is acknowledged or refused with an errno
# (slave data on a slave with ibfo's extack message); the state read back
# matches the fuzzer's model, every slave with its master's MTU (0
# mismatches); the runner fails the test on any splat.  FUZZ_SEED and
# FUZZ_COUNT override seed and size (make stress runs 100000).

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

FUZZ=$TOOLS_DIR/fuzz/ibfo_nlfuzz
[ -x "$FUZZ" ] || ksft_skip "ibfo_nlfuzz not built (make -C tools/fuzz)"
seed=${FUZZ_SEED:-11}
count=${FUZZ_COUNT:-$([ -n "$SLOW" ] && echo 1500 || echo 5000)}

softib_load num_hcas=2 num_ports=2
ibfo_load
modprobe dummy numdummies=0 2>/dev/null
two_hosts
check "dummy device" $IP link add fzdummy0 type dummy
defer "$IP link del fzdummy0"
ns_add fzns
check "ibfo device in the other namespace" \
	$IP -n fzns link add fzother type ibfo
# Up, and in their broadcast group, before the fuzzer reads their MTUs as
# the largest each takes: a datagram-mode IPoIB device that never joined
# reports its port's MTU, then drops to the group's when it joins.
for s in "$a1" "$a2" "$b1" "$b2"; do
	$IP link set "$s" up
	check "$s joined its broadcast group" wait_for "$WAIT" \
		sh -c "$IP link show dev $s | grep -q LOWER_UP"
done

log "seed $seed, $count messages (FUZZ_SEED=$seed reproduces)"
fzlog=/tmp/ibfo_fuzz.$$
"$FUZZ" -s "$seed" -n "$count" -c 250 -i "$a1,$a2,$b1,$b2" \
	-o fzdummy0 -N fzns > "$fzlog" 2> "$fzlog.err"
rc=$?
sed 's/^/# /' "$fzlog"
head -n 20 "$fzlog.err" | sed 's/^/#   /'
last=$(tail -n 1 "$fzlog")
sent=$(echo "$last" | sed -n 's/^fuzz: \([0-9]*\) sent.*/\1/p')
mis=$(echo "$last" | sed -n 's/.* \([0-9]*\) mismatches$/\1/p')
check_eq "fuzzer exit status" 0 "$rc"
check_eq "messages sent" "$count" "$sent"
check_eq "mismatches" 0 "$mis"
acc=$(echo "$last" | sed -n 's/.* \([0-9]*\) accepted.*/\1/p')
rej=$(echo "$last" | sed -n 's/.* \([0-9]*\) rejected.*/\1/p')
check "some requests accepted ($acc)" [ "${acc:-0}" -gt 0 ]
check "some requests rejected ($rej)" [ "${rej:-0}" -gt 0 ]
check "refusals carry extack messages" grep -q "^fuzz: refused" "$fzlog"
rm -f "$fzlog" "$fzlog.err"

# Nothing the fuzzer left behind is broken: its devices delete cleanly
# and every slave is released.
for d in $($IP -o link show type ibfo | awk '{ sub(":$", "", $2); print $2 }'); do
	check "delete $d" $IP link del "$d"
done
for s in "$a1" "$a2" "$b1" "$b2"; do
	check_eq "$s has no master" "" \
		"$(readlink /sys/class/net/"$s"/master 2>/dev/null)"
done
check "delete the other namespace's ibfo devices" sh -c \
	"for d in \$($IP -n fzns -o link show type ibfo | awk '{ sub(\":\$\", \"\", \$2); print \$2 }'); do $IP -n fzns link del \$d || exit 1; done"

ksft_exit
