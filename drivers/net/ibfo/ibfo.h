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

#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/if_infiniband.h>
#include <linux/in6.h>
#include <linux/jhash.h>
#include <linux/netdevice.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <net/rtnetlink.h>

#include <uapi/linux/if_ibfo.h>

#include "ibfo_compat.h"

#define IBFO_KIND		"ibfo"

/* Until a slave sets it: IPoIB datagram MTU over a 2048-byte IB MTU. */
#define IBFO_DEFAULT_MTU	2044
/* IPoIB connected-mode maximum (IPOIB_CM_MTU), the largest any slave has. */
#define IBFO_MAX_MTU		(0x10000 - 0x10)
/* IPoIB encapsulation header (4) + pseudo header carrying the peer (20). */
#define IBFO_HARD_LEN		(4 + INFINIBAND_ALEN)

/* Option limits and defaults.  Neighbours learn the master's new address
 * only from a notification: send three, 100 ms apart (bonding sends one),
 * so that one lost to a neighbour still resolving its path is repeated
 * soon.
 */
#define IBFO_DELAY_MAX_MS			600000
#define IBFO_PEER_NOTIFY_COUNT_MAX		255
#define IBFO_PEER_NOTIFY_COUNT_DEFAULT		3
#define IBFO_PEER_NOTIFY_INTERVAL_MIN_MS	10
#define IBFO_PEER_NOTIFY_INTERVAL_MAX_MS	60000
#define IBFO_PEER_NOTIFY_INTERVAL_DEFAULT_MS	100

struct ibfo;
struct ib_device;

/**
 * enum ibfo_link - a slave's health with the up and down delays applied
 * @IBFO_LINK_DOWN: not healthy
 * @IBFO_LINK_GOING_UP: healthy, may not carry traffic before the up delay
 *	expires
 * @IBFO_LINK_UP: healthy, may carry traffic
 * @IBFO_LINK_GOING_DOWN: failed, may still carry traffic until the down
 *	delay expires
 */
enum ibfo_link {
	IBFO_LINK_DOWN,
	IBFO_LINK_GOING_UP,
	IBFO_LINK_UP,
	IBFO_LINK_GOING_DOWN,
};

/**
 * struct ibfo_slave - one IPoIB netdev under an ibfo master
 * @dev: the slave netdev, held (@dev_tracker) while enslaved
 * @ibfo: its master
 * @list: entry in &ibfo.slaves, under RTNL; RCU for readers
 * @dev_tracker: tracks our reference on @dev
 * @original_mtu: @dev's MTU before it took the master's, restored on release
 * @opened: ibfo brought @dev up when enslaving it, and closes it on release
 * @ib_list: entry in the list of slaves watched for IB events (health.c)
 * @ibdev: the ib_device under @dev, NULL if unknown; under the health lock
 * @port: @dev's port on @ibdev
 * @ib_port_active: the IB port is ACTIVE (true while unknown); written from
 *	IB events, read locklessly
 * @rate: the IB port's data rate in Mbit/s (active width x speed), 0 if
 *	unknown; read when the slave is mapped and on each of its port's IB
 *	events, read locklessly
 * @healthy: ibfo_slave_healthy() at the last look, under &ibfo.lock
 * @link: enum ibfo_link; written under &ibfo.lock, read locklessly
 * @delay_work: ends an up or down delay; cancelled on release
 * @failures: times the slave stopped being healthy
 * @last_change: jiffies of the last change of health
 * @stats: packets and bytes the master sent and received through it
 * @salt: random weight seed of the slave in the multipath choice (flow.c)
 * @flows: per CPU, the flow cache entries naming the slave: generation in
 *	the upper 32 bits, count in the lower (flow.c)
 * @lower: the lower state last told to the netdev notifiers, IBFO_LOWER_*
 *	bits, %IBFO_LOWER_NONE before the first time; under RTNL
 * @rcu: deferred free after the slave left every RCU-visible place
 */
struct ibfo_slave {
	struct net_device *dev;
	struct ibfo *ibfo;
	struct list_head list;
	netdevice_tracker dev_tracker;
	unsigned int original_mtu;
	bool opened;
	struct list_head ib_list;
	struct ib_device *ibdev;
	u32 port;
	bool ib_port_active;
	u32 rate;
	bool healthy;
	u8 link;
	struct delayed_work delay_work;
	u32 failures;
	unsigned long last_change;
	struct pcpu_sw_netstats __percpu *stats;
	u32 salt;
	u64 __percpu *flows;
	u8 lower;
	struct rcu_head rcu;
};

/* &ibfo_slave.lower: struct netdev_lag_lower_state_info's two fields. */
#define IBFO_LOWER_LINK_UP	BIT(0)
#define IBFO_LOWER_TX_ENABLED	BIT(1)
#define IBFO_LOWER_NONE		0xff

/**
 * struct ibfo_mode_ops - a traffic distribution policy
 * @id: IBFO_MODE_* value
 * @name: for messages
 * @tx_slave: pick the slave for @skb, NULL to drop it; called in the
 *	transmit path, under RCU (BH), concurrently on every CPU.
 * @rx_accept: whether a packet received on @slave goes up the master;
 *	under RCU, in the slave's receive path.
 * @rx_arp: optional; sees an ARP frame received on a slave before the
 *	master's stack does, ARP header first; same context as @rx_accept.
 * @update: choose again which slaves carry traffic, after a slave came,
 *	left or changed state; under &ibfo.lock, maybe without RTNL.
 *	Return: true if the choice changed.
 * @all_active: every usable slave carries traffic, and neighbours hear of
 *	every change of the usable slaves, not only of the active one.
 *
 * Slave management, health tracking and netlink live in the core; a mode
 * only decides which slaves carry traffic.
 */
struct ibfo_mode_ops {
	u8 id;
	const char *name;
	struct ibfo_slave *(*tx_slave)(struct ibfo *ibfo, struct sk_buff *skb);
	bool (*rx_accept)(struct ibfo *ibfo, struct ibfo_slave *slave,
			  struct sk_buff *skb);
	void (*rx_arp)(struct ibfo *ibfo, struct sk_buff *skb);
	bool (*update)(struct ibfo *ibfo);
	bool all_active;
};

/**
 * struct ibfo_params - the user-settable options besides the mode
 * @primary_reselect: IBFO_PRIMARY_RESELECT_*
 * @primary: ifindex of the preferred slave, 0 for none
 * @updelay_ms: time a slave must stay usable before it is used
 * @downdelay_ms: time a failed slave keeps its traffic
 * @peer_notify_count: peer notifications sent after an address change
 * @peer_notify_interval_ms: time between two of them
 * @xmit_hash_policy: IBFO_XMIT_HASH_*, what makes a flow in multipath mode
 * @rx_balance: in multipath mode, give each neighbour a slave to send to
 *	(rlb.c)
 * @peer_discovery: in multipath mode, list our ports in ARP frames and
 *	learn other ibfo masters' (peer.c); read locklessly, and under @lock
 *	where a peer is learned
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
	u8 xmit_hash_policy;
	u8 rx_balance;
	u8 peer_discovery;
};

/* Per-CPU multipath flow cache: a power of two, indexed by flow hash. */
#define IBFO_FLOW_CACHE_SIZE		256

/**
 * struct ibfo_flow - a cached transmit choice for one flow hash
 * @hash: the flow hash
 * @gen: &ibfo.gen when the choice was made; stale once it differs
 * @slave: the slave chosen; only dereferenced while @gen is current
 * @ifindex: @slave's ifindex, to name it once it may be gone (tracing)
 * @nexthop: the IPv4 next hop of the flow, 0 if none
 * @prefix: the GID subnet prefix of the neighbour's address (the rail the
 *	destination is on); a neighbour that moved to another rail misses
 * @daddr: the ibfo peer's port to send to (in its &struct ibfo_peer), NULL
 *	for the address the neighbour gave; only read while @gen is current
 * @port: index of @daddr in the peer's record, %IBFO_FLOW_NEIGH without;
 *	never dereferenced, for the debugfs dump (debugfs.c)
 * @updated: the peer record's &ibfo_peer.updated when the choice was made;
 *	only read with @daddr: an expired record is not used, even cached
 */
struct ibfo_flow {
	u32 hash;
	u32 gen;
	struct ibfo_slave *slave;
	int ifindex;
	__be32 nexthop;
	__be64 prefix;
	const u8 *daddr;
	u8 port;
	unsigned long updated;
};

#define IBFO_FLOW_NEIGH		0xff

#define IBFO_PEER_BUCKETS	256
#define IBFO_PEERS_MAX		4096
/* Seconds a peer's record lives without a refresh (ibfo_peer_ttl_s). */
#define IBFO_PEER_TTL_S		300
/* The longest reasonable one (debugfs may set any u32). */
#define IBFO_PEER_TTL_MAX_S	86400

/**
 * struct ibfo_peer_port - a port of an ibfo peer, by its address (peer.c)
 * @node: entry in &ibfo.peer_ports, under &ibfo.lock; RCU for readers
 * @peer: the record it is part of
 * @key: hash of the port's address without its flags byte
 */
struct ibfo_peer_port {
	struct hlist_node node;
	struct ibfo_peer *peer;
	u32 key;
};

/**
 * struct ibfo_peer - the ports an ibfo peer announced (peer.c)
 * @node: entry in &ibfo.peers, under &ibfo.lock; RCU for readers
 * @port: its ports' entries in &ibfo.peer_ports (IPv6 next hops)
 * @ip: the peer's IPv4 address
 * @count: number of ports
 * @updated: jiffies when last announced
 * @addr_hash: jhash of each address, its weight seed
 * @addr: the ports' IPoIB addresses
 * @rcu: deferred free after being replaced
 */
struct ibfo_peer {
	struct hlist_node node;
	struct ibfo_peer_port port[IBFO_DISC_MAX_PORTS];
	__be32 ip;
	u8 count;
	unsigned long updated;
	u32 addr_hash[IBFO_DISC_MAX_PORTS];
	u8 addr[IBFO_DISC_MAX_PORTS][INFINIBAND_ALEN];
	struct rcu_head rcu;
};

/**
 * struct ibfo_flow_cache - one CPU's flow cache
 * @entry: entries, indexed by flow hash modulo %IBFO_FLOW_CACHE_SIZE
 */
struct ibfo_flow_cache {
	struct ibfo_flow entry[IBFO_FLOW_CACHE_SIZE];
};

/**
 * struct ibfo - private data of an ibfo master netdev
 * @dev: the master netdev
 * @mode: current mode; replaced under RTNL, read under RCU
 * @params: options, under RTNL
 * @slaves: list of &struct ibfo_slave, under RTNL; RCU for readers
 * @active_slave: the slave carrying traffic in active-backup mode; written
 *	under @lock (from IB events without RTNL), read under RCU
 * @lock: serializes the choice of the active slave
 * @addr_stale: the master's address is not yet the active slave's: the
 *	transmit path rewrites ARP and ND (notify.c); set under @lock on a
 *	switch, cleared by ibfo_sync(), read locklessly
 * @sync_work: brings the master's address and carrier in line with the
 *	active slave, under RTNL, after an IB event switched it (failover.c);
 *	holds a reference on @dev while queued
 * @notify_work: the repeated peer notifications (notify.c)
 * @notify_left: peer notifications still to send, under @lock
 * @notified_addr: the active slave's address when neighbours were last told,
 *	under @lock
 * @notified_gen: @gen when neighbours were last told, under @lock
 * @standby_work: resolves the backup slaves' paths to the neighbours
 *	(standby.c)
 * @standby_last: jiffies of the last round of @standby_work
 * @standby_stopped: no more @standby_work, the master is going away;
 *	under @lock
 * @lower_stale: a slave's link state or the active slave changed since
 *	ibfo_slaves_lower_state() last ran; under @lock
 * @setting_mtu: ibfo_slave_set_mtu() is giving a slave an MTU, under RTNL
 * @gen: generation of the slaves' link states, bumped under @lock on every
 *	change that may alter a multipath choice; read locklessly
 * @flow_cache: per-CPU cache of multipath choices, tagged with @gen
 * @peers: ibfo peers' ports by IPv4 address, under @lock; RCU for readers
 * @peer_ports: the same records by port address (QPN and GID), under
 *	@lock; RCU for readers
 * @npeers: records in @peers, expired ones included, under @lock
 * @peer_gc: frees expired records while there are records (peer.c)
 * @peer_seed: random seed of the @peers and @peer_ports hashes
 * @peers_rejected: ibfo trailers refused as implausible (peer.c)
 * @debugfs: the read-only dump of @flow_cache and @peers (debugfs.c), or NULL
 */
struct ibfo {
	struct net_device *dev;
	const struct ibfo_mode_ops __rcu *mode;
	struct ibfo_params params;
	struct list_head slaves;
	struct ibfo_slave __rcu *active_slave;
	spinlock_t lock;	/* the choice of the active slave */
	bool addr_stale;
	struct work_struct sync_work;
	struct delayed_work notify_work;
	u32 notify_left;
	u8 notified_addr[INFINIBAND_ALEN];
	u32 notified_gen;
	struct delayed_work standby_work;
	unsigned long standby_last;
	bool standby_stopped;
	bool lower_stale;
	bool setting_mtu;
	u32 gen;
	struct ibfo_flow_cache __percpu *flow_cache;
	struct hlist_head peers[IBFO_PEER_BUCKETS];
	struct hlist_head peer_ports[IBFO_PEER_BUCKETS];
	unsigned int npeers;
	struct delayed_work peer_gc;
	u32 peer_seed;
	atomic_t peers_rejected;
	struct dentry *debugfs;
};

/* The IPoIB ARP payload after the arphdr. */
struct ibfo_arp {
	u8 sha[INFINIBAND_ALEN];
	__be32 sip;
	u8 tha[INFINIBAND_ALEN];
	__be32 tip;
} __packed;

/* A neighbour of the master (ibfo_neigh_snapshot()). */
struct ibfo_neigh {
	union {
		__be32 ip;
		struct in6_addr ip6;
	};
	u8 ha[INFINIBAND_ALEN];
};

/* Neighbours walked in one round (announcements, standby paths); more
 * wait for their own ARP or ND.
 */
#define IBFO_NEIGH_MAX		4096

/* One of the master's IPv6 addresses (ibfo_notify_addrs6()). */
struct ibfo_addr6 {
	struct in6_addr addr;
	int prefix_len;
};

/* Count a packet the master sent (@tx) or received through @slave; BH
 * disabled, as on both paths.
 */
static inline void ibfo_slave_count(struct ibfo_slave *slave, bool tx,
				    unsigned int len)
{
	struct pcpu_sw_netstats *stats = this_cpu_ptr(slave->stats);

	u64_stats_update_begin(&stats->syncp);
	if (tx) {
		u64_stats_inc(&stats->tx_packets);
		u64_stats_add(&stats->tx_bytes, len);
	} else {
		u64_stats_inc(&stats->rx_packets);
		u64_stats_add(&stats->rx_bytes, len);
	}
	u64_stats_update_end(&stats->syncp);
}

/* Whether @arp is IPv4 over IPoIB ARP, the only kind rlb.c and peer.c
 * read or write.
 */
static inline bool ibfo_arp_is_ipoib(const struct arphdr *arp)
{
	return arp->ar_hrd == htons(ARPHRD_INFINIBAND) &&
	       arp->ar_pro == htons(ETH_P_IP) &&
	       arp->ar_hln == INFINIBAND_ALEN && arp->ar_pln == 4;
}

/* The GID subnet prefix of a 20-byte IPoIB address (bytes 4-11): the IB
 * subnet, or rail, of the port.  Only compared, so left in wire order.
 */
static inline __be64 ibfo_addr_prefix(const u8 *addr)
{
	return get_unaligned((const __be64 *)(addr + 4));
}

/* Whether two IPoIB addresses are ports of the same IB subnet (rail):
 * only such ports reach each other without an IB router.
 */
static inline bool ibfo_same_subnet(const u8 *a, const u8 *b)
{
	return ibfo_addr_prefix(a) == ibfo_addr_prefix(b);
}

/* device.c */
void ibfo_setup(struct net_device *dev);
bool ibfo_is_master(const struct net_device *dev);

/* failover.c */
extern struct workqueue_struct *ibfo_wq;
int ibfo_wq_init(void);
void ibfo_wq_exit(void);
void ibfo_failover_init(struct ibfo *ibfo);
void ibfo_failover_stop(struct ibfo *ibfo);
void ibfo_sync(struct ibfo *ibfo);
void ibfo_reselect(struct ibfo *ibfo);
void ibfo_reselect_async(struct ibfo *ibfo);

/* notify.c */
void ibfo_notify_init(struct ibfo *ibfo);
void ibfo_notify_stop(struct ibfo *ibfo);
void ibfo_notify_peers(struct ibfo *ibfo);
bool ibfo_notify_stale(struct ibfo *ibfo);
void ibfo_own_addr_xmit(struct ibfo *ibfo, struct sk_buff *skb,
			const struct ibfo_slave *active);
struct inet6_dev;
unsigned int ibfo_notify_addrs6(struct inet6_dev *idev,
				struct ibfo_addr6 *addrs, unsigned int max);

/* neigh.c */
struct neigh_table;
struct ibfo_neigh *ibfo_neigh_snapshot(struct neigh_table *tbl,
				       struct net_device *dev,
				       unsigned int *count);
struct ibfo_arp *ibfo_arp_own(struct ibfo *ibfo, struct sk_buff *skb);

/* standby.c */
void ibfo_standby_init(struct ibfo *ibfo);
void ibfo_standby_stop(struct ibfo *ibfo);
void ibfo_standby_refresh(struct ibfo *ibfo, unsigned long delay);
bool ibfo_standby_rx(struct ibfo *ibfo, struct ibfo_slave *slave,
		     struct sk_buff *skb);
int ibfo_standby_notifier_init(void);
void ibfo_standby_notifier_exit(void);

/* health.c */
int ibfo_health_init(void);
void ibfo_health_exit(void);
void ibfo_health_watch(struct ibfo_slave *slave);
void ibfo_health_remap(struct ibfo_slave *slave);
void ibfo_health_unwatch(struct ibfo_slave *slave);
u32 ibfo_health_port(const struct ibfo_slave *slave, char *name, size_t len,
		     u8 *port_state);

/* slave.c */
bool ibfo_has_slaves(const struct ibfo *ibfo);
struct ibfo_slave *ibfo_slave_find(struct ibfo *ibfo, int ifindex);
struct ibfo_slave *ibfo_slave_of(const struct net_device *dev);
int ibfo_enslave(struct net_device *master, struct net_device *slave_dev,
		 struct netlink_ext_ack *extack);
int ibfo_slave_set_mtu(struct ibfo *ibfo, struct net_device *slave_dev,
		       unsigned int mtu);
void ibfo_slave_mtu_changed(struct ibfo_slave *slave);
void ibfo_slave_release(struct ibfo *ibfo, struct ibfo_slave *slave,
			bool unregistering);
int ibfo_release(struct net_device *master, struct net_device *slave_dev);
void ibfo_release_all(struct ibfo *ibfo);

/* slave_state.c */
bool ibfo_slave_healthy(const struct ibfo_slave *slave);
bool ibfo_slave_may_carry(const struct ibfo_slave *slave);
void ibfo_slave_set_link(struct ibfo_slave *slave, u8 link, const char *cause);
void ibfo_slave_delay_work(struct work_struct *work);
void ibfo_slave_changed(struct ibfo_slave *slave, const char *cause);
void ibfo_slave_changed_async(struct ibfo_slave *slave, const char *cause);
void ibfo_slaves_lower_state(struct ibfo *ibfo);

/* rx.c */
rx_handler_result_t ibfo_handle_frame(struct sk_buff **pskb);

/* notifier.c */
int ibfo_notifier_init(void);
void ibfo_notifier_exit(void);

/* mode.c */
const struct ibfo_mode_ops *ibfo_mode_get(u8 id);
void ibfo_mode_set(struct ibfo *ibfo, const struct ibfo_mode_ops *mode);
bool ibfo_rx_balanced(struct ibfo *ibfo);

/* mode_ab.c */
extern const struct ibfo_mode_ops ibfo_mode_ab;
bool ibfo_rx_accept_active(struct ibfo *ibfo, struct ibfo_slave *slave,
			   struct sk_buff *skb);
bool ibfo_update_active(struct ibfo *ibfo);

/* debugfs.c */
void ibfo_debugfs_init(void);
void ibfo_debugfs_exit(void);
void ibfo_debugfs_add(struct ibfo *ibfo);
void ibfo_debugfs_del(struct ibfo *ibfo);

/* mode_mp.c */
extern const struct ibfo_mode_ops ibfo_mode_mp;

/* flow.c */
int ibfo_flow_cache_init(struct ibfo *ibfo);
void ibfo_flow_cache_free(struct ibfo *ibfo);
void ibfo_flows_invalidate(struct ibfo *ibfo);
struct ibfo_slave *ibfo_flow_choose(struct ibfo *ibfo, u32 hash,
				    const u8 *daddr);
struct ibfo_slave *ibfo_flow_lookup(struct ibfo *ibfo, struct sk_buff *skb);
u32 ibfo_slave_flows(const struct ibfo *ibfo, const struct ibfo_slave *slave);

/* peer.c */
extern u32 ibfo_peer_ttl_s;

/* How long a peer's record lives without a refresh, in jiffies: read
 * each time, so that a record expires by the TTL of the moment.
 */
static inline unsigned long ibfo_peer_ttl(void)
{
	return min_t(u32, READ_ONCE(ibfo_peer_ttl_s), IBFO_PEER_TTL_MAX_S) *
	       HZ;
}

/* Whether a peer's record last refreshed at @updated is still to be used. */
static inline bool ibfo_peer_fresh(unsigned long updated)
{
	return time_before(jiffies, updated + ibfo_peer_ttl());
}

void ibfo_peers_init(struct ibfo *ibfo);
struct ibfo_peer *ibfo_peer_find(struct ibfo *ibfo, __be32 ip);
struct ibfo_peer *ibfo_peer_find_port(struct ibfo *ibfo, const u8 *addr);
void ibfo_peer_rx_arp(struct ibfo *ibfo, struct sk_buff *skb);
void ibfo_peer_tx_arp(struct ibfo *ibfo, struct sk_buff *skb);
struct ibfo_slave *ibfo_peer_choose(struct ibfo *ibfo,
				    const struct ibfo_peer *peer, u32 hash,
				    unsigned int *port);
void ibfo_peers_flush(struct ibfo *ibfo);
void ibfo_peers_free(struct ibfo *ibfo);

/* rlb.c */

/* The hash by which receive balancing gives a (our address, neighbour's
 * address) pair its slave; @len bytes each, a multiple of 4.
 */
static inline u32 ibfo_rlb_pair(const void *ours, const void *theirs,
				unsigned int len)
{
	return jhash2(theirs, len / 4, jhash2(ours, len / 4, 0));
}

struct ibfo_slave *ibfo_rlb_pick(struct ibfo *ibfo, u32 pair, const u8 *own,
				 const u8 *neigh_ha);
struct ibfo_slave *ibfo_rlb_slave(struct ibfo *ibfo, __be32 ours,
				  __be32 theirs, const u8 *neigh_ha);
void ibfo_rlb_arp_xmit(struct ibfo *ibfo, struct sk_buff *skb);
void ibfo_rlb_rx_arp(struct ibfo *ibfo, struct sk_buff *skb);
void ibfo_rlb_announce(struct ibfo *ibfo);

/* rlb_nd.c */
#if IS_ENABLED(CONFIG_IPV6)
void ibfo_rlb_nd_xmit(struct ibfo *ibfo, struct sk_buff *skb);
void ibfo_rlb_nd_announce(struct ibfo *ibfo);
void ibfo_nd_set_own_lladdr(struct ibfo *ibfo, struct sk_buff *skb,
			    const u8 *addr);
#else
static inline void ibfo_rlb_nd_xmit(struct ibfo *ibfo, struct sk_buff *skb)
{
}

static inline void ibfo_nd_set_own_lladdr(struct ibfo *ibfo,
					  struct sk_buff *skb, const u8 *addr)
{
}

static inline void ibfo_rlb_nd_announce(struct ibfo *ibfo)
{
}
#endif

/* netlink.c */
int ibfo_netlink_init(void);
void ibfo_netlink_exit(void);

#endif /* _IBFO_H */
