// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - netdev notifier.
 *
 * Follows the slaves' netdev events (state, address, MTU, features,
 * unregistration) and the master's own, and forgets a primary that goes
 * away unenslaved.  Every event comes under RTNL.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "ibfo.h"

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
	slave = ibfo_slave_of(dev);
	if (!slave) {
		if (event == NETDEV_UNREGISTER && dev->type == ARPHRD_INFINIBAND)
			ibfo_forget_primary(dev);
		return NOTIFY_DONE;
	}
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
		ibfo_flows_invalidate(ibfo);
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
