// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - active-backup mode.
 *
 * All traffic leaves through ibfo->active_slave, chosen again whenever a
 * slave comes, leaves or changes health: the current one while it is up,
 * unless primary_reselect gives the traffic back to the primary.
 * Multipath mode keeps an active slave too (the master's address and
 * broadcast), chosen by the same rules: it uses ibfo_update_active() and
 * ibfo_rx_accept_active() from here.
 */

#include "ibfo.h"
#include "trace.h"

/**
 * ibfo_rx_accept_active - the receive policy of active-backup mode
 * @ibfo: the master
 * @slave: the slave the packet came in on
 * @skb: the packet
 *
 * Unicast from any port is for us (a neighbour may not have learned our new
 * address yet, or, in multipath mode, was given another port's address).
 * Broadcast and multicast only from the active port: every port is in
 * the broadcast group, and the others also hear what the active one sent.
 * Multipath mode also takes broadcast from other rails (mode_mp.c).
 *
 * Context: RCU, in the slave's receive path.
 * Return: true if the packet goes up the master.
 */
bool ibfo_rx_accept_active(struct ibfo *ibfo, struct ibfo_slave *slave,
			   struct sk_buff *skb)
{
	return skb->pkt_type == PACKET_HOST ||
	       slave == rcu_dereference(ibfo->active_slave);
}

/* Whether the usable primary takes the traffic from the usable @cur. */
static bool ibfo_failback(struct ibfo *ibfo, struct ibfo_slave *primary,
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

/* The slave that should be active: the current one while it is up (or
 * in its down delay), unless the primary is up and primary_reselect lets
 * it take over; else the primary, else the first slave that is up.
 */
static struct ibfo_slave *ibfo_choose_active(struct ibfo *ibfo,
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
	if (cur && ibfo_slave_may_carry(cur)) {
		if (primary && primary != cur &&
		    ibfo_failback(ibfo, primary, cur))
			return primary;
		return cur;
	}
	return primary ?: first;
}

/**
 * ibfo_update_active - choose the active slave again
 * @ibfo: the master
 *
 * The active slave carries all traffic in active-backup mode; in both
 * modes the master has its address and receives broadcast on it.
 *
 * Context: under &ibfo.lock.
 * Return: true if the active slave changed.
 */
bool ibfo_update_active(struct ibfo *ibfo)
{
	struct ibfo_slave *cur, *best;

	lockdep_assert_held(&ibfo->lock);
	cur = rcu_dereference_protected(ibfo->active_slave,
					lockdep_is_held(&ibfo->lock));
	best = ibfo_choose_active(ibfo, cur);
	if (best == cur)
		return false;
	trace_ibfo_failover(ibfo->dev, cur ? cur->dev : NULL,
			    best ? best->dev : NULL,
			    !cur ? "no active slave" :
			    !ibfo_slave_may_carry(cur) ? "active slave failed" :
			    "primary reselect");
	rcu_assign_pointer(ibfo->active_slave, best);
	/* Until ibfo_sync() gives the master the new address. */
	if (best)
		WRITE_ONCE(ibfo->addr_stale, true);
	return true;
}

static struct ibfo_slave *ibfo_ab_tx_slave(struct ibfo *ibfo,
					   struct sk_buff *skb)
{
	return rcu_dereference_bh(ibfo->active_slave);
}

const struct ibfo_mode_ops ibfo_mode_ab = {
	.id		= IBFO_MODE_ACTIVE_BACKUP,
	.name		= "active-backup",
	.tx_slave	= ibfo_ab_tx_slave,
	.rx_accept	= ibfo_rx_accept_active,
	.update		= ibfo_update_active,
};
