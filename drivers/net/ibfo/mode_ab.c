// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - active-backup mode.
 *
 * All traffic leaves through ibfo->active_slave; the core asks this mode
 * to choose again whenever a slave comes, leaves or changes health.
 */

#include "ibfo.h"

static struct ibfo_slave *ibfo_ab_tx_slave(struct ibfo *ibfo,
					   struct sk_buff *skb)
{
	return rcu_dereference_bh(ibfo->active_slave);
}

/* Unicast from any port is for us (a peer may not have learned our new
 * address yet).  Broadcast and multicast only from the active port: every
 * port is in the broadcast group, and the backups also hear what the
 * active port sent.
 */
static bool ibfo_ab_rx_accept(struct ibfo *ibfo, struct ibfo_slave *slave,
			      struct sk_buff *skb)
{
	return skb->pkt_type == PACKET_HOST ||
	       slave == rcu_dereference(ibfo->active_slave);
}

/* The usable slave that should carry traffic: the active one while it is
 * usable, unless the primary is usable and primary_reselect lets it take
 * over; else the primary, else the first usable slave.
 */
static struct ibfo_slave *ibfo_ab_choose(struct ibfo *ibfo,
					 struct ibfo_slave *cur)
{
	u32 primary_ifindex = READ_ONCE(ibfo->params.primary);
	struct ibfo_slave *slave, *primary = NULL, *first = NULL;

	list_for_each_entry(slave, &ibfo->slaves, list) {
		if (!ibfo_slave_usable(slave))
			continue;
		if (!first)
			first = slave;
		if (primary_ifindex && slave->dev->ifindex == primary_ifindex)
			primary = slave;
	}
	if (cur && ibfo_slave_usable(cur)) {
		if (primary && primary != cur &&
		    READ_ONCE(ibfo->params.primary_reselect) ==
		    IBFO_PRIMARY_RESELECT_ALWAYS)
			return primary;
		return cur;
	}
	return primary ?: first;
}

static bool ibfo_ab_update(struct ibfo *ibfo)
{
	struct ibfo_slave *cur, *best;

	lockdep_assert_held(&ibfo->lock);
	cur = rcu_dereference_protected(ibfo->active_slave,
					lockdep_is_held(&ibfo->lock));
	best = ibfo_ab_choose(ibfo, cur);
	if (best == cur)
		return false;
	rcu_assign_pointer(ibfo->active_slave, best);
	return true;
}

const struct ibfo_mode_ops ibfo_mode_ab = {
	.id		= IBFO_MODE_ACTIVE_BACKUP,
	.name		= "active-backup",
	.tx_slave	= ibfo_ab_tx_slave,
	.rx_accept	= ibfo_ab_rx_accept,
	.update		= ibfo_ab_update,
};
