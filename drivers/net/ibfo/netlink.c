// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - rtnetlink link kind.
 *
 * Options are parsed into a copy of the current ones and checked as a
 * whole before the first of them is applied, so a request that fails
 * changes nothing.
 */

#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <net/netlink.h>
#include <net/rtnetlink.h>
#include <rdma/ib_verbs.h>

#include "ibfo.h"

static struct netlink_range_validation ibfo_delay_range = {
	.max = IBFO_DELAY_MAX_MS,
};

static struct netlink_range_validation ibfo_peer_notify_interval_range = {
	.min = IBFO_PEER_NOTIFY_INTERVAL_MIN_MS,
	.max = IBFO_PEER_NOTIFY_INTERVAL_MAX_MS,
};

static const struct nla_policy ibfo_policy[IFLA_IBFO_MAX + 1] = {
	[IFLA_IBFO_UNSPEC]		= { .strict_start_type =
					    IFLA_IBFO_UNSPEC + 1 },
	[IFLA_IBFO_MODE]		= NLA_POLICY_MAX(NLA_U8, IBFO_MODE_MAX),
	[IFLA_IBFO_PRIMARY]		= { .type = NLA_U32 },
	[IFLA_IBFO_PRIMARY_RESELECT]	=
		NLA_POLICY_MAX(NLA_U8, IBFO_PRIMARY_RESELECT_MAX),
	[IFLA_IBFO_UPDELAY]		=
		NLA_POLICY_FULL_RANGE(NLA_U32, &ibfo_delay_range),
	[IFLA_IBFO_DOWNDELAY]		=
		NLA_POLICY_FULL_RANGE(NLA_U32, &ibfo_delay_range),
	[IFLA_IBFO_PEER_NOTIFY_COUNT]	=
		NLA_POLICY_MAX(NLA_U32, IBFO_PEER_NOTIFY_COUNT_MAX),
	[IFLA_IBFO_PEER_NOTIFY_INTERVAL] =
		NLA_POLICY_FULL_RANGE(NLA_U32,
				      &ibfo_peer_notify_interval_range),
	[IFLA_IBFO_ACTIVE_SLAVE]	= { .type = NLA_REJECT,
					    .reject_message =
						"active slave is read-only" },
	[IFLA_IBFO_XMIT_HASH_POLICY]	=
		NLA_POLICY_MAX(NLA_U8, IBFO_XMIT_HASH_MAX),
	[IFLA_IBFO_RX_BALANCE]		= NLA_POLICY_MAX(NLA_U8, 1),
	[IFLA_IBFO_PEER_DISCOVERY]	= NLA_POLICY_MAX(NLA_U8, 1),
};

/* A new configuration, complete, before it is applied. */
struct ibfo_config {
	const struct ibfo_mode_ops *mode;
	struct ibfo_params params;
};

static int ibfo_validate(struct nlattr *tb[], struct nlattr *data[],
			 struct netlink_ext_ack *extack)
{
	const struct nlattr *info_data;
	int rem, err;

	/* The master's addresses are the active slave's and its P_Key's. */
	if (tb[IFLA_ADDRESS]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_ADDRESS],
				    "address is taken from the active slave");
		return -EOPNOTSUPP;
	}
	if (tb[IFLA_BROADCAST]) {
		NL_SET_ERR_MSG_ATTR(extack, tb[IFLA_BROADCAST],
				    "broadcast address is taken from the slaves");
		return -EOPNOTSUPP;
	}

	/* rtnetlink parses IFLA_INFO_DATA liberally, ignoring attribute
	 * types it does not know; check strictly so that userspace learns
	 * when this module lacks an option instead of having it ignored.
	 * Every IFLA_INFO_DATA, not the first: of several, rtnetlink
	 * applies the last one.
	 */
	if (!tb[IFLA_LINKINFO])
		return 0;
	nla_for_each_nested(info_data, tb[IFLA_LINKINFO], rem) {
		if (nla_type(info_data) != IFLA_INFO_DATA)
			continue;
		err = nla_validate_nested(info_data, IFLA_IBFO_MAX,
					  ibfo_policy, extack);
		if (err)
			return err;
	}
	return 0;
}

/* The primary is a slave, or an IPoIB netdev of the master's namespace
 * that may become one (bonding also takes a name not enslaved yet).
 */
static int ibfo_primary_check(struct ibfo *ibfo, u32 ifindex,
			      const struct nlattr *attr,
			      struct netlink_ext_ack *extack)
{
	struct net_device *dev;

	if (!ifindex)
		return 0;
	dev = ifindex > INT_MAX ? NULL :
	      __dev_get_by_index(dev_net(ibfo->dev), ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "primary is not a device of this namespace");
		return -ENODEV;
	}
	if (ibfo_slave_find(ibfo, ifindex))
		return 0;
	if (dev->type != ARPHRD_INFINIBAND || ibfo_is_master(dev)) {
		NL_SET_ERR_MSG_ATTR(extack, attr,
				    "primary must be an IPoIB device");
		return -EINVAL;
	}
	return 0;
}

/* The value of an optional attribute, the policy having checked its size. */
static void ibfo_nla_u8(const struct nlattr *attr, u8 *value)
{
	if (attr)
		*value = nla_get_u8(attr);
}

static void ibfo_nla_u32(const struct nlattr *attr, u32 *value)
{
	if (attr)
		*value = nla_get_u32(attr);
}

/* Fill @cfg from @data on top of the current configuration, checking the
 * values that depend on the device's state.  Changes nothing in @ibfo.
 */
static int ibfo_config_parse(struct ibfo *ibfo, struct ibfo_config *cfg,
			     struct nlattr *data[],
			     struct netlink_ext_ack *extack)
{
	struct nlattr *attr;

	ASSERT_RTNL();
	cfg->mode = rtnl_dereference(ibfo->mode);
	cfg->params = ibfo->params;
	if (!data)
		return 0;

	attr = data[IFLA_IBFO_MODE];
	if (attr) {
		cfg->mode = ibfo_mode_get(nla_get_u8(attr));
		if (!cfg->mode) {
			NL_SET_ERR_MSG_ATTR(extack, attr, "mode is not supported");
			return -EOPNOTSUPP;
		}
		if (cfg->mode != rtnl_dereference(ibfo->mode) &&
		    ibfo_has_slaves(ibfo)) {
			NL_SET_ERR_MSG_ATTR(extack, attr,
					    "mode can only be changed without slaves");
			return -EBUSY;
		}
	}

	attr = data[IFLA_IBFO_PRIMARY];
	if (attr) {
		u32 ifindex = nla_get_u32(attr);
		int err;

		err = ibfo_primary_check(ibfo, ifindex, attr, extack);
		if (err)
			return err;
		cfg->params.primary = ifindex;
	}

	ibfo_nla_u8(data[IFLA_IBFO_PRIMARY_RESELECT],
		    &cfg->params.primary_reselect);
	ibfo_nla_u32(data[IFLA_IBFO_UPDELAY], &cfg->params.updelay_ms);
	ibfo_nla_u32(data[IFLA_IBFO_DOWNDELAY], &cfg->params.downdelay_ms);
	ibfo_nla_u32(data[IFLA_IBFO_PEER_NOTIFY_COUNT],
		     &cfg->params.peer_notify_count);
	ibfo_nla_u32(data[IFLA_IBFO_PEER_NOTIFY_INTERVAL],
		     &cfg->params.peer_notify_interval_ms);
	ibfo_nla_u8(data[IFLA_IBFO_XMIT_HASH_POLICY],
		    &cfg->params.xmit_hash_policy);
	ibfo_nla_u8(data[IFLA_IBFO_RX_BALANCE], &cfg->params.rx_balance);
	ibfo_nla_u8(data[IFLA_IBFO_PEER_DISCOVERY],
		    &cfg->params.peer_discovery);
	return 0;
}

/* Cannot fail: everything that could was checked by ibfo_config_parse(). */
static void ibfo_config_apply(struct ibfo *ibfo, const struct ibfo_config *cfg)
{
	bool tell = cfg->mode != rtnl_dereference(ibfo->mode) ||
		    cfg->params.rx_balance != ibfo->params.rx_balance;
	bool told;

	ASSERT_RTNL();
	if (cfg->mode != rtnl_dereference(ibfo->mode))
		ibfo_mode_set(ibfo, cfg->mode);
	spin_lock_bh(&ibfo->lock);
	ibfo->params = cfg->params;
	told = ibfo->notified_gen == ibfo->gen;
	/* Flows hash differently under another policy. */
	ibfo_flows_invalidate(ibfo);
	/* Neighbours are told where to send (notify.c) when the generation
	 * moves; another hash policy or timer changes nothing for them.
	 */
	if (told && !tell)
		WRITE_ONCE(ibfo->notified_gen, ibfo->gen);
	spin_unlock_bh(&ibfo->lock);
	/* Nothing learns a peer once the option is off (checked under the
	 * lock): what was learned goes, and no flow follows it any more.
	 */
	if (!cfg->params.peer_discovery)
		ibfo_peers_flush(ibfo);
}

/* All of @data or nothing: every value is checked before any is set. */
static int ibfo_configure(struct ibfo *ibfo, struct nlattr *data[],
			  struct netlink_ext_ack *extack)
{
	struct ibfo_config cfg;
	int err;

	err = ibfo_config_parse(ibfo, &cfg, data, extack);
	if (err)
		return err;
	ibfo_config_apply(ibfo, &cfg);
	return 0;
}

/**
 * ibfo_newlink - configure and register a new ibfo master
 * @dev: the master, allocated by rtnetlink
 * @data: its IFLA_IBFO_* attributes
 * @extack: where a refusal is explained
 *
 * The rtnl_link_ops callback is compat_ibfo_newlink(), whose arguments
 * differ between kernels.
 *
 * Return: 0 or -errno.
 */
int ibfo_newlink(struct net_device *dev, struct nlattr *data[],
		 struct netlink_ext_ack *extack)
{
	struct ibfo *ibfo = netdev_priv(dev);
	int err = ibfo_configure(ibfo, data, extack);

	if (!err)
		err = register_netdevice(dev);
	if (!err)
		ibfo_debugfs_add(ibfo);
	return err;
}

static int ibfo_changelink(struct net_device *dev, struct nlattr *tb[],
			   struct nlattr *data[],
			   struct netlink_ext_ack *extack)
{
	struct ibfo *ibfo = netdev_priv(dev);
	int err = ibfo_configure(ibfo, data, extack);

	/* A new primary or reselection policy may move the traffic. */
	if (!err)
		ibfo_reselect(ibfo);
	return err;
}

static size_t ibfo_get_size(const struct net_device *dev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_IBFO_MODE */
	       nla_total_size(sizeof(u32)) +	/* IFLA_IBFO_PRIMARY */
	       nla_total_size(sizeof(u8)) +	/* IFLA_IBFO_PRIMARY_RESELECT */
	       nla_total_size(sizeof(u32)) +	/* IFLA_IBFO_UPDELAY */
	       nla_total_size(sizeof(u32)) +	/* IFLA_IBFO_DOWNDELAY */
	       nla_total_size(sizeof(u32)) +	/* IFLA_IBFO_PEER_NOTIFY_COUNT */
	       nla_total_size(sizeof(u32)) +	/* ..._PEER_NOTIFY_INTERVAL */
	       nla_total_size(sizeof(u32)) +	/* IFLA_IBFO_ACTIVE_SLAVE */
	       nla_total_size(sizeof(u8)) +	/* ..._XMIT_HASH_POLICY */
	       nla_total_size(sizeof(u8)) +	/* IFLA_IBFO_RX_BALANCE */
	       nla_total_size(sizeof(u8));	/* ..._PEER_DISCOVERY */
}

static int ibfo_fill_info(struct sk_buff *skb, const struct net_device *dev)
{
	const struct ibfo *ibfo = netdev_priv(dev);
	const struct ibfo_params *p = &ibfo->params;
	const struct ibfo_slave *active;
	u32 active_ifindex = 0;

	active = rtnl_dereference(ibfo->active_slave);
	if (active)
		active_ifindex = active->dev->ifindex;

	if (nla_put_u8(skb, IFLA_IBFO_MODE, rtnl_dereference(ibfo->mode)->id) ||
	    nla_put_u32(skb, IFLA_IBFO_PRIMARY, p->primary) ||
	    nla_put_u8(skb, IFLA_IBFO_PRIMARY_RESELECT, p->primary_reselect) ||
	    nla_put_u32(skb, IFLA_IBFO_UPDELAY, p->updelay_ms) ||
	    nla_put_u32(skb, IFLA_IBFO_DOWNDELAY, p->downdelay_ms) ||
	    nla_put_u32(skb, IFLA_IBFO_PEER_NOTIFY_COUNT,
			p->peer_notify_count) ||
	    nla_put_u32(skb, IFLA_IBFO_PEER_NOTIFY_INTERVAL,
			p->peer_notify_interval_ms) ||
	    nla_put_u32(skb, IFLA_IBFO_ACTIVE_SLAVE, active_ifindex) ||
	    nla_put_u8(skb, IFLA_IBFO_XMIT_HASH_POLICY, p->xmit_hash_policy) ||
	    nla_put_u8(skb, IFLA_IBFO_RX_BALANCE, p->rx_balance) ||
	    nla_put_u8(skb, IFLA_IBFO_PEER_DISCOVERY, p->peer_discovery))
		return -EMSGSIZE;
	return 0;
}

static size_t ibfo_get_slave_size(const struct net_device *master,
				  const struct net_device *slave_dev)
{
	return nla_total_size(sizeof(u8)) +	/* IFLA_IBFO_SLAVE_STATE */
	       nla_total_size(IB_DEVICE_NAME_MAX) + /* ..._IB_DEV */
	       nla_total_size(sizeof(u32)) +	/* IFLA_IBFO_SLAVE_IB_PORT */
	       nla_total_size(sizeof(u8)) +	/* ..._PORT_STATE */
	       nla_total_size(sizeof(u32)) +	/* ..._FAILURE_COUNT */
	       nla_total_size_64bit(sizeof(u64)) + /* ..._LAST_CHANGE */
	       4 * nla_total_size_64bit(sizeof(u64)) + /* ..._{TX,RX}_* */
	       nla_total_size(sizeof(u32));	/* IFLA_IBFO_SLAVE_FLOWS */
}

/* Every slave attribute is state, not configuration: say so instead of
 * rtnetlink's bare EOPNOTSUPP for a master without slave_changelink.
 */
static int ibfo_slave_changelink(struct net_device *master,
				 struct net_device *slave_dev,
				 struct nlattr *tb[], struct nlattr *data[],
				 struct netlink_ext_ack *extack)
{
	int i;

	for (i = 0; data && i <= IFLA_IBFO_SLAVE_MAX; i++) {
		if (data[i]) {
			NL_SET_ERR_MSG_ATTR(extack, data[i],
					    "slave attributes are read-only");
			return -EOPNOTSUPP;
		}
	}
	NL_SET_ERR_MSG(extack, "ibfo slaves have no options to set");
	return -EOPNOTSUPP;
}

static u8 ibfo_slave_state(const struct ibfo *ibfo,
			   const struct ibfo_slave *slave)
{
	switch (READ_ONCE(slave->link)) {
	case IBFO_LINK_DOWN:
		return IBFO_SLAVE_STATE_DOWN;
	case IBFO_LINK_GOING_UP:
		return IBFO_SLAVE_STATE_GOING_UP;
	case IBFO_LINK_GOING_DOWN:
		return IBFO_SLAVE_STATE_GOING_DOWN;
	}
	if (rtnl_dereference(ibfo->active_slave) == slave ||
	    rtnl_dereference(ibfo->mode)->all_active)
		return IBFO_SLAVE_STATE_ACTIVE;
	return IBFO_SLAVE_STATE_BACKUP;
}

static int ibfo_fill_slave_stats(struct sk_buff *skb,
				 const struct ibfo *ibfo,
				 const struct ibfo_slave *slave)
{
	struct rtnl_link_stats64 stats = {};

	dev_fetch_sw_netstats(&stats, slave->stats);
	if (nla_put_u64_64bit(skb, IFLA_IBFO_SLAVE_TX_PACKETS,
			      stats.tx_packets, IFLA_IBFO_SLAVE_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_IBFO_SLAVE_TX_BYTES, stats.tx_bytes,
			      IFLA_IBFO_SLAVE_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_IBFO_SLAVE_RX_PACKETS,
			      stats.rx_packets, IFLA_IBFO_SLAVE_PAD) ||
	    nla_put_u64_64bit(skb, IFLA_IBFO_SLAVE_RX_BYTES, stats.rx_bytes,
			      IFLA_IBFO_SLAVE_PAD) ||
	    nla_put_u32(skb, IFLA_IBFO_SLAVE_FLOWS,
			ibfo_slave_flows(ibfo, slave)))
		return -EMSGSIZE;
	return 0;
}

static int ibfo_fill_slave_info(struct sk_buff *skb,
				const struct net_device *master,
				const struct net_device *slave_dev)
{
	const struct ibfo *ibfo = netdev_priv(master);
	const struct ibfo_slave *slave = ibfo_slave_of(slave_dev);
	char name[IB_DEVICE_NAME_MAX];
	u8 port_state;
	u32 port;

	if (!slave)
		return 0;
	port = ibfo_health_port(slave, name, sizeof(name), &port_state);
	if (nla_put_u8(skb, IFLA_IBFO_SLAVE_STATE,
		       ibfo_slave_state(ibfo, slave)) ||
	    (name[0] && nla_put_string(skb, IFLA_IBFO_SLAVE_IB_DEV, name)) ||
	    nla_put_u32(skb, IFLA_IBFO_SLAVE_IB_PORT, port) ||
	    nla_put_u8(skb, IFLA_IBFO_SLAVE_PORT_STATE, port_state) ||
	    nla_put_u32(skb, IFLA_IBFO_SLAVE_FAILURE_COUNT, slave->failures) ||
	    nla_put_u64_64bit(skb, IFLA_IBFO_SLAVE_LAST_CHANGE,
			      jiffies_to_msecs(jiffies - slave->last_change),
			      IFLA_IBFO_SLAVE_PAD))
		return -EMSGSIZE;
	return ibfo_fill_slave_stats(skb, ibfo, slave);
}

/* Not const: rtnl_link_register() fills in the default dellink. */
static struct rtnl_link_ops ibfo_link_ops __read_mostly = {
	.kind		= IBFO_KIND,
	.priv_size	= sizeof(struct ibfo),
	.setup		= ibfo_setup,
	.maxtype	= IFLA_IBFO_MAX,
	.policy		= ibfo_policy,
	.validate	= ibfo_validate,
	.newlink	= compat_ibfo_newlink,
	.changelink	= ibfo_changelink,
	.get_size	= ibfo_get_size,
	.fill_info	= ibfo_fill_info,
	.slave_maxtype	= IFLA_IBFO_SLAVE_MAX,
	.slave_changelink = ibfo_slave_changelink,
	.get_slave_size	= ibfo_get_slave_size,
	.fill_slave_info = ibfo_fill_slave_info,
};

/**
 * ibfo_netlink_init - register the "ibfo" link kind
 *
 * Return: 0 or a negative errno.
 */
int ibfo_netlink_init(void)
{
	return rtnl_link_register(&ibfo_link_ops);
}

/**
 * ibfo_netlink_exit - unregister the "ibfo" link kind
 *
 * Deletes every ibfo device left, in every network namespace.
 */
void ibfo_netlink_exit(void)
{
	rtnl_link_unregister(&ibfo_link_ops);
}
