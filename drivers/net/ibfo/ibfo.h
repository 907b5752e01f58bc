/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ibfo: IP failover and multipathing over IPoIB - internal interfaces.
 *
 * Locking: configuration (options, mode, slave list) changes only under
 * RTNL.  The transmit path reads the mode and the slaves under RCU (BH) and
 * takes no lock.
 */
#ifndef _IBFO_H
#define _IBFO_H

#include <linux/if_infiniband.h>
#include <linux/netdevice.h>
#include <linux/rcupdate.h>
#include <linux/types.h>
#include <net/rtnetlink.h>

#include <uapi/linux/if_ibfo.h>

#define IBFO_VERSION		"0.1.0"
#define IBFO_KIND		"ibfo"

/* Until a slave sets it: IPoIB datagram MTU over a 2048-byte IB MTU. */
#define IBFO_DEFAULT_MTU	2044
/* IPoIB connected-mode maximum (IPOIB_CM_MTU), the largest any slave has. */
#define IBFO_MAX_MTU		(0x10000 - 0x10)
/* IPoIB encapsulation header (4) + pseudo header carrying the peer (20). */
#define IBFO_HARD_LEN		(4 + INFINIBAND_ALEN)

/* Option limits and defaults; one notification by default, as bonding. */
#define IBFO_DELAY_MAX_MS			600000
#define IBFO_PEER_NOTIFY_COUNT_MAX		255
#define IBFO_PEER_NOTIFY_COUNT_DEFAULT		1
#define IBFO_PEER_NOTIFY_INTERVAL_MIN_MS	10
#define IBFO_PEER_NOTIFY_INTERVAL_MAX_MS	60000
#define IBFO_PEER_NOTIFY_INTERVAL_DEFAULT_MS	200

struct ibfo;

/**
 * struct ibfo_slave - one IPoIB netdev under an ibfo master
 * @dev: the slave netdev
 * @list: entry in &ibfo.slaves, under RTNL; RCU for readers
 * @rcu: deferred free after the slave left every RCU-visible place
 */
struct ibfo_slave {
	struct net_device *dev;
	struct list_head list;
	struct rcu_head rcu;
};

/**
 * struct ibfo_mode_ops - a traffic distribution policy
 * @id: IBFO_MODE_* value
 * @name: for messages
 * @tx_slave: pick the slave for @skb, NULL to drop it; called in the
 *	transmit path, under RCU (BH), concurrently on every CPU.
 *
 * Slave management, health tracking and netlink live in the core; a mode
 * only decides which slaves carry traffic.
 */
struct ibfo_mode_ops {
	u8 id;
	const char *name;
	struct ibfo_slave *(*tx_slave)(struct ibfo *ibfo, struct sk_buff *skb);
};

/**
 * struct ibfo_params - the user-settable options besides the mode
 * @primary_reselect: IBFO_PRIMARY_RESELECT_*
 * @primary: ifindex of the preferred slave, 0 for none
 * @updelay_ms: time a slave must stay usable before it is used
 * @downdelay_ms: time a failed slave keeps its traffic
 * @peer_notify_count: peer notifications sent after an address change
 * @peer_notify_interval_ms: time between two of them
 *
 * Changed under RTNL as a whole, after every new value was validated.
 */
struct ibfo_params {
	u8 primary_reselect;
	u32 primary;
	u32 updelay_ms;
	u32 downdelay_ms;
	u32 peer_notify_count;
	u32 peer_notify_interval_ms;
};

/**
 * struct ibfo - private data of an ibfo master netdev
 * @dev: the master netdev
 * @mode: current mode; replaced under RTNL, read under RCU
 * @params: options, under RTNL
 * @slaves: list of &struct ibfo_slave, under RTNL; RCU for readers
 * @active_slave: the slave carrying traffic in active-backup mode
 */
struct ibfo {
	struct net_device *dev;
	const struct ibfo_mode_ops __rcu *mode;
	struct ibfo_params params;
	struct list_head slaves;
	struct ibfo_slave __rcu *active_slave;
};

/* device.c */
void ibfo_setup(struct net_device *dev);
bool ibfo_has_slaves(const struct ibfo *ibfo);
struct ibfo_slave *ibfo_slave_find(struct ibfo *ibfo, int ifindex);

/* mode.c */
const struct ibfo_mode_ops *ibfo_mode_get(u8 id);
void ibfo_mode_set(struct ibfo *ibfo, const struct ibfo_mode_ops *mode);

/* mode_ab.c */
extern const struct ibfo_mode_ops ibfo_mode_ab;

/* netlink.c */
int ibfo_netlink_init(void);
void ibfo_netlink_exit(void);

#endif /* _IBFO_H */
