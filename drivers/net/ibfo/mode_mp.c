// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - multipath mode.
 *
 * Unicast IP flows leave through any usable slave, each flow through one
 * (path.c): every IPoIB port reaches every peer port of its subnet, and
 * a peer accepts a datagram whichever of our ports sent it.  Broadcast,
 * multicast and non-IP packets (ARP) leave through the active slave, the
 * one whose address the master has: the other ports would hear them back
 * from the fabric.  Receive is as in active-backup: unicast on any slave,
 * broadcast and multicast on the active one only.
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

static struct ibfo_slave *ibfo_mp_tx_slave(struct ibfo *ibfo,
					   struct sk_buff *skb)
{
	if (ibfo_mp_is_unicast(skb))
		return ibfo_path_lookup(ibfo, skb);
	if (skb->protocol == htons(ETH_P_ARP)) {
		if (READ_ONCE(ibfo->params.rx_balance))
			ibfo_rlb_arp_xmit(ibfo, skb);
		ibfo_peer_tx_arp(ibfo, skb);
	}
	return rcu_dereference_bh(ibfo->active_slave);
}

/* Besides the active slave: a change of the usable slaves makes
 * ibfo_sync() tell the peers (our ports, and with rx_balance where to
 * send).
 */
static bool ibfo_mp_update(struct ibfo *ibfo)
{
	bool changed = ibfo_update_active(ibfo);

	return changed || ibfo->gen != READ_ONCE(ibfo->announced_gen);
}

const struct ibfo_mode_ops ibfo_mode_mp = {
	.id		= IBFO_MODE_MULTIPATH,
	.name		= "multipath",
	.tx_slave	= ibfo_mp_tx_slave,
	.rx_accept	= ibfo_rx_accept_active,
	.update		= ibfo_mp_update,
};
