// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the mode table.
 *
 * A mode is a static, stateless ops table; per-device state lives in
 * struct ibfo, so switching modes allocates and frees nothing.
 */

#include <linux/rtnetlink.h>

#include "ibfo.h"
#include "trace.h"

static const struct ibfo_mode_ops *const ibfo_modes[__IBFO_MODE_MAX] = {
	[IBFO_MODE_ACTIVE_BACKUP] = &ibfo_mode_ab,
	[IBFO_MODE_MULTIPATH] = &ibfo_mode_mp,
};

/**
 * ibfo_mode_get - find the ops of a mode
 * @id: IBFO_MODE_* value
 *
 * Return: the mode, or NULL if @id is unknown or not implemented.
 */
const struct ibfo_mode_ops *ibfo_mode_get(u8 id)
{
	return id < ARRAY_SIZE(ibfo_modes) ? ibfo_modes[id] : NULL;
}

/**
 * ibfo_mode_set - switch a master to another mode
 * @ibfo: the master, without slaves
 * @mode: the new mode
 *
 * Transmitters still running the old mode's ops are harmless: modes are
 * static and without slaves every mode drops.
 *
 * Context: RTNL held.
 */
void ibfo_mode_set(struct ibfo *ibfo, const struct ibfo_mode_ops *mode)
{
	ASSERT_RTNL();
	WARN_ON_ONCE(ibfo_has_slaves(ibfo));
	rcu_assign_pointer(ibfo->mode, mode);
}

/**
 * ibfo_rx_accept_active - the receive policy of active-backup mode
 * @ibfo: the master
 * @slave: the slave the packet came in on
 * @skb: the packet
 *
 * Unicast from any port is for us (a peer may not have learned our new
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
	if (cur && ibfo_slave_link_up(cur)) {
		if (primary && primary != cur &&
		    ibfo_failback(ibfo, primary, cur))
			return primary;
		return cur;
	}
	return primary ?: first;
}

/**
 * ibfo_rx_balanced - whether peers are given a slave each (rlb.c)
 * @ibfo: the master
 *
 * Context: any.  Modes are static tables, never freed: looking at the
 * current one needs no RCU read section.
 * Return: true in multipath mode with rx_balance on.
 */
bool ibfo_rx_balanced(struct ibfo *ibfo)
{
	return rcu_access_pointer(ibfo->mode) == &ibfo_mode_mp &&
	       READ_ONCE(ibfo->params.rx_balance);
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
			    !ibfo_slave_link_up(cur) ? "active slave failed" :
			    "primary reselect");
	rcu_assign_pointer(ibfo->active_slave, best);
	/* Until ibfo_sync() gives the master the new address. */
	if (best)
		WRITE_ONCE(ibfo->addr_stale, true);
	return true;
}
