// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - receive handler.
 *
 * Registered on every slave netdev (ibfo_enslave()): the mode decides
 * whether a frame goes up the master; ARP frames are seen first by the
 * standby probes and the mode.  Runs under RCU in the slave's receive
 * path.
 */

#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "ibfo.h"

/**
 * ibfo_handle_frame - the rx_handler of every slave netdev
 * @pskb: the frame received on a slave
 *
 * Context: softirq, RCU held.
 * Return: RX_HANDLER_ANOTHER to pass the frame up the master,
 *	RX_HANDLER_EXACT to leave it to the slave, RX_HANDLER_CONSUMED if
 *	it was used (standby probe) or dropped.
 */
rx_handler_result_t ibfo_handle_frame(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct ibfo_slave *slave = rcu_dereference(skb->dev->rx_handler_data);
	struct ibfo *ibfo = slave->ibfo;
	const struct ibfo_mode_ops *mode = rcu_dereference(ibfo->mode);

	if (!mode->rx_accept(ibfo, slave, skb))
		return RX_HANDLER_EXACT;

	skb = skb_share_check(skb, GFP_ATOMIC);
	if (unlikely(!skb))
		return RX_HANDLER_CONSUMED;
	*pskb = skb;
	if (skb->protocol == htons(ETH_P_ARP)) {
		if (ibfo_standby_rx(ibfo, slave, skb))
			return RX_HANDLER_CONSUMED;
		if (mode->rx_arp)
			mode->rx_arp(ibfo, skb);
	}
	skb->dev = ibfo->dev;
	dev_sw_netstats_rx_add(ibfo->dev, skb->len);
	ibfo_slave_count(slave, false, skb->len);
	return RX_HANDLER_ANOTHER;
}
