// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - active-backup mode.
 *
 * All traffic leaves through ibfo->active_slave; the core asks this mode
 * to choose again whenever a slave comes, leaves or changes health.
 */

#include "ibfo.h"
#include "trace.h"

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

/* Whether the usable primary takes the traffic from the usable @cur. */
static bool ibfo_ab_failback(struct ibfo *ibfo, struct ibfo_slave *primary,
			     struct ibfo_slave *cur)
{
	switch (READ_ONCE(ibfo->params.primary_reselect)) {
	case IBFO_PRIMARY_RESELECT_ALWAYS:
		return true;
	case IBFO_PRIMARY_RESELECT_BETTER:
		return READ_ONCE(primary->rate) > READ_ONCE(cur->rate);
	}
	return false;
}

/* The slave that should carry traffic: the active one while it is up
 * (or in its down delay), unless the primary is up and primary_reselect
 * lets it take over; else the primary, else the first slave that is up.
 */
static struct ibfo_slave *ibfo_ab_choose(struct ibfo *ibfo,
					 struct ibfo_slave *cur)
{
	u32 primary_ifindex = READ_ONCE(ibfo->params.primary);
	struct ibfo_slave *slave, *primary = NULL, *first = NULL;

	list_for_each_entry(slave, &ibfo->slaves, list) {
		if (slave->link != IBFO_LINK_UP)
			continue;
		if (!first)
			first = slave;
		if (primary_ifindex && slave->dev->ifindex == primary_ifindex)
			primary = slave;
	}
	if (cur && ibfo_slave_link_up(cur)) {
		if (primary && primary != cur &&
		    ibfo_ab_failback(ibfo, primary, cur))
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
	trace_ibfo_failover(ibfo->dev, cur ? cur->dev : NULL,
			    best ? best->dev : NULL,
			    !cur ? "no active slave" :
			    !ibfo_slave_link_up(cur) ? "active slave failed" :
			    "primary reselect");
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
