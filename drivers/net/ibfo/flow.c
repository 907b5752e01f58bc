// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the multipath flow cache.
 *
 * Each unicast IP flow (its hash, per xmit_hash_policy) leaves through one
 * usable slave, chosen by rendezvous hashing: every slave gets a weight
 * from the flow hash and its own random salt, the heaviest usable slave
 * wins.  When a slave fails only its flows move, and each to wherever it
 * weighs most among the others; when it comes back, only the flows it
 * weighs most for return to it.
 *
 * Choosing walks the slave list, so each CPU caches its choices, indexed
 * by flow hash and tagged with &ibfo.gen, which every change of a slave's
 * link state (and every enslave) bumps.  A lookup reads the generation,
 * then its own CPU's entry: no lock, no atomic read-modify-write, no
 * write to a shared cache line.  A stale entry (old generation) is never
 * dereferenced: a released slave bumped the generation before it left the
 * list, and is freed only after an RCU grace period.
 */

#include <linux/ip.h>
#include <linux/jhash.h>
#include <linux/random.h>
#include <net/flow_dissector.h>
#include <net/route.h>

#include "ibfo.h"
#include "trace.h"

/**
 * ibfo_flow_cache_init - allocate a master's per-CPU flow cache
 * @ibfo: the master, not yet registered
 *
 * Return: 0 or -ENOMEM.
 */
int ibfo_flow_cache_init(struct ibfo *ibfo)
{
	ibfo->flow_cache = alloc_percpu(struct ibfo_flow_cache);
	if (!ibfo->flow_cache)
		return -ENOMEM;
	/* Zeroed entries hold no slave: never a hit. */
	ibfo->gen = 1;
	return 0;
}

/**
 * ibfo_flow_cache_free - free a master's per-CPU flow cache
 * @ibfo: the master, unregistered: no transmitter uses the cache
 */
void ibfo_flow_cache_free(struct ibfo *ibfo)
{
	free_percpu(ibfo->flow_cache);
	ibfo->flow_cache = NULL;
}

/**
 * ibfo_flows_invalidate - make every cached multipath choice stale
 * @ibfo: the master
 *
 * Called after a slave's link state changed, a slave joined the list or
 * the hash policy changed.  The release orders those stores before the
 * new generation: a transmitter that reads it sees them.
 *
 * Context: under &ibfo.lock.
 */
void ibfo_flows_invalidate(struct ibfo *ibfo)
{
	lockdep_assert_held(&ibfo->lock);
	/* Pairs with the acquire in ibfo_flow_lookup(). */
	smp_store_release(&ibfo->gen, ibfo->gen + 1);
}

/* The flow hash of an IPv4/IPv6 packet per the hash policy; fragments
 * hash on their addresses only, so that all of a datagram's fragments
 * take one slave.
 */
static u32 ibfo_flow_hash(const struct ibfo *ibfo, const struct sk_buff *skb)
{
	struct flow_keys keys;

	if (!skb_flow_dissect_flow_keys(skb, &keys, 0))
		return 0;
	if (READ_ONCE(ibfo->params.xmit_hash_policy) == IBFO_XMIT_HASH_LAYER3 ||
	    (keys.control.flags & FLOW_DIS_IS_FRAGMENT))
		keys.ports.ports = 0;
	return flow_hash_from_keys(&keys);
}

/* The usable slave of greatest weight for @hash, among those on @daddr's
 * subnet if @daddr is given; NULL if there is none.
 */
static struct ibfo_slave *ibfo_flow_rendezvous(struct ibfo *ibfo, u32 hash,
					       const u8 *daddr)
{
	struct ibfo_slave *slave, *best = NULL;
	u32 weight, best_weight = 0;

	list_for_each_entry_rcu(slave, &ibfo->slaves, list,
				rcu_read_lock_bh_held() ||
				lockdep_rtnl_is_held()) {
		if (!ibfo_slave_may_carry(slave))
			continue;
		if (daddr && !ibfo_same_subnet(slave->dev->dev_addr, daddr))
			continue;
		weight = jhash_1word(hash, slave->salt);
		if (!best || weight > best_weight) {
			best = slave;
			best_weight = weight;
		}
	}
	return best;
}

/**
 * ibfo_flow_choose - the slave for a hash, by rendezvous hashing
 * @ibfo: the master
 * @hash: a flow hash, or ibfo_rlb_pair() of an address pair (rlb.c)
 * @daddr: the IPoIB address the slave sends to, or NULL for any
 *
 * Multi-rail: a port reaches only the ports of its own IB subnet, so the
 * choice is among the usable slaves whose GID subnet prefix is @daddr's.
 * Only if none is, it is among all usable slaves, as without rails: a
 * prefix mismatch does not prove the address unreachable (an IB router,
 * or a site that numbers one fabric's ports with two prefixes), ipoib's
 * PathRecord query for it is the judge, and dropping would make ibfo
 * stricter than the plain ipoib port it replaces.  When the address is
 * on a rail with no usable slave of ours, that send is lost either way,
 * and the neighbour's new address (its failover, our ARP) fixes the flow.
 *
 * Context: RCU (BH) or RTNL.
 * Return: the chosen usable slave, NULL if none is usable.
 */
struct ibfo_slave *ibfo_flow_choose(struct ibfo *ibfo, u32 hash,
				    const u8 *daddr)
{
	struct ibfo_slave *slave = NULL;

	if (daddr)
		slave = ibfo_flow_rendezvous(ibfo, hash, daddr);
	return slave ?: ibfo_flow_rendezvous(ibfo, hash, NULL);
}

/* The IPv4 next hop of @skb, the key of ibfo peers; 0 for IPv6. */
static __be32 ibfo_nexthop(struct sk_buff *skb)
{
	const struct rtable *rt = skb_rtable(skb);

	if (skb->protocol != htons(ETH_P_IP) ||
	    !pskb_network_may_pull(skb, sizeof(struct iphdr)))
		return 0;
	return rt ? rt_nexthop(rt, ip_hdr(skb)->daddr) : ip_hdr(skb)->daddr;
}

/* A new choice for @hash: a (slave, port) pair of an ibfo peer (by IPv4
 * next hop, or for IPv6 by the port @neigh names) and when its record was
 * refreshed, else a slave on the subnet of the neighbour's address @neigh
 * (@daddr NULL).
 */
static struct ibfo_slave *ibfo_flow_new(struct ibfo *ibfo, u32 hash,
					__be32 nexthop, const u8 *neigh,
					const u8 **daddr, u8 *port,
					unsigned long *updated)
{
	struct ibfo_slave *slave;
	struct ibfo_peer *peer;
	unsigned int i;

	*daddr = NULL;
	*port = IBFO_FLOW_NEIGH;
	peer = nexthop ? ibfo_peer_find(ibfo, nexthop) :
			 ibfo_peer_find_port(ibfo, neigh);
	if (peer) {
		slave = ibfo_peer_choose(ibfo, peer, hash, &i);
		if (slave) {
			*daddr = peer->addr[i];
			*port = i;
			*updated = READ_ONCE(peer->updated);
			return slave;
		}
	}
	return ibfo_flow_choose(ibfo, hash, neigh);
}

/* Keep @slave's count of this CPU's entries that name it in generation
 * @gen up to date, as an entry is filled (@delta 1) or replaced (-1).  A
 * count of an older generation is stale like its entries: it restarts
 * from 0.  Generation and count share one word, written at once, so that
 * ibfo_slave_flows() on another CPU never sees one without the other.
 */
static void ibfo_flow_count(struct ibfo_slave *slave, u32 gen, int delta)
{
	u64 *count = this_cpu_ptr(slave->flows);
	u32 n = 0;

	if (upper_32_bits(*count) == gen)
		n = lower_32_bits(*count);
	else if (delta < 0)	/* nothing of @gen counted: never wrap */
		return;
	WRITE_ONCE(*count, (u64)gen << 32 | (u32)(n + delta));
}

/**
 * ibfo_flow_lookup - the slave that carries a unicast IP packet
 * @ibfo: the master
 * @skb: the packet, IPv4 or IPv6, IPoIB hard header first
 *
 * Towards an ibfo peer it also names the peer's port in the pseudo
 * header.
 *
 * Context: transmit path, RCU (BH), BH disabled.
 * Return: the slave, or NULL if none is usable.
 */
struct ibfo_slave *ibfo_flow_lookup(struct ibfo *ibfo, struct sk_buff *skb)
{
	u32 hash = ibfo_flow_hash(ibfo, skb);
	__be32 nexthop = ibfo_nexthop(skb);
	struct ibfo_flow *flow;
	struct ibfo_slave *slave;
	unsigned long updated = 0;
	const u8 *daddr;
	__be64 prefix;
	u32 gen;
	u8 port;

	/* Pairs with ibfo_flows_invalidate(): the slave states we choose
	 * from are at least as new as the generation we tag the choice with.
	 */
	gen = smp_load_acquire(&ibfo->gen);
	flow = &this_cpu_ptr(ibfo->flow_cache)->entry[hash % IBFO_FLOW_CACHE_SIZE];
	/* The neighbour's address leads the skb (the caller checked its
	 * length).  Its prefix is part of the key: a neighbour that failed over
	 * to another rail keeps its IP address and flow hashes, and only the
	 * address (after its gratuitous ARP) says that the cached slave can
	 * no longer reach it.  One load and compare, in the line the header
	 * write below touches anyway; the subnet match itself (a walk of
	 * the slaves) is only done on a miss.  A peer's record expires
	 * without a new generation (the sweep that frees it, and bumps it,
	 * may come minutes later): a choice made from one lasts only as
	 * long as the record.
	 */
	prefix = ibfo_addr_prefix(skb->data);
	if (likely(flow->gen == gen && flow->hash == hash &&
		   flow->nexthop == nexthop && flow->prefix == prefix &&
		   flow->slave &&
		   (!flow->daddr || ibfo_peer_fresh(flow->updated)))) {
		slave = flow->slave;
		daddr = flow->daddr;
		goto out;
	}

	slave = ibfo_flow_new(ibfo, hash, nexthop, skb->data, &daddr, &port,
			      &updated);
	/* The old entry's slave may be freed: name it by ifindex only. */
	if (flow->hash == hash && flow->slave && flow->slave != slave)
		trace_ibfo_resteer(ibfo->dev, hash, flow->ifindex,
				   slave ? slave->dev : NULL);
	/* An entry of this generation names a live slave (see above). */
	if (flow->gen == gen && flow->slave)
		ibfo_flow_count(flow->slave, gen, -1);
	if (slave)
		ibfo_flow_count(slave, gen, 1);
	/* Read by the debugfs dump on other CPUs. */
	WRITE_ONCE(flow->hash, hash);
	WRITE_ONCE(flow->gen, gen);
	WRITE_ONCE(flow->slave, slave);
	flow->ifindex = slave ? slave->dev->ifindex : 0;
	flow->nexthop = nexthop;
	flow->prefix = prefix;
	flow->daddr = daddr;
	flow->port = port;
	flow->updated = updated;
out:
	/* The pseudo header leads the skb (ibfo_header_create()). */
	if (daddr && !skb_cow_head(skb, 0))
		memcpy(skb->data, daddr, INFINIBAND_ALEN);
	return slave;
}

/**
 * ibfo_slave_flows - how many flows the flow caches steer to a slave
 * @ibfo: the master
 * @slave: one of its slaves
 *
 * Counts the current entries of every CPU's cache: a flow sent from two
 * CPUs counts twice, one not sent since the last change not at all.  Sums
 * the slave's per-CPU counts (ibfo_flow_count()) of the current
 * generation, read racily: a count may be a packet old.
 *
 * Return: the number of entries naming @slave.
 */
u32 ibfo_slave_flows(const struct ibfo *ibfo, const struct ibfo_slave *slave)
{
	u32 flows = 0, gen;
	u64 count;
	int cpu;

	/* As in ibfo_flow_lookup(): counts of this generation or newer. */
	gen = smp_load_acquire(&ibfo->gen);
	for_each_possible_cpu(cpu) {
		count = READ_ONCE(*per_cpu_ptr(slave->flows, cpu));
		if (upper_32_bits(count) == gen)
			flows += lower_32_bits(count);
	}
	return flows;
}
