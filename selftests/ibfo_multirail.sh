#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Multi-rail multipath: hosts A and B each have one port on rail 1 (softib
# subnet 0, GID prefix fe80::) and one on rail 2 (subnet 1, prefix
# fe80:0:0:2), and ibfo0 in multipath mode; only same-rail ports reach
# each other.  Flows use only same-rail (slave, peer port) pairs (what A
# sent on each port B got on the same rail, nothing dropped), and the
# debugfs dump names, for a flow, the slave its packets leave through and
# a peer port on that slave's rail.  B's rail-1 port dies under 8 flows:
# A hears B's new port list on its rail-2 port (not the active one) and
# every flow goes on; then A's own rail-1 port dies.

# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source=softib.lib
. "$(dirname "$0")/softib.lib"
# shellcheck source=ibfo.lib
. "$(dirname "$0")/ibfo.lib"

softib_load num_hcas=2 num_ports=2
require_probe
ibfo_load
# shellcheck source=multirail.lib
. "$(dirname "$0")/multirail.lib"

# ---- multipath, ibfo on both sides ----
lag_host A ibfo0 "ibfo mode multipath peer_discovery on" "$a1" "$a2" 10.60.0.1/24
lag_host B ibfo0 "ibfo mode multipath peer_discovery on" "$b1" "$b2" 10.60.0.2/24
check "A has carrier" wait_for "$WAIT" carrier A ibfo0
check "B has carrier" wait_for "$WAIT" carrier B ibfo0
check "A pings B" wait_for "$WAIT" ping_ok A 10.60.0.2
check "B pings A" ping_ok B 10.60.0.1
check "A's dump lists B's two ports" wait_for "$WAIT" peer_ports_are A 2

# Warm-up: ipoib resolves the PathRecord of each (port, peer port) pair at
# its first packet and drops what overflows its queue meanwhile.  Only
# same-rail pairs resolve: cross-rail sends would drop in every round.
flows 16 10.60.0.2
same_rail_only 16
check "both rails carry A's flows ($t1/$t2)" \
	sh -c "[ $t1 -ge 40 ] && [ $t2 -ge 40 ]"

# The debug query.  Each round: a fresh flow cache generation (setting
# the hash policy), one flow, then the dump's entries for B name one
# slave, the one whose counter took the flow, and a port of B's on that
# slave's rail.
# query PORT: sets used (the slave that sent the flow), named (what the
# dump names, "a b " if several) and rail_ok.
query()
{
	"$IP" -n A link set ibfo0 type ibfo xmit_hash_policy layer3+4
	_t1=$(sent A "$a1") _t2=$(sent A "$a2")
	nsx A "$PROBE" send -r 1000 -n 150 -p "$1" 10.60.0.2 >/dev/null 2>&1
	_t1=$(($(sent A "$a1") - _t1)) _t2=$(($(sent A "$a2") - _t2))
	# Besides the flow's 155 datagrams a slave may send a pending peer
	# notification (3 rounds of broadcast ARP, unsolicited NA, MLD and
	# an ARP and ND update to each peer: 16 seen).
	used=none
	[ $_t1 -ge 150 ] && [ $_t2 -lt 40 ] && used=$a1
	[ $_t2 -ge 150 ] && [ $_t1 -lt 40 ] && used=$a2
	_d=$(dump A)
	named=$(echo "$_d" | awk '$1 == "flow" && $9 == "10.60.0.2" { print $7 }' |
		sort -u | tr '\n' ' ')
	# Every entry's slave prefix equals its peer port's address prefix.
	rail_ok=$(echo "$_d" | awk '
		$1 == "slave" { pfx[$2] = $6 }
		$1 == "peer" && $2 == "10.60.0.2" {
			split($6, b, ":"); p = ""
			for (i = 5; i <= 12; i++) p = p b[i]
			port[$4] = p
		}
		$1 == "flow" && $9 == "10.60.0.2" { n++; ps[n] = $7; pp[n] = $13 }
		END {
			for (i = 1; i <= n; i++)
				if ((pp[i] in port) && port[pp[i]] == pfx[ps[i]])
					ok++
			print (n > 0 && ok == n) ? "yes" : "no"
		}')
	log "flow to port $1: $_t1 on $a1, $_t2 on $a2; dump names: $named(same rail: $rail_ok)"
}
# Rounds until both slaves were named (at most 16: a random flow hash
# picks one of two slaves, all 16 on one is a 1 in 2^15 chance).
seen=
bad=0
rounds=0
while [ $rounds -lt 16 ]; do
	rounds=$((rounds + 1))
	query $((7200 + rounds))
	if [ "$named" != "$used " ] || [ "$rail_ok" != yes ]; then
		bad=$((bad + 1))
		dump A | sed 's/^/#   /'
	fi
	case " $seen " in *" $used "*) ;; *) seen="$seen $used" ;; esac
	case " $seen " in *" $a1 "*) case " $seen " in *" $a2 "*) break ;; esac ;; esac
done
check_eq "in $rounds rounds the dump named the slave that sent the flow, and a peer port on its rail" 0 "$bad"
check "the flows used both slaves ($seen)" \
	sh -c "echo '$seen' | grep -qw '$a1' && echo '$seen' | grep -qw '$a2'"

# B's rail-1 port dies: B tells A on rail 2 only, where A's port is not
# the active one.
flows_start A B 10.60.0.2 "$FLOW_STREAMS"
softibctl port softib1/1 link down
flows_end
same_rail_only 8
check "with $b1 down, A sends (almost) nothing on rail 1 ($t1)" near "$t1" 0
softibctl port softib1/1 link up
check "B's $b1 usable again" wait_for "$WAIT" state_is "$b1" active B

# A's own rail-1 port dies.
check "A's dump lists B's two ports again" wait_for "$WAIT" peer_ports_are A 2
flows_start A B 10.60.0.2 "$FLOW_STREAMS"
softibctl port softib0/1 link down
flows_end

ksft_exit
