// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - slave state.
 *
 * Three views of a slave, from the fact to the decision:
 * - ibfo_slave_healthy(): its netdev is up with carrier and its IB port
 *   ACTIVE (&ibfo_slave.ib_port_active, from IB events, health.c);
 * - &ibfo_slave.link: health with the up and down delays applied, as
 *   bonding's miimon applies them (enum ibfo_link);
 * - ibfo_slave_may_carry(): what the modes read, whether the link lets
 *   the slave carry traffic.
 * Every change of health goes through ibfo_slave_changed[_async](), which
 * updates the link under &ibfo.lock and asks the mode to choose again.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "ibfo.h"
#include "trace.h"

/**
 * ibfo_slave_healthy - whether a slave is fit to carry traffic
 * @slave: the slave
 *
 * The IB port event is the earliest signal of a failure (ipoib drops the
 * carrier only after flushing its paths); the netdev carrier is the
 * authoritative one for recovery (ipoib raises it once the broadcast group
 * is joined again).
 *
 * Return: true if its netdev is up with carrier and its IB port ACTIVE.
 */
bool ibfo_slave_healthy(const struct ibfo_slave *slave)
{
	return netif_running(slave->dev) && netif_carrier_ok(slave->dev) &&
	       READ_ONCE(slave->ib_port_active);
}

/**
 * ibfo_slave_may_carry - whether the mode may let a slave carry traffic
 * @slave: the slave
 *
 * A slave in its up delay may not; a failed one in its down delay still
 * may (only the active slave gets a down delay).
 *
 * Return: true if @slave is up, or going down.
 */
bool ibfo_slave_may_carry(const struct ibfo_slave *slave)
{
	u8 link = READ_ONCE(slave->link);

	return link == IBFO_LINK_UP || link == IBFO_LINK_GOING_DOWN;
}

/**
 * ibfo_slave_set_link - move a slave's link state
 * @slave: the slave
 * @link: enum ibfo_link
 * @cause: what happened, for the tracepoint
 *
 * Invalidates the flows cached on the old state and marks the lower state
 * told to the notifiers stale.
 *
 * Context: &ibfo.lock held.
 */
void ibfo_slave_set_link(struct ibfo_slave *slave, u8 link, const char *cause)
{
	lockdep_assert_held(&slave->ibfo->lock);
	if (slave->link == link)
		return;
	trace_ibfo_slave_state(slave->ibfo->dev, slave->dev, slave->link, link,
			       cause);
	WRITE_ONCE(slave->link, link);
	ibfo_flows_invalidate(slave->ibfo);
	slave->ibfo->lower_stale = true;
}

/* Enter GOING_UP or GOING_DOWN for @ms; ibfo_slave_delay_work() ends it. */
static void ibfo_slave_delay(struct ibfo_slave *slave, u8 link, u32 ms,
			     const char *cause)
{
	ibfo_slave_set_link(slave, link, cause);
	mod_delayed_work(ibfo_wq, &slave->delay_work, msecs_to_jiffies(ms));
}

/* Leave a delay early: the slave went back to where it came from. */
static void ibfo_slave_undelay(struct ibfo_slave *slave, u8 link,
			       const char *cause)
{
	cancel_delayed_work(&slave->delay_work);
	ibfo_slave_set_link(slave, link, cause);
}

/* Follow the slave's health with its link state, as bonding's miimon
 * does with the carrier: a slave that became healthy waits the up delay, a
 * failed active slave keeps the traffic for the down delay unless it
 * recovers before.  A backup that fails goes down at once.
 */
static void ibfo_slave_update_link(struct ibfo_slave *slave, bool healthy,
				   const char *cause)
{
	struct ibfo *ibfo = slave->ibfo;
	u32 delay;

	lockdep_assert_held(&ibfo->lock);
	switch (slave->link) {
	case IBFO_LINK_DOWN:
		if (!healthy)
			break;
		delay = READ_ONCE(ibfo->params.updelay_ms);
		if (delay)
			ibfo_slave_delay(slave, IBFO_LINK_GOING_UP, delay, cause);
		else
			ibfo_slave_set_link(slave, IBFO_LINK_UP, cause);
		break;
	case IBFO_LINK_GOING_UP:
		if (!healthy)
			ibfo_slave_undelay(slave, IBFO_LINK_DOWN, cause);
		break;
	case IBFO_LINK_UP:
		if (healthy)
			break;
		delay = READ_ONCE(ibfo->params.downdelay_ms);
		if (delay && rcu_access_pointer(ibfo->active_slave) == slave)
			ibfo_slave_delay(slave, IBFO_LINK_GOING_DOWN, delay, cause);
		else
			ibfo_slave_set_link(slave, IBFO_LINK_DOWN, cause);
		break;
	case IBFO_LINK_GOING_DOWN:
		if (healthy)
			ibfo_slave_undelay(slave, IBFO_LINK_UP, cause);
		break;
	}
}

/**
 * ibfo_slave_delay_work - a slave's up or down delay expired
 * @work: the work of &ibfo_slave.delay_work
 *
 * The slave is what its health says now.
 *
 * Context: process, on ibfo_wq.
 */
void ibfo_slave_delay_work(struct work_struct *work)
{
	struct ibfo_slave *slave = container_of(to_delayed_work(work),
						struct ibfo_slave, delay_work);
	struct ibfo *ibfo = slave->ibfo;

	spin_lock_bh(&ibfo->lock);
	if (slave->link == IBFO_LINK_GOING_UP ||
	    slave->link == IBFO_LINK_GOING_DOWN)
		ibfo_slave_set_link(slave, ibfo_slave_healthy(slave) ?
				    IBFO_LINK_UP : IBFO_LINK_DOWN,
				    "delay expired");
	spin_unlock_bh(&ibfo->lock);
	ibfo_reselect_async(ibfo);
}

/* Count failures, remember when the slave's health last changed and
 * move its link state.  Returns true if it became healthy.
 */
static bool ibfo_slave_account(struct ibfo_slave *slave, const char *cause)
{
	bool healthy = ibfo_slave_healthy(slave);

	lockdep_assert_held(&slave->ibfo->lock);
	ibfo_slave_update_link(slave, healthy, cause);
	if (healthy == slave->healthy)
		return false;
	slave->healthy = healthy;
	slave->last_change = jiffies;
	if (!healthy)
		slave->failures++;
	return healthy;
}

/* Account for a possible change of @slave's health. */
static void ibfo_slave_note(struct ibfo_slave *slave, const char *cause)
{
	struct ibfo *ibfo = slave->ibfo;
	bool became_healthy;

	spin_lock_bh(&ibfo->lock);
	became_healthy = ibfo_slave_account(slave, cause);
	spin_unlock_bh(&ibfo->lock);
	/* A new backup: resolve its paths to the neighbours before it is
	 * needed.
	 */
	if (became_healthy)
		ibfo_standby_refresh(ibfo, 0);
}

/**
 * ibfo_slave_changed - a slave's health may have changed, under RTNL
 * @slave: the slave
 * @cause: what happened (a netdev event), for the tracepoint
 *
 * Context: process, RTNL held.
 */
void ibfo_slave_changed(struct ibfo_slave *slave, const char *cause)
{
	ibfo_slave_note(slave, cause);
	ibfo_reselect(slave->ibfo);
}

/**
 * ibfo_slave_changed_async - a slave's health may have changed
 * @slave: the slave
 * @cause: what happened (an IB event), for the tracepoint
 *
 * As ibfo_slave_changed(), without RTNL (ibfo_reselect_async()).
 *
 * Context: process; under the health lock when called from an IB event.
 */
void ibfo_slave_changed_async(struct ibfo_slave *slave, const char *cause)
{
	ibfo_slave_note(slave, cause);
	ibfo_reselect_async(slave->ibfo);
}

/**
 * ibfo_slaves_lower_state - tell the notifiers the slaves' lower state
 * @ibfo: the master
 *
 * As bonding does (bond_lower_state_changed()): NETDEV_CHANGELOWERSTATE
 * with link_up while a slave is up or in its down delay, tx_enabled while
 * it carries transmit traffic (active-backup: the active slave;
 * multipath: every slave that is up).  Only changes are told.  It needs
 * RTNL, so after an IB event ibfo_sync() calls it from the sync work.
 *
 * Context: RTNL held.
 */
void ibfo_slaves_lower_state(struct ibfo *ibfo)
{
	struct netdev_lag_lower_state_info info;
	const struct ibfo_slave *active;
	struct ibfo_slave *slave;
	bool all_active;
	u8 lower;

	ASSERT_RTNL();
	/* Changes from here on queue another sync (ibfo_reselect_async()). */
	spin_lock_bh(&ibfo->lock);
	ibfo->lower_stale = false;
	spin_unlock_bh(&ibfo->lock);
	all_active = rtnl_dereference(ibfo->mode)->all_active;
	/* Only compared: IB events change it without RTNL. */
	active = rcu_access_pointer(ibfo->active_slave);
	list_for_each_entry(slave, &ibfo->slaves, list) {
		info.link_up = ibfo_slave_may_carry(slave);
		info.tx_enabled = all_active ? info.link_up : slave == active;
		lower = (info.link_up ? IBFO_LOWER_LINK_UP : 0) |
			(info.tx_enabled ? IBFO_LOWER_TX_ENABLED : 0);
		if (lower == slave->lower)
			continue;
		slave->lower = lower;
		trace_ibfo_lower_state(ibfo->dev, slave->dev, info.link_up,
				       info.tx_enabled);
		netdev_lower_state_changed(slave->dev, &info);
	}
}
