// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - the master netdev.
 *
 * The master looks like an IPoIB device to the stack: ARPHRD_INFINIBAND,
 * 20-byte addresses, the IPoIB hard header.  Until a slave arrives it has
 * no address, no broadcast address (that embeds the slaves' P_Key) and no
 * carrier, and drops what it is given.
 */

#include <linux/ethtool.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "ibfo.h"

static const struct device_type ibfo_type = {
	.name = IBFO_KIND,
};

/* Build the link header with a slave's own header_ops and device: a slave's
 * header_ops may look at netdev_priv() of the device it is given, so they
 * are never called with, or copied into, the master.  Every IPoIB slave
 * builds the same header (encap + pseudo header naming the peer), so any
 * slave will do, whichever one transmits the packet.
 *
 * Without a slave the packet (ARP, IP via a neighbour) is dropped by our
 * caller before it reaches ibfo_xmit(): count it here.
 */
static int ibfo_header_create(struct sk_buff *skb, struct net_device *dev,
			      unsigned short type, const void *daddr,
			      const void *saddr, unsigned int len)
{
	struct ibfo *ibfo = netdev_priv(dev);
	struct ibfo_slave *slave;
	int ret = -ENETDOWN;

	rcu_read_lock();
	slave = list_first_or_null_rcu(&ibfo->slaves, struct ibfo_slave, list);
	if (slave)
		ret = dev_hard_header(skb, slave->dev, type, daddr, saddr, len);
	rcu_read_unlock();
	if (ret < 0)
		dev_core_stats_tx_dropped_inc(dev);
	return ret;
}

static const struct header_ops ibfo_header_ops = {
	.create = ibfo_header_create,
};

static netdev_tx_t ibfo_xmit(struct sk_buff *skb, struct net_device *dev)
{
	struct ibfo *ibfo = netdev_priv(dev);
	const struct ibfo_mode_ops *mode = rcu_dereference_bh(ibfo->mode);
	struct ibfo_slave *slave;

	slave = mode->tx_slave(ibfo, skb);
	if (unlikely(!slave)) {
		dev_core_stats_tx_dropped_inc(dev);
		kfree_skb_reason(skb, SKB_DROP_REASON_DEV_READY);
		return NETDEV_TX_OK;
	}
	if (unlikely(READ_ONCE(ibfo->addr_stale)))
		ibfo_own_addr_xmit(ibfo, skb,
				   rcu_dereference_bh(ibfo->active_slave) ?: slave);

	/* dev_queue_xmit() consumes the skb whatever it returns, and the
	 * slave accounts for its own drops: count the skb before handing it
	 * over, never touch it after.
	 */
	dev_sw_netstats_tx_add(dev, 1, skb->len);
	ibfo_slave_count(slave, true, skb->len);
	skb->dev = slave->dev;
	dev_queue_xmit(skb);
	return NETDEV_TX_OK;
}

static int ibfo_dev_init(struct net_device *dev)
{
	int err;

	dev->tstats = netdev_alloc_pcpu_stats(struct pcpu_sw_netstats);
	if (!dev->tstats)
		return -ENOMEM;
	err = ibfo_flow_cache_init(netdev_priv(dev));
	if (err)
		goto err_free_stats;
	return 0;

err_free_stats:
	free_percpu(dev->tstats);
	return err;
}

/* Called on unregister after the device left the device lists and an RCU
 * grace period passed, so no transmitter or stats reader still sees it.
 */
static void ibfo_dev_uninit(struct net_device *dev)
{
	ibfo_debugfs_del(netdev_priv(dev));
	ibfo_release_all(netdev_priv(dev));
	ibfo_failover_stop(netdev_priv(dev));
	ibfo_flow_cache_free(netdev_priv(dev));
	ibfo_peers_free(netdev_priv(dev));
	free_percpu(dev->tstats);
}

static void ibfo_get_stats64(struct net_device *dev,
			     struct rtnl_link_stats64 *stats)
{
	/* Drops are in dev->core_stats, which dev_get_stats() adds. */
	dev_fetch_sw_netstats(stats, dev->tstats);
}

/* Every slave takes the master's MTU; the core already refused one above
 * max_mtu, the smallest slave's maximum, but a datagram-mode slave may be
 * held lower by its broadcast group.  All or nothing.
 */
static int ibfo_change_mtu(struct net_device *dev, int new_mtu)
{
	struct ibfo *ibfo = netdev_priv(dev);
	unsigned int old_mtu = dev->mtu;
	struct ibfo_slave *slave;
	int err;

	WRITE_ONCE(dev->mtu, new_mtu);
	list_for_each_entry(slave, &ibfo->slaves, list) {
		err = ibfo_slave_set_mtu(ibfo, slave->dev, new_mtu);
		if (err) {
			netdev_warn(dev, "%s cannot take MTU %d (it has %u)\n",
				    slave->dev->name, new_mtu,
				    slave->dev->mtu);
			goto err_restore;
		}
	}
	return 0;

err_restore:
	WRITE_ONCE(dev->mtu, old_mtu);
	/* The slave that refused too: ipoib may have changed it. */
	list_for_each_entry_from_reverse(slave, &ibfo->slaves, list)
		ibfo_slave_set_mtu(ibfo, slave->dev, old_mtu);
	return err;
}

/* Every slave joins the master's multicast groups, the backups too: after a
 * failover the new port is in the groups already, and the IGMP/MLD reports
 * sent with the peer notification only refresh them.
 */
static void ibfo_set_rx_mode(struct net_device *dev)
{
	struct ibfo *ibfo = netdev_priv(dev);
	struct ibfo_slave *slave;

	rcu_read_lock();
	list_for_each_entry_rcu(slave, &ibfo->slaves, list) {
		dev_uc_sync_multiple(slave->dev, dev);
		dev_mc_sync_multiple(slave->dev, dev);
	}
	rcu_read_unlock();
}

/* Offloads the master offers while the slaves have them: one slave with
 * scatter-gather, checksum or TSO is enough (as with bonding,
 * netdev_increment_features()); a packet that leaves through a slave
 * without them is completed in software in the slave's dev_queue_xmit(),
 * once, instead of in the master's.
 */
#define IBFO_OFFLOADS	(NETIF_F_HW_CSUM | NETIF_F_SG | NETIF_F_FRAGLIST | \
			 NETIF_F_HIGHDMA | NETIF_F_ALL_TSO)

static netdev_features_t ibfo_fix_features(struct net_device *dev,
					   netdev_features_t features)
{
	struct ibfo *ibfo = netdev_priv(dev);
	netdev_features_t mask = features;
	struct ibfo_slave *slave;

	ASSERT_RTNL();
	features &= ~NETIF_F_ONE_FOR_ALL;
	features |= NETIF_F_ALL_FOR_ALL;
	list_for_each_entry(slave, &ibfo->slaves, list)
		features = netdev_increment_features(features,
						     slave->dev->features, mask);
	features = netdev_add_tso_features(features, mask);
	/* IPoIB has P_Key children instead of VLANs. */
	return features | NETIF_F_VLAN_CHALLENGED;
}

static const struct net_device_ops ibfo_netdev_ops = {
	.ndo_init		= ibfo_dev_init,
	.ndo_uninit		= ibfo_dev_uninit,
	.ndo_start_xmit		= ibfo_xmit,
	.ndo_get_stats64	= ibfo_get_stats64,
	.ndo_change_mtu		= ibfo_change_mtu,
	.ndo_fix_features	= ibfo_fix_features,
	.ndo_set_rx_mode	= ibfo_set_rx_mode,
	.ndo_add_slave		= ibfo_enslave,
	.ndo_del_slave		= ibfo_release,
};

static void ibfo_get_drvinfo(struct net_device *dev,
			     struct ethtool_drvinfo *info)
{
	strscpy(info->driver, KBUILD_MODNAME, sizeof(info->driver));
	strscpy(info->version, IBFO_VERSION, sizeof(info->version));
}

static const struct ethtool_ops ibfo_ethtool_ops = {
	.get_drvinfo	= ibfo_get_drvinfo,
	.get_link	= ethtool_op_get_link,
};

/**
 * ibfo_is_master - whether a netdev is an ibfo master
 * @dev: a netdev
 *
 * Return: true if @dev is an ibfo device.
 */
bool ibfo_is_master(const struct net_device *dev)
{
	return dev->netdev_ops == &ibfo_netdev_ops;
}

/**
 * ibfo_setup - initialize a newly allocated ibfo master
 * @dev: the master netdev
 *
 * The rtnl_link_ops setup callback, called by alloc_netdev() before any
 * option is parsed.
 */
void ibfo_setup(struct net_device *dev)
{
	struct ibfo *ibfo = netdev_priv(dev);

	dev->netdev_ops = &ibfo_netdev_ops;
	dev->ethtool_ops = &ibfo_ethtool_ops;
	/* Set before registration: neighbours choose their output path from
	 * header_ops when they are created, possibly before the first slave.
	 */
	dev->header_ops = &ibfo_header_ops;
	dev->needs_free_netdev = true;
	SET_NETDEV_DEVTYPE(dev, &ibfo_type);

	dev->type = ARPHRD_INFINIBAND;
	dev->addr_len = INFINIBAND_ALEN;
	dev->hard_header_len = IBFO_HARD_LEN;
	dev->mtu = IBFO_DEFAULT_MTU;
	dev->min_mtu = ETH_MIN_MTU;
	dev->max_mtu = IBFO_MAX_MTU;
	dev->flags = IFF_BROADCAST | IFF_MULTICAST;

	/* No qdisc: slaves have their own.  Keep the dst for the slave, as
	 * IPoIB devices do.  Not IFF_BONDING: rdma core casts the private
	 * data of such masters to struct bonding.
	 */
	dev->priv_flags |= IFF_NO_QUEUE;
	dev->priv_flags &= ~IFF_TX_SKB_SHARING;
	netif_keep_dst(dev);

	/* Lockless transmit; slaves stay in the master's namespace; IPoIB
	 * has no VLANs (P_Key child interfaces instead).
	 */
	dev->hw_features = IBFO_OFFLOADS;
	dev->features = IBFO_OFFLOADS | NETIF_F_VLAN_CHALLENGED;
	compat_netdev_set_lltx(dev);
	compat_netdev_set_netns_immutable(dev);

	/* Only sets the bit while unregistered: no carrier until a slave is
	 * usable, from the first moment the device is visible.
	 */
	netif_carrier_off(dev);

	ibfo->dev = dev;
	INIT_LIST_HEAD(&ibfo->slaves);
	spin_lock_init(&ibfo->lock);
	ibfo_failover_init(ibfo);
	RCU_INIT_POINTER(ibfo->mode, &ibfo_mode_ab);
	ibfo->params.primary_reselect = IBFO_PRIMARY_RESELECT_ALWAYS;
	ibfo->params.peer_notify_count = IBFO_PEER_NOTIFY_COUNT_DEFAULT;
	ibfo->params.peer_notify_interval_ms =
		IBFO_PEER_NOTIFY_INTERVAL_DEFAULT_MS;
	ibfo->params.xmit_hash_policy = IBFO_XMIT_HASH_LAYER34;
	ibfo->params.rx_balance = 1;
	ibfo->params.peer_discovery = 0;
	ibfo_peers_init(ibfo);
}
