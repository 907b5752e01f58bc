// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - slave lifetime.
 *
 * ibfo_enslave() holds the slave netdev, hooks its receive path
 * (rx.c) and links it below the master; ibfo_slave_release() undoes
 * that in reverse order, on "ip link set nomaster", when the slave netdev
 * goes away (NETDEV_UNREGISTER, also on a netns move; notifier.c) or when
 * the master does.  The struct is freed after an RCU grace period: the
 * transmit path may still be looking at it.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <rdma/ib_verbs.h>

#include "ibfo.h"

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
 * ibfo_slave_of - the ibfo slave struct of a netdev
 * @dev: a netdev
 *
 * Context: RTNL held.
 * Return: the slave, or NULL if @dev is not an ibfo slave.
 */
struct ibfo_slave *ibfo_slave_of(const struct net_device *dev)
{
	if (rcu_access_pointer(dev->rx_handler) != ibfo_handle_frame)
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

/**
 * ibfo_slave_set_mtu - give a slave, or a device being enslaved, an MTU
 * @ibfo: the master
 * @slave_dev: the slave's device
 * @mtu: the MTU it must take
 *
 * In datagram mode ipoib takes any MTU up to its port's as the one it is
 * asked for, keeps its broadcast group's if that is smaller, and returns
 * 0: a slave left with another MTU refused @mtu.  The slave's own MTU
 * notification meanwhile finds @ibfo busy (ibfo_slave_mtu_changed()):
 * answering it would ask again, without end.
 *
 * Context: RTNL held.
 * Return: 0, or -errno; -EINVAL if the slave kept another MTU.
 */
int ibfo_slave_set_mtu(struct ibfo *ibfo, struct net_device *slave_dev,
		       unsigned int mtu)
{
	int err;

	ASSERT_RTNL();
	ibfo->setting_mtu = true;
	err = dev_set_mtu(slave_dev, mtu);
	ibfo->setting_mtu = false;
	if (!err && slave_dev->mtu != mtu)
		err = -EINVAL;
	return err;
}

/**
 * ibfo_slave_mtu_changed - a slave's MTU changed
 * @slave: the slave
 *
 * ipoib changes it itself (mode change, multicast group MTU).  Give it
 * the master's back, or if it cannot take that any more, bring the master
 * and so every slave down to it.  A change ibfo_slave_set_mtu() made is
 * its caller's to judge.
 *
 * Context: RTNL held.
 */
void ibfo_slave_mtu_changed(struct ibfo_slave *slave)
{
	struct ibfo *ibfo = slave->ibfo;
	struct net_device *master = ibfo->dev;
	unsigned int mtu;

	ASSERT_RTNL();
	ibfo_follow_slaves(ibfo);
	if (ibfo->setting_mtu || slave->dev->mtu == master->mtu ||
	    !ibfo_slave_set_mtu(ibfo, slave->dev, master->mtu))
		return;
	mtu = slave->dev->mtu;
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
	slave->ib_port_active = true;
	slave->lower = IBFO_LOWER_NONE;
	slave->last_change = jiffies;
	INIT_LIST_HEAD(&slave->ib_list);
	INIT_DELAYED_WORK(&slave->delay_work, ibfo_slave_delay_work);
	slave->original_mtu = slave_dev->mtu;
	netdev_hold(slave_dev, &slave->dev_tracker, GFP_KERNEL);

	err = ibfo_slave_set_mtu(ibfo, slave_dev, master->mtu);
	if (err) {
		NL_SET_ERR_MSG(extack, "slave cannot take the master's MTU");
		goto err_restore_mtu;
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
	/* No up delay for a slave healthy when enslaved, as in bonding. */
	slave->healthy = ibfo_slave_healthy(slave);
	ibfo_slave_set_link(slave, slave->healthy ? IBFO_LINK_UP :
			    IBFO_LINK_DOWN, "enslaved");
	list_add_tail_rcu(&slave->list, &ibfo->slaves);
	/* After the list add: a choice tagged with the new generation
	 * considered this slave.
	 */
	ibfo_flows_invalidate(ibfo);
	spin_unlock_bh(&ibfo->lock);
	ibfo_follow_slaves(ibfo);
	ibfo_reselect(ibfo);
	ibfo_standby_refresh(ibfo, 0);
	netdev_info(master, "enslaved %s\n", slave_dev->name);
	return 0;

err_unregister_rx_handler:
	netdev_rx_handler_unregister(slave_dev);
err_close:
	if (slave->opened)
		dev_close(slave_dev);
err_restore_mtu:
	dev_set_mtu(slave_dev, slave->original_mtu);
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

/**
 * ibfo_slave_release - undo ibfo_enslave()
 * @ibfo: the master
 * @slave: its slave, freed after an RCU grace period
 * @unregistering: the slave netdev is going away (or moving to another
 *	netns): give it back its MTU without notifiers, which would make
 *	IPv6 set it up again in the namespace it is leaving, and do not
 *	close it.
 *
 * Context: RTNL held.
 */
void ibfo_slave_release(struct ibfo *ibfo, struct ibfo_slave *slave,
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
	slave = ibfo_slave_of(slave_dev);
	if (!slave || slave->ibfo != netdev_priv(master))
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
