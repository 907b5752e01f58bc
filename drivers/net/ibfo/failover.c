// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - failover.
 *
 * A change of a slave's health (IB port event, netdev event, end of a
 * delay) is handled in three steps, each as early as it can run:
 *
 * 1. ibfo_reselect_async() (ibfo_reselect() under RTNL), in the context
 *    of the event:
 *    the mode chooses the slaves again and the transmit path switches
 *    (an RCU pointer, a flow cache generation).
 * 2. Right after it, still without RTNL: the neighbours are told the new
 *    active port's address (notify.c).
 * 3. ibfo_sync(), under RTNL, from the sync work unless the caller holds
 *    RTNL: the master takes the active slave's address and carrier,
 *    userspace gets RTM_NEWLINK, the multicast groups are reported again,
 *    the slaves' lower state is told (NETDEV_CHANGELOWERSTATE).
 *
 * All deferred work runs on ibfo_wq, which module exit destroys after
 * the last master is gone.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/workqueue.h>

#include "ibfo.h"
#include "trace.h"

struct workqueue_struct *ibfo_wq;

/* @work: called from the sync work, for the tracepoint. */
static void __ibfo_sync(struct ibfo *ibfo, bool work)
{
	struct net_device *dev = ibfo->dev;
	struct ibfo_slave *slave;
	bool changed = false, notify;

	ASSERT_RTNL();
	slave = rtnl_dereference(ibfo->active_slave);
	trace_ibfo_sync(dev, slave ? slave->dev : NULL, work);
	ibfo_slaves_lower_state(ibfo);
	if (!slave) {
		if (netif_carrier_ok(dev)) {
			netif_carrier_off(dev);
			netdev_info(dev, "no usable slave\n");
		}
		return;
	}
	if (memcmp(dev->dev_addr, slave->dev->dev_addr, INFINIBAND_ALEN)) {
		dev_addr_set(dev, slave->dev->dev_addr);
		changed = true;
	}
	spin_lock_bh(&ibfo->lock);
	/* The transmit path need not rewrite our address any more, unless
	 * the active slave changed again meanwhile.
	 */
	if (rcu_access_pointer(ibfo->active_slave) == slave)
		WRITE_ONCE(ibfo->addr_stale, false);
	notify = ibfo_notify_stale(ibfo);
	spin_unlock_bh(&ibfo->lock);
	if (!netif_carrier_ok(dev)) {
		netif_carrier_on(dev);
		changed = true;
	}
	if (changed) {
		netdev_info(dev, "active slave %s\n", slave->dev->name);
		netdev_state_change(dev);
		call_netdevice_notifiers(NETDEV_RESEND_IGMP, dev);
	}
	/* Normally done by ibfo_reselect() already; not when the active
	 * slave's own address changed (connected mode on or off).
	 */
	if (notify)
		ibfo_notify_peers(ibfo);
}

/**
 * ibfo_sync - bring the master in line with its active slave
 * @ibfo: the master
 *
 * The master takes the active slave's address (IPoIB addresses belong to
 * a port) and has carrier exactly while it has an active slave.  The
 * address changes without NETDEV_CHANGEADDR, which would flush the
 * neighbour tables: IPoIB's link header names only the destination, so
 * no neighbour entry depends on our address (notify.c).
 *
 * Context: RTNL held.
 */
void ibfo_sync(struct ibfo *ibfo)
{
	__ibfo_sync(ibfo, false);
}

/* Holds a reference on the master while queued (ibfo_sync_later()); the
 * device is unregistered meanwhile at most, not freed.
 */
static void ibfo_sync_work(struct work_struct *work)
{
	struct ibfo *ibfo = container_of(work, struct ibfo, sync_work);
	struct net_device *dev = ibfo->dev;

	rtnl_lock();
	if (dev->reg_state == NETREG_REGISTERED)
		__ibfo_sync(ibfo, true);
	rtnl_unlock();
	dev_put(dev);
}

static void ibfo_sync_later(struct ibfo *ibfo)
{
	dev_hold(ibfo->dev);
	if (!queue_work(ibfo_wq, &ibfo->sync_work))
		dev_put(ibfo->dev);
}

/* Switch the transmit path and tell the neighbours; whether ibfo_sync() has
 * work to do.
 */
static bool __ibfo_reselect(struct ibfo *ibfo)
{
	bool changed, notify, lower;

	spin_lock_bh(&ibfo->lock);
	changed = rcu_dereference_protected(ibfo->mode, 1)->update(ibfo);
	if (changed)
		ibfo->lower_stale = true;
	/* The slaves' lower state is told under RTNL, by ibfo_sync(). */
	lower = ibfo->lower_stale;
	notify = ibfo_notify_stale(ibfo);
	spin_unlock_bh(&ibfo->lock);
	if (notify)
		ibfo_notify_peers(ibfo);
	if (changed)
		ibfo_standby_refresh(ibfo, 0);
	return changed || lower;
}

/**
 * ibfo_reselect - choose the slaves carrying traffic again, under RTNL
 * @ibfo: the master
 *
 * Switches the transmit path at once, tells the neighbours, then runs
 * ibfo_sync().  Called after a change of a slave's health or of the
 * options, from the netdev notifier or netlink.
 *
 * Context: process, RTNL held.
 */
void ibfo_reselect(struct ibfo *ibfo)
{
	ASSERT_RTNL();
	__ibfo_reselect(ibfo);
	ibfo_sync(ibfo);
}

/**
 * ibfo_reselect_async - choose the slaves carrying traffic again
 * @ibfo: the master
 *
 * As ibfo_reselect(), for callers without RTNL (an IB event, the end of
 * a delay): ibfo_sync() runs later, from the sync work, if needed.
 *
 * Context: process, RTNL not required.
 */
void ibfo_reselect_async(struct ibfo *ibfo)
{
	if (__ibfo_reselect(ibfo))
		ibfo_sync_later(ibfo);
}

/**
 * ibfo_failover_init - set up the failover machinery of a new master
 * @ibfo: the master
 */
void ibfo_failover_init(struct ibfo *ibfo)
{
	INIT_WORK(&ibfo->sync_work, ibfo_sync_work);
	ibfo_notify_init(ibfo);
	ibfo_standby_init(ibfo);
}

/**
 * ibfo_failover_stop - cancel the deferred work of a master
 * @ibfo: the master, being unregistered, without slaves
 *
 * A sync work already running waits for RTNL, then sees the device
 * unregistered and does nothing but drop its reference.
 *
 * Context: RTNL held.
 */
void ibfo_failover_stop(struct ibfo *ibfo)
{
	ASSERT_RTNL();
	if (cancel_work(&ibfo->sync_work))
		dev_put(ibfo->dev);
	ibfo_notify_stop(ibfo);
	ibfo_standby_stop(ibfo);
}

/**
 * ibfo_wq_init - create the workqueue of every master's deferred work
 *
 * Return: 0 or -ENOMEM.
 */
int ibfo_wq_init(void)
{
	/* Unbound: no work item needs to stay on a CPU (7.x warns unless
	 * a workqueue says WQ_PERCPU or WQ_UNBOUND).
	 */
	ibfo_wq = alloc_workqueue("ibfo", WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	return ibfo_wq ? 0 : -ENOMEM;
}

/**
 * ibfo_wq_exit - destroy the workqueue once no master is left
 *
 * Waits for the work items still running, e.g. a sync work that just
 * dropped the last reference on a master.
 */
void ibfo_wq_exit(void)
{
	destroy_workqueue(ibfo_wq);
}
