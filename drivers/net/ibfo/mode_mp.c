// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - multipath mode.
 *
 * Unicast IP flows leave through any usable slave, each flow through one
 * (flow.c): every IPoIB port reaches every port of its subnet, and a
 * neighbour accepts a datagram whichever of our ports sent it.  Broadcast,
 * multicast and non-IP packets (ARP) leave through the active slave, the
 * one whose address the master has: the other ports would hear them back
 * from the fabric.  Unicast ARP (replies, probes) leaves through a slave
 * on the destination's rail.  Receive: unicast on any slave, broadcast
 * and multicast on the active one and, multi-rail, on one slave of each
 * other rail (ibfo_mp_rx_accept()).
 */

#include <linux/if_ether.h>
#include <linux/skbuff.h>

#include "ibfo.h"

/* In the pseudo header that leads every skb given to the master
 * (ipoib_hard_header()), an IB multicast GID starts at byte 4 with 0xff.
 */
static bool ibfo_mp_is_unicast(const struct sk_buff *skb)
{
	return skb_headlen(skb) >= IBFO_HARD_LEN && skb->data[4] != 0xff &&
	       (skb->protocol == htons(ETH_P_IP) ||
		skb->protocol == htons(ETH_P_IPV6));
}

/* A unicast non-IP frame (ARP reply or probe) to a port on another rail
 * than the active slave's leaves through a slave on that rail.
 */
static struct ibfo_slave *ibfo_mp_rail_slave(struct ibfo *ibfo,
					     struct sk_buff *skb)
{
	struct ibfo_slave *active = rcu_dereference_bh(ibfo->active_slave);

	if (!active || skb_headlen(skb) < IBFO_HARD_LEN ||
	    skb->data[4] == 0xff ||
	    ibfo_same_subnet(active->dev->dev_addr, skb->data))
		return active;
	return ibfo_flow_choose(ibfo, 0, skb->data);
}

static struct ibfo_slave *ibfo_mp_tx_slave(struct ibfo *ibfo,
					   struct sk_buff *skb)
{
	if (ibfo_mp_is_unicast(skb)) {
		if (skb->protocol == htons(ETH_P_IPV6))
			ibfo_rlb_nd_xmit(ibfo, skb);
		return ibfo_flow_lookup(ibfo, skb);
	}
	if (skb->protocol == htons(ETH_P_ARP)) {
		ibfo_rlb_arp_xmit(ibfo, skb);
		ibfo_peer_tx_arp(ibfo, skb);
	}
	return ibfo_mp_rail_slave(ibfo, skb);
}

/* Broadcast and multicast are heard on every port of a subnet: take them
 * from the active slave, and from the first usable slave of each other
 * subnet (rail), whose broadcast domain the active slave is not in.
 * Hosts there learn (by ARP) the address of a port on their rail only.
 * The walk of the slaves is only for broadcast that arrived on a slave
 * of another rail than the active one.
 */
static bool ibfo_mp_rx_accept(struct ibfo *ibfo, struct ibfo_slave *slave,
			      struct sk_buff *skb)
{
	struct ibfo_slave *active, *first;

	if (ibfo_rx_accept_active(ibfo, slave, skb))
		return true;
	active = rcu_dereference(ibfo->active_slave);
	if (!active || !ibfo_slave_may_carry(slave) ||
	    ibfo_same_subnet(active->dev->dev_addr, slave->dev->dev_addr))
		return false;
	list_for_each_entry_rcu(first, &ibfo->slaves, list)
		if (ibfo_slave_may_carry(first) &&
		    ibfo_same_subnet(first->dev->dev_addr,
				     slave->dev->dev_addr))
			return first == slave;
	return false;
}

/* Before arp_rcv(): a neighbour that moved to another rail (rlb.c), an ibfo
 * peer's ports (peer.c).
 */
static void ibfo_mp_rx_arp(struct ibfo *ibfo, struct sk_buff *skb)
{
	ibfo_rlb_rx_arp(ibfo, skb);
	ibfo_peer_rx_arp(ibfo, skb);
}

const struct ibfo_mode_ops ibfo_mode_mp = {
	.id		= IBFO_MODE_MULTIPATH,
	.name		= "multipath",
	.tx_slave	= ibfo_mp_tx_slave,
	.rx_accept	= ibfo_mp_rx_accept,
	.rx_arp		= ibfo_mp_rx_arp,
	.update		= ibfo_update_active,
	.all_active	= true,
};
