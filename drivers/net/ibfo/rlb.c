// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - receive balancing.
 *
 * In multipath mode a plain IPoIB neighbour sends to whatever address its
 * ARP entry for us holds.  With rx_balance on, ibfo gives each (our IPv4
 * address, neighbour IPv4 address) pair a slave, by the same rendezvous
 * hashing as transmit flows, and tells the neighbour that slave's address:
 *
 * - in every ARP reply it sends (the reply to the neighbour's request), and
 *   in every unicast ARP request (neighbour probe);
 * - after every change of the usable slaves, with each peer notification
 *   round: a unicast gratuitous ARP (request, sender IP =
 *   target IP = ours) to every neighbour in the master's ARP table.  Linux
 *   neighbours take a gratuitous ARP for an entry they have whatever its age
 *   (arp_is_garp()), where a plain reply within the entry's locktime
 *   would be ignored.
 *
 * ARP requests we broadcast keep the master's address: every host hears
 * them.  IPv6 neighbour discovery is balanced in rlb_nd.c.
 *
 * Multi-rail: a neighbour reaches only our ports on its own IB subnet (rail),
 * so the slave given to a neighbour is chosen among those on the subnet of the
 * neighbour's own address, as on transmit.  Without rx_balance a unicast ARP
 * frame to a neighbour on another rail than the master's address still names
 * a slave on the neighbour's rail: the master's address is unreachable for it.
 */

#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <net/arp.h>
#include <net/neighbour.h>

#include "ibfo.h"

/**
 * ibfo_rlb_slave - the slave a neighbour should send to
 * @ibfo: the master, in multipath mode
 * @ours: our IPv4 address the neighbour talks to
 * @theirs: the neighbour's IPv4 address
 * @neigh_ha: the neighbour's IPoIB address, whose subnet the slave must be on
 *
 * Context: RCU (BH) or RTNL.
 * Return: a usable slave, or NULL if there is none.
 */
struct ibfo_slave *ibfo_rlb_slave(struct ibfo *ibfo, __be32 ours,
				  __be32 theirs, const u8 *neigh_ha)
{
	return ibfo_flow_choose(ibfo,
				ibfo_rlb_pair(&ours, &theirs, sizeof(ours)),
				neigh_ha);
}

/**
 * ibfo_rlb_pick - the slave to name instead of the master in a message
 * @ibfo: the master, in multipath mode
 * @pair: ibfo_rlb_pair() of our address and the neighbour's in the message
 * @own: the address the message names as ours, the master's
 * @neigh_ha: the port the message goes to
 *
 * With rx_balance on, the pair's slave; with it off, a slave on the
 * neighbour's rail if @own is not on it: the neighbour could not reach it.
 *
 * Context: RCU (BH).
 * Return: the slave, or NULL to leave the message alone.
 */
struct ibfo_slave *ibfo_rlb_pick(struct ibfo *ibfo, u32 pair, const u8 *own,
				 const u8 *neigh_ha)
{
	if (READ_ONCE(ibfo->params.rx_balance))
		return ibfo_flow_choose(ibfo, pair, neigh_ha);
	if (!ibfo_same_subnet(own, neigh_ha))
		return ibfo_flow_choose(ibfo, 0, neigh_ha);
	return NULL;
}

/**
 * ibfo_rlb_arp_xmit - name the neighbour's slave in an outgoing unicast ARP
 * @ibfo: the master, in multipath mode
 * @skb: an ARP frame on its way out, IPoIB hard header first
 *
 * A reply, or a unicast request (a neighbour probe), from the stack names
 * the master's address as ours: name the slave ibfo_rlb_pick() gives
 * instead (a probe naming the master's address would undo the balancing:
 * the neighbour takes the sender's address from it).  Broadcast requests,
 * which every host hears, gratuitous ARPs, and anything else are left
 * alone.
 *
 * Context: transmit path, RCU (BH).
 */
void ibfo_rlb_arp_xmit(struct ibfo *ibfo, struct sk_buff *skb)
{
	const struct arphdr *arp;
	struct ibfo_slave *slave;
	struct ibfo_arp *payload;
	const u8 *dest;

	/* The pseudo header, always linear: the port the frame goes to. */
	if (skb->data[4] == 0xff)
		return;
	payload = ibfo_arp_own(ibfo, skb);
	if (!payload)
		return;
	dest = skb->data;
	arp = (const struct arphdr *)(skb->data + IBFO_HARD_LEN);
	if (arp->ar_op != htons(ARPOP_REPLY) &&
	    arp->ar_op != htons(ARPOP_REQUEST))
		return;
	/* A gratuitous one has no neighbour address to hash: its sender
	 * named the neighbour's slave already (ibfo_rlb_tell(),
	 * ibfo_peer_answer()).
	 */
	if (payload->sip == payload->tip)
		return;
	slave = ibfo_rlb_pick(ibfo, ibfo_rlb_pair(&payload->sip, &payload->tip,
						  sizeof(payload->sip)),
			      payload->sha, dest);
	if (slave)
		memcpy(payload->sha, slave->dev->dev_addr, INFINIBAND_ALEN);
}

/* A unicast gratuitous ARP to @neigh: our @ip is at @slave's address. */
static void ibfo_rlb_tell(struct ibfo *ibfo, const struct ibfo_neigh *neigh,
			  __be32 ip, const struct ibfo_slave *slave)
{
	struct sk_buff *skb;

	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, ip, ibfo->dev, ip, neigh->ha,
			 slave->dev->dev_addr, NULL);
	if (skb)
		arp_xmit(skb);
}

/**
 * ibfo_rlb_rx_arp - tell a neighbour that moved to another rail where we are
 * @ibfo: the master, in multipath mode
 * @skb: an ARP frame that reached the master, ARP header first
 *
 * A neighbour that failed over (bonding, ibfo active-backup) to a port on
 * another rail broadcasts a gratuitous ARP there.  Its ARP entry for us
 * still names a port of ours on its old rail, which it can no longer
 * reach, until the entry expires (a minute).  So when a broadcast ARP
 * from a neighbour names an address on another rail than our neighbour entry
 * for it (not yet updated: this runs before arp_rcv()), send the neighbour a
 * unicast gratuitous ARP with a slave on its new rail: its balanced one
 * with rx_balance on.  Only broadcast is answered, never the unicast
 * sent here, so two ibfo hosts do not answer each other in a loop.
 *
 * Context: a slave's receive path, BH disabled.
 */
void ibfo_rlb_rx_arp(struct ibfo *ibfo, struct sk_buff *skb)
{
	const struct ibfo_arp *payload;
	struct ibfo_neigh neigh;
	u8 old[MAX_ADDR_LEN];
	struct ibfo_slave *slave;
	const struct arphdr *arp;
	struct neighbour *n;
	__be32 ours;

	if (skb->pkt_type == PACKET_HOST ||
	    !pskb_may_pull(skb, sizeof(*arp) + sizeof(*payload)))
		return;
	arp = (const struct arphdr *)skb->data;
	if (!ibfo_arp_is_ipoib(arp))
		return;
	payload = (const struct ibfo_arp *)(arp + 1);
	neigh.ip = payload->sip;
	memcpy(neigh.ha, payload->sha, INFINIBAND_ALEN);
	n = __neigh_lookup_noref(&arp_tbl, &neigh.ip, ibfo->dev);
	if (!n || !(READ_ONCE(n->nud_state) & NUD_VALID))
		return;
	neigh_ha_snapshot(old, n, ibfo->dev);
	if (ibfo_same_subnet(old, neigh.ha))
		return;
	ours = inet_select_addr(ibfo->dev, neigh.ip, RT_SCOPE_LINK);
	if (!ours)
		return;
	if (READ_ONCE(ibfo->params.rx_balance))
		slave = ibfo_rlb_slave(ibfo, ours, neigh.ip, neigh.ha);
	else
		slave = ibfo_flow_choose(ibfo, 0, neigh.ha);
	/* No slave of ours on its new rail: nothing it could reach. */
	if (slave && ibfo_same_subnet(slave->dev->dev_addr, neigh.ha))
		ibfo_rlb_tell(ibfo, &neigh, ours, slave);
}

/**
 * ibfo_rlb_announce - tell every known neighbour which slave to send to
 * @ibfo: the master, in multipath mode with rx_balance on
 *
 * One round of updates, sent after the broadcast peer notification of
 * the same round (which named the active slave's address).
 *
 * Context: process.
 */
void ibfo_rlb_announce(struct ibfo *ibfo)
{
	const struct in_ifaddr *ifa;
	struct ibfo_slave *slave;
	struct ibfo_neigh *neighs;
	struct in_device *in_dev;
	unsigned int i, n;

	neighs = ibfo_neigh_snapshot(&arp_tbl, ibfo->dev, &n);
	if (!neighs)
		return;
	rcu_read_lock();
	in_dev = __in_dev_get_rcu(ibfo->dev);
	for (i = 0; in_dev && i < n; i++) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (!inet_ifa_match(neighs[i].ip, ifa))
				continue;
			slave = ibfo_rlb_slave(ibfo, ifa->ifa_local,
					       neighs[i].ip,
					       neighs[i].ha);
			if (slave)
				ibfo_rlb_tell(ibfo, &neighs[i],
					      ifa->ifa_local, slave);
		}
	}
	rcu_read_unlock();
	kvfree(neighs);
}
