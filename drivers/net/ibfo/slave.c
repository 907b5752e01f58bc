// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - slaves.
 *
 * Lifetime of a slave: ibfo_enslave() holds the slave netdev, hooks its
 * receive path and links it below the master; ibfo_release() undoes that
 * in reverse order, on "ip link set nomaster", when the slave netdev goes
 * away (NETDEV_UNREGISTER, also on a netns move) or when the master does.
 * The struct is freed after an RCU grace period: the transmit path may
 * still be looking at it.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <rdma/ib_verbs.h>

#include "ibfo.h"
#include "trace.h"

/**
 * ibfo_has_slaves - whether a master has any slave
 * @ibfo: the master
 *
 * Context: RTNL held.
 * Return: true if at least one slave is enslaved.
 */
bool ibfo_has_slaves(const struct ibfo *ibfo)
{
	ASSERT_RTNL();
	return !list_empty(&ibfo->slaves);
}

/**
 * ibfo_slave_find - look up a slave of a master by ifindex
 * @ibfo: the master
 * @ifindex: ifindex of the slave netdev
 *
 * Context: RTNL held.
 * Return: the slave, or NULL if no slave of @ibfo has that ifindex.
 */
struct ibfo_slave *ibfo_slave_find(struct ibfo *ibfo, int ifindex)
{
	struct ibfo_slave *slave;

	ASSERT_RTNL();
	list_for_each_entry(slave, &ibfo->slaves, list)
		if (slave->dev->ifindex == ifindex)
			return slave;
	return NULL;
}

/**
 * ibfo_slave_usable - whether a slave can carry traffic
 * @slave: the slave
 *
 * The IB port event is the earliest signal of a failure (ipoib drops the
 * carrier only after flushing its paths); the netdev carrier is the
 * authoritative one for recovery (ipoib raises it once the broadcast group
 * is joined again).
 *
 * Return: true if its netdev is up with carrier and its IB port ACTIVE.
 */
bool ibfo_slave_usable(const struct ibfo_slave *slave)
{
	return netif_running(slave->dev) && netif_carrier_ok(slave->dev) &&
	       READ_ONCE(slave->port_active);
}

/**
 * ibfo_slave_link_up - whether the mode may let a slave carry traffic
 * @slave: the slave
 *
 * A slave in its up delay may not; a failed one in its down delay still
 * may (only the active slave gets a down delay).
 *
 * Return: true if @slave is up, or going down.
 */
bool ibfo_slave_link_up(const struct ibfo_slave *slave)
{
	u8 link = READ_ONCE(slave->link);

	return link == IBFO_LINK_UP || link == IBFO_LINK_GOING_DOWN;
}

static void ibfo_slave_set_link(struct ibfo_slave *slave, u8 link,
				const char *cause)
{
	lockdep_assert_held(&slave->ibfo->lock);
	if (slave->link == link)
		return;
	trace_ibfo_slave_state(slave->ibfo->dev, slave->dev, slave->link, link,
			       cause);
	WRITE_ONCE(slave->link, link);
	ibfo_paths_invalidate(slave->ibfo);
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

/* Follow the slave's usability with its link state, as bonding's miimon
 * does with the carrier: a slave that became usable waits the up delay, a
 * failed active slave keeps the traffic for the down delay unless it
 * recovers before.  A backup that fails goes down at once.
 */
static void ibfo_slave_update_link(struct ibfo_slave *slave, bool usable,
				   const char *cause)
{
	struct ibfo *ibfo = slave->ibfo;
	u32 delay;

	lockdep_assert_held(&ibfo->lock);
	switch (slave->link) {
	case IBFO_LINK_DOWN:
		if (!usable)
			break;
		delay = READ_ONCE(ibfo->params.updelay_ms);
		if (delay)
			ibfo_slave_delay(slave, IBFO_LINK_GOING_UP, delay, cause);
		else
			ibfo_slave_set_link(slave, IBFO_LINK_UP, cause);
		break;
	case IBFO_LINK_GOING_UP:
		if (!usable)
			ibfo_slave_undelay(slave, IBFO_LINK_DOWN, cause);
		break;
	case IBFO_LINK_UP:
		if (usable)
			break;
		delay = READ_ONCE(ibfo->params.downdelay_ms);
		if (delay && rcu_access_pointer(ibfo->active_slave) == slave)
			ibfo_slave_delay(slave, IBFO_LINK_GOING_DOWN, delay, cause);
		else
			ibfo_slave_set_link(slave, IBFO_LINK_DOWN, cause);
		break;
	case IBFO_LINK_GOING_DOWN:
		if (usable)
			ibfo_slave_undelay(slave, IBFO_LINK_UP, cause);
		break;
	}
}

/* A delay expired: the slave is what it is now. */
static void ibfo_slave_delay_work(struct work_struct *work)
{
	struct ibfo_slave *slave = container_of(to_delayed_work(work),
						struct ibfo_slave, delay_work);
	struct ibfo *ibfo = slave->ibfo;

	spin_lock_bh(&ibfo->lock);
	if (slave->link == IBFO_LINK_GOING_UP ||
	    slave->link == IBFO_LINK_GOING_DOWN)
		ibfo_slave_set_link(slave, ibfo_slave_usable(slave) ?
				    IBFO_LINK_UP : IBFO_LINK_DOWN,
				    "delay expired");
	spin_unlock_bh(&ibfo->lock);
	ibfo_reselect_async(ibfo);
}

/* Count failures, remember when the slave's usability last changed and
 * move its link state.  Returns true if it became usable.
 */
static bool ibfo_slave_account(struct ibfo_slave *slave, const char *cause)
{
	bool usable = ibfo_slave_usable(slave);

	lockdep_assert_held(&slave->ibfo->lock);
	ibfo_slave_update_link(slave, usable, cause);
	if (usable == slave->was_usable)
		return false;
	slave->was_usable = usable;
	slave->last_change = jiffies;
	if (!usable)
		slave->failures++;
	return usable;
}

/* Account for a possible change of @slave's health. */
static void ibfo_slave_note(struct ibfo_slave *slave, const char *cause)
{
	struct ibfo *ibfo = slave->ibfo;
	bool usable;

	spin_lock_bh(&ibfo->lock);
	usable = ibfo_slave_account(slave, cause);
	spin_unlock_bh(&ibfo->lock);
	/* A new backup: resolve its paths to the peers before it is needed. */
	if (usable)
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
		info.link_up = ibfo_slave_link_up(slave);
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

static rx_handler_result_t ibfo_handle_frame(struct sk_buff **pskb)
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

static bool ibfo_is_slave(const struct net_device *dev)
{
	return rcu_access_pointer(dev->rx_handler) == ibfo_handle_frame;
}

/**
 * ibfo_slave_of - the ibfo slave struct of a netdev
 * @dev: a netdev
 *
 * Context: RTNL held.
 * Return: the slave, or NULL if @dev is not an ibfo slave.
 */
struct ibfo_slave *ibfo_slave_of(const struct net_device *dev)
{
	if (!ibfo_is_slave(dev))
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

static int ibfo_enslave_check(struct net_device *master,
			      struct net_device *slave_dev,
			      struct netlink_ext_ack *extack)
{
	struct ibfo *ibfo = netdev_priv(master);

	if (slave_dev == master) {
		NL_SET_ERR_MSG(extack, "cannot enslave a device to itself");
		return -EINVAL;
	}
	if (slave_dev->rtnl_link_ops == master->rtnl_link_ops) {
		NL_SET_ERR_MSG(extack, "cannot enslave an ibfo device");
		return -EINVAL;
	}
	if (slave_dev->type != ARPHRD_INFINIBAND ||
	    slave_dev->addr_len != INFINIBAND_ALEN ||
	    netif_is_lag_master(slave_dev)) {
		NL_SET_ERR_MSG(extack, "only IPoIB devices can be enslaved");
		return -EINVAL;
	}
	if (!net_eq(dev_net(slave_dev), dev_net(master))) {
		NL_SET_ERR_MSG(extack,
			       "slave must be in the master's network namespace");
		return -EINVAL;
	}
	if (netdev_master_upper_dev_get(slave_dev)) {
		NL_SET_ERR_MSG(extack, "device is already enslaved");
		return -EBUSY;
	}
	/* The broadcast address embeds the P_Key: another broadcast domain
	 * cannot take over this one's addresses.
	 */
	if (ibfo_has_slaves(ibfo) &&
	    memcmp(slave_dev->broadcast, master->broadcast, INFINIBAND_ALEN)) {
		NL_SET_ERR_MSG(extack, "slave has another P_Key than the others");
		return -EINVAL;
	}
	return 0;
}

/* What the slaves let the master offer: its largest MTU is the smallest
 * slave maximum, its header space the largest any slave needs, its
 * offloads those of the slaves (ibfo_fix_features()).
 */
static void ibfo_follow_slaves(struct ibfo *ibfo)
{
	struct net_device *master = ibfo->dev;
	unsigned int max = IBFO_MAX_MTU;
	unsigned short headroom = 0;
	struct ibfo_slave *slave;

	ASSERT_RTNL();
	list_for_each_entry(slave, &ibfo->slaves, list) {
		max = min(max, slave->dev->max_mtu ?: IBFO_MAX_MTU);
		headroom = max(headroom, slave->dev->needed_headroom);
	}
	master->max_mtu = max;
	master->needed_headroom = headroom;
	/* Not while the master goes away, releasing its slaves. */
	if (master->reg_state == NETREG_REGISTERED)
		netdev_change_features(master);
}

/* A slave's MTU changed under us (ipoib does it itself: mode change,
 * multicast group MTU).  Give it the master's back, or if it cannot take
 * that any more, bring the master and so every slave down to it.
 */
static void ibfo_slave_mtu_changed(struct ibfo_slave *slave)
{
	struct net_device *master = slave->ibfo->dev;
	unsigned int mtu = slave->dev->mtu;

	ASSERT_RTNL();
	ibfo_follow_slaves(slave->ibfo);
	if (mtu == master->mtu || !dev_set_mtu(slave->dev, master->mtu))
		return;
	netdev_info(master, "%s: MTU %u, the master follows\n",
		    slave->dev->name, mtu);
	if (dev_set_mtu(master, mtu))
		netdev_warn(master, "cannot follow %s's MTU %u\n",
			    slave->dev->name, mtu);
}

/* The first slave defines the link: broadcast domain and header size. */
static void ibfo_setup_by_slave(struct net_device *master,
				struct net_device *slave_dev)
{
	memcpy(master->broadcast, slave_dev->broadcast, INFINIBAND_ALEN);
	master->hard_header_len = max_t(unsigned short, IBFO_HARD_LEN,
					slave_dev->hard_header_len);
	call_netdevice_notifiers(NETDEV_CHANGEADDR, master);
}

/* What the master is to its slaves, for the NETDEV_CHANGEUPPER notifiers:
 * in multipath mode a hash over the slaves, by the xmit_hash_policy.
 * There is no plain layer 3 type; layer2+3 with nothing of layer 2 is
 * the same hash (IPoIB's link header names only the destination).
 */
static void ibfo_lag_info(const struct ibfo *ibfo,
			  struct netdev_lag_upper_info *info)
{
	ASSERT_RTNL();
	if (!rtnl_dereference(ibfo->mode)->all_active) {
		info->tx_type = NETDEV_LAG_TX_TYPE_ACTIVEBACKUP;
		info->hash_type = NETDEV_LAG_HASH_NONE;
		return;
	}
	info->tx_type = NETDEV_LAG_TX_TYPE_HASH;
	info->hash_type = ibfo->params.xmit_hash_policy == IBFO_XMIT_HASH_LAYER3 ?
			  NETDEV_LAG_HASH_L23 : NETDEV_LAG_HASH_L34;
}

/**
 * ibfo_enslave - make an IPoIB netdev a slave of an ibfo master
 * @master: the master
 * @slave_dev: the IPoIB netdev
 * @extack: for the reason of a refusal
 *
 * The ndo_add_slave of the master.
 *
 * Context: RTNL held.
 * Return: 0 or a negative errno.
 */
int ibfo_enslave(struct net_device *master, struct net_device *slave_dev,
		 struct netlink_ext_ack *extack)
{
	struct ibfo *ibfo = netdev_priv(master);
	struct netdev_lag_upper_info lag_info;
	struct ibfo_slave *slave;
	int err;

	ASSERT_RTNL();
	err = ibfo_enslave_check(master, slave_dev, extack);
	if (err)
		return err;

	slave = kzalloc(sizeof(*slave), GFP_KERNEL);
	if (!slave)
		return -ENOMEM;
	slave->stats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!slave->stats) {
		err = -ENOMEM;
		goto err_free_slave;
	}
	slave->flows = alloc_percpu(u64);
	if (!slave->flows) {
		err = -ENOMEM;
		goto err_free_stats;
	}
	slave->salt = get_random_u32();
	slave->ibfo = ibfo;
	slave->dev = slave_dev;
	slave->port_active = true;
	slave->lower = IBFO_LOWER_NONE;
	slave->last_change = jiffies;
	INIT_LIST_HEAD(&slave->ib_list);
	INIT_DELAYED_WORK(&slave->delay_work, ibfo_slave_delay_work);
	slave->original_mtu = slave_dev->mtu;
	netdev_hold(slave_dev, &slave->dev_tracker, GFP_KERNEL);

	err = dev_set_mtu(slave_dev, master->mtu);
	if (err) {
		NL_SET_ERR_MSG(extack, "slave cannot take the master's MTU");
		goto err_put_dev;
	}

	if (!(slave_dev->flags & IFF_UP)) {
		err = dev_open(slave_dev, extack);
		if (err)
			goto err_restore_mtu;
		slave->opened = true;
	}

	err = netdev_rx_handler_register(slave_dev, ibfo_handle_frame, slave);
	if (err) {
		NL_SET_ERR_MSG(extack, "device has another receive handler");
		goto err_close;
	}

	ibfo_lag_info(ibfo, &lag_info);
	err = netdev_master_upper_dev_link(slave_dev, master, slave, &lag_info,
					   extack);
	if (err)
		goto err_unregister_rx_handler;

	/* No IPv6 autoconfiguration on the slave: the master has the IPs. */
	slave_dev->flags |= IFF_SLAVE;
	if (!ibfo_has_slaves(ibfo))
		ibfo_setup_by_slave(master, slave_dev);
	netif_addr_lock_bh(master);
	dev_uc_sync_multiple(slave_dev, master);
	dev_mc_sync_multiple(slave_dev, master);
	netif_addr_unlock_bh(master);
	ibfo_health_watch(slave);
	spin_lock_bh(&ibfo->lock);
	/* No up delay for a slave usable when enslaved, as in bonding. */
	slave->was_usable = ibfo_slave_usable(slave);
	ibfo_slave_set_link(slave, slave->was_usable ? IBFO_LINK_UP :
			    IBFO_LINK_DOWN, "enslaved");
	list_add_tail_rcu(&slave->list, &ibfo->slaves);
	/* After the list add: a choice tagged with the new generation
	 * considered this slave.
	 */
	ibfo_paths_invalidate(ibfo);
	spin_unlock_bh(&ibfo->lock);
	ibfo_follow_slaves(ibfo);
	ibfo_reselect(ibfo);
	ibfo_standby_refresh(ibfo, 0);
	if (slave->ibdev)
		netdev_info(master, "enslaved %s (%s port %u)\n",
			    slave_dev->name, dev_name(&slave->ibdev->dev),
			    slave->port);
	else
		netdev_info(master,
			    "enslaved %s (no IB port has its GID: netdev events only)\n",
			    slave_dev->name);
	return 0;

err_unregister_rx_handler:
	netdev_rx_handler_unregister(slave_dev);
err_close:
	if (slave->opened)
		dev_close(slave_dev);
err_restore_mtu:
	dev_set_mtu(slave_dev, slave->original_mtu);
err_put_dev:
	netdev_put(slave_dev, &slave->dev_tracker);
	free_percpu(slave->flows);
err_free_stats:
	free_percpu(slave->stats);
err_free_slave:
	kfree(slave);
	return err;
}

/* Transmitters and receivers may count on the slave until a grace period
 * after it left the list and its netdev's receive handler.
 */
static void ibfo_slave_free_rcu(struct rcu_head *rcu)
{
	struct ibfo_slave *slave = container_of(rcu, struct ibfo_slave, rcu);

	free_percpu(slave->flows);
	free_percpu(slave->stats);
	kfree(slave);
}

/* @unregistering: the slave netdev is going away (or moving to another
 * netns): give it back its MTU without notifiers, which would make IPv6
 * set it up again in the namespace it is leaving, and do not close it.
 */
static void ibfo_slave_release(struct ibfo *ibfo, struct ibfo_slave *slave,
			       bool unregistering)
{
	struct net_device *slave_dev = slave->dev;

	ASSERT_RTNL();
	ibfo_health_unwatch(slave);
	spin_lock_bh(&ibfo->lock);
	list_del_rcu(&slave->list);
	if (rcu_access_pointer(ibfo->active_slave) == slave)
		RCU_INIT_POINTER(ibfo->active_slave, NULL);
	ibfo_slave_set_link(slave, IBFO_LINK_DOWN, "released");
	spin_unlock_bh(&ibfo->lock);
	/* Nothing schedules it again: the slave is neither watched nor in
	 * the list, and its netdev events need RTNL, which we hold.
	 */
	cancel_delayed_work_sync(&slave->delay_work);
	ibfo_reselect(ibfo);
	/* A primary released stays the primary, as in bonding, until its
	 * netdev goes away (its ifindex may then be reused).
	 */
	if (unregistering && ibfo->params.primary == slave_dev->ifindex)
		ibfo->params.primary = 0;
	ibfo_follow_slaves(ibfo);

	/* These take the master's address lock themselves. */
	dev_uc_unsync(slave_dev, ibfo->dev);
	dev_mc_unsync(slave_dev, ibfo->dev);

	slave_dev->flags &= ~IFF_SLAVE;
	netdev_upper_dev_unlink(slave_dev, ibfo->dev);
	/* Waits for an RCU grace period: no receiver uses @slave after it. */
	netdev_rx_handler_unregister(slave_dev);
	if (unregistering) {
		compat_set_mtu_unnotified(slave_dev, slave->original_mtu);
	} else {
		if (slave->opened)
			dev_close(slave_dev);
		dev_set_mtu(slave_dev, slave->original_mtu);
	}
	netdev_put(slave_dev, &slave->dev_tracker);
	call_rcu(&slave->rcu, ibfo_slave_free_rcu);
}

/**
 * ibfo_release - release a slave from its master
 * @master: the master
 * @slave_dev: the slave netdev
 *
 * The ndo_del_slave of the master.
 *
 * Context: RTNL held.
 * Return: 0, or -EINVAL if @slave_dev is not a slave of @master.
 */
int ibfo_release(struct net_device *master, struct net_device *slave_dev)
{
	struct ibfo_slave *slave;

	ASSERT_RTNL();
	if (!ibfo_is_slave(slave_dev))
		return -EINVAL;
	slave = rtnl_dereference(slave_dev->rx_handler_data);
	if (slave->ibfo != netdev_priv(master))
		return -EINVAL;
	ibfo_slave_release(slave->ibfo, slave, false);
	return 0;
}

/**
 * ibfo_release_all - release every slave of a master
 * @ibfo: the master, being unregistered
 *
 * Context: RTNL held.
 */
void ibfo_release_all(struct ibfo *ibfo)
{
	struct ibfo_slave *slave, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(slave, tmp, &ibfo->slaves, list)
		ibfo_slave_release(ibfo, slave, false);
}

/* An IPoIB netdev named as primary but not enslaved goes away (or to
 * another namespace): forget it, before its ifindex is reused.
 */
static void ibfo_forget_primary(struct net_device *dev)
{
	struct net_device *master;
	struct ibfo *ibfo;

	ASSERT_RTNL();
	for_each_netdev(dev_net(dev), master) {
		if (!ibfo_is_master(master))
			continue;
		ibfo = netdev_priv(master);
		if (ibfo->params.primary == dev->ifindex)
			ibfo->params.primary = 0;
	}
}

/* With slaves, the master's broadcast address is theirs (it embeds their
 * P_Key, see ibfo_setup_by_slave()).  RTM_SETLINK's IFLA_BROADCAST writes
 * it directly, past ibfo_validate(), and only then tells the notifiers:
 * put the slaves' back, or the master would send to a group nobody is
 * in and refuse further slaves for "another P_Key".
 */
static void ibfo_keep_broadcast(struct ibfo *ibfo)
{
	struct net_device *master = ibfo->dev;
	struct ibfo_slave *first;

	ASSERT_RTNL();
	first = list_first_entry_or_null(&ibfo->slaves, struct ibfo_slave,
					 list);
	if (!first || !memcmp(master->broadcast, first->dev->broadcast,
			      INFINIBAND_ALEN))
		return;
	memcpy(master->broadcast, first->dev->broadcast, INFINIBAND_ALEN);
	netdev_info(master, "broadcast address is taken from the slaves\n");
}

static int ibfo_netdev_event(struct notifier_block *nb, unsigned long event,
			     void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct ibfo_slave *slave;
	struct ibfo *ibfo;

	/* A master is never a slave (ibfo_enslave_check()). */
	if (ibfo_is_master(dev)) {
		if (event == NETDEV_CHANGEADDR)
			ibfo_keep_broadcast(netdev_priv(dev));
		/* The standby probes wait for the master to be up. */
		if (event == NETDEV_UP)
			ibfo_standby_refresh(netdev_priv(dev), 0);
		return NOTIFY_DONE;
	}
	if (!ibfo_is_slave(dev)) {
		if (event == NETDEV_UNREGISTER && dev->type == ARPHRD_INFINIBAND)
			ibfo_forget_primary(dev);
		return NOTIFY_DONE;
	}
	slave = rtnl_dereference(dev->rx_handler_data);
	ibfo = slave->ibfo;

	switch (event) {
	case NETDEV_UNREGISTER:
		ibfo_slave_release(ibfo, slave, true);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		ibfo_slave_changed(slave, netdev_cmd_to_name(event));
		break;
	case NETDEV_CHANGEADDR:
		/* New QPN or GID (then maybe another port): the master's
		 * address is the active one's.
		 */
		ibfo_health_remap(slave);
		/* A new GID prefix moves it to another rail: multipath
		 * choices made by subnet are stale.
		 */
		spin_lock_bh(&ibfo->lock);
		ibfo_paths_invalidate(ibfo);
		spin_unlock_bh(&ibfo->lock);
		/* Also gives the master the new address if @slave is
		 * active (ibfo_reselect() syncs under RTNL).
		 */
		ibfo_slave_changed(slave, netdev_cmd_to_name(event));
		break;
	case NETDEV_CHANGEMTU:
		ibfo_slave_mtu_changed(slave);
		break;
	case NETDEV_FEAT_CHANGE:
		netdev_change_features(ibfo->dev);
		break;
	case NETDEV_PRE_TYPE_CHANGE:
		return notifier_from_errno(-EBUSY);
	}
	return NOTIFY_DONE;
}

static struct notifier_block ibfo_netdev_notifier = {
	.notifier_call = ibfo_netdev_event,
};

/**
 * ibfo_notifier_init - follow the state of slave netdevs
 *
 * Return: 0 or a negative errno.
 */
int ibfo_notifier_init(void)
{
	return register_netdevice_notifier(&ibfo_netdev_notifier);
}

/**
 * ibfo_notifier_exit - stop following slave netdevs
 */
void ibfo_notifier_exit(void)
{
	unregister_netdevice_notifier(&ibfo_netdev_notifier);
}
