/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * ibfo: IP failover and multipathing over IPoIB.
 *
 * rtnetlink interface of the "ibfo" link kind.  Master options travel in
 * IFLA_INFO_DATA (IFLA_IBFO_*), per-slave state in IFLA_INFO_SLAVE_DATA
 * (IFLA_IBFO_SLAVE_*).  The kernel rejects attribute types it does not
 * know, so userspace can probe for an option by setting it.
 */
#ifndef _UAPI_LINUX_IF_IBFO_H
#define _UAPI_LINUX_IF_IBFO_H

#include <linux/types.h>
#include <linux/if_infiniband.h>

/**
 * enum ibfo_mode - how traffic is spread over the slaves
 * @IBFO_MODE_ACTIVE_BACKUP: one slave carries all traffic; another one takes
 *	over when it fails.
 * @IBFO_MODE_MULTIPATH: every usable slave carries traffic, chosen per flow.
 * @__IBFO_MODE_MAX: number of modes
 */
enum ibfo_mode {
	IBFO_MODE_ACTIVE_BACKUP,
	IBFO_MODE_MULTIPATH,
	__IBFO_MODE_MAX,
};

#define IBFO_MODE_MAX (__IBFO_MODE_MAX - 1)

/**
 * enum ibfo_primary_reselect - when the primary slave takes traffic back
 * @IBFO_PRIMARY_RESELECT_ALWAYS: as soon as it is usable again.
 * @IBFO_PRIMARY_RESELECT_BETTER: only if it is better than the active slave
 *	(higher port rate).
 * @IBFO_PRIMARY_RESELECT_FAILURE: only when the active slave fails.
 * @__IBFO_PRIMARY_RESELECT_MAX: number of policies
 */
enum ibfo_primary_reselect {
	IBFO_PRIMARY_RESELECT_ALWAYS,
	IBFO_PRIMARY_RESELECT_BETTER,
	IBFO_PRIMARY_RESELECT_FAILURE,
	__IBFO_PRIMARY_RESELECT_MAX,
};

#define IBFO_PRIMARY_RESELECT_MAX (__IBFO_PRIMARY_RESELECT_MAX - 1)

/**
 * enum ibfo_xmit_hash_policy - what identifies a flow in multipath mode
 * @IBFO_XMIT_HASH_LAYER3: IP source and destination addresses.
 * @IBFO_XMIT_HASH_LAYER34: addresses, IP protocol and TCP/UDP/SCTP ports
 *	(IP fragments: addresses only, as for bonding's layer3+4).
 * @__IBFO_XMIT_HASH_MAX: number of policies
 */
enum ibfo_xmit_hash_policy {
	IBFO_XMIT_HASH_LAYER3,
	IBFO_XMIT_HASH_LAYER34,
	__IBFO_XMIT_HASH_MAX,
};

#define IBFO_XMIT_HASH_MAX (__IBFO_XMIT_HASH_MAX - 1)

/**
 * enum ibfo_slave_state - state of one slave, as reported in
 *	IFLA_IBFO_SLAVE_STATE
 * @IBFO_SLAVE_STATE_DOWN: not usable (netdev down or without carrier, or IB
 *	port not ACTIVE).
 * @IBFO_SLAVE_STATE_GOING_UP: usable, waiting for the up delay to expire.
 * @IBFO_SLAVE_STATE_BACKUP: usable, carries no transmit traffic
 *	(active-backup mode).
 * @IBFO_SLAVE_STATE_ACTIVE: usable and carrying transmit traffic; in
 *	multipath mode every usable slave.
 * @IBFO_SLAVE_STATE_GOING_DOWN: failed, still carrying transmit traffic
 *	until the down delay expires.
 * @__IBFO_SLAVE_STATE_MAX: number of states
 */
enum ibfo_slave_state {
	IBFO_SLAVE_STATE_DOWN,
	IBFO_SLAVE_STATE_GOING_UP,
	IBFO_SLAVE_STATE_BACKUP,
	IBFO_SLAVE_STATE_ACTIVE,
	IBFO_SLAVE_STATE_GOING_DOWN,
	__IBFO_SLAVE_STATE_MAX,
};

#define IBFO_SLAVE_STATE_MAX (__IBFO_SLAVE_STATE_MAX - 1)

/*
 * Master attributes, nested in IFLA_INFO_DATA.
 *
 * @IFLA_IBFO_MODE: u8, enum ibfo_mode.  Changeable only without slaves.
 * @IFLA_IBFO_PRIMARY: u32, ifindex of the preferred slave, 0 for none.  May
 *	name an IPoIB device of the master's namespace that is not (yet) a
 *	slave: it becomes the primary when enslaved, as bonding's primary.
 *	In multipath mode the primary is the slave whose address the master
 *	has and which receives broadcast and multicast.
 * @IFLA_IBFO_PRIMARY_RESELECT: u8, enum ibfo_primary_reselect.
 * @IFLA_IBFO_UPDELAY: u32, ms a slave must stay usable before it is used.
 * @IFLA_IBFO_DOWNDELAY: u32, ms a failed slave keeps its traffic.
 * @IFLA_IBFO_PEER_NOTIFY_COUNT: u32, gratuitous ARPs / unsolicited NAs sent
 *	after the master's address changed (0: none).
 * @IFLA_IBFO_PEER_NOTIFY_INTERVAL: u32, ms between two of them.
 * @IFLA_IBFO_ACTIVE_SLAVE: u32, read-only: ifindex of the slave carrying
 *	traffic in active-backup mode, 0 for none.  In multipath mode, the
 *	slave whose address the master has (it sends and receives broadcast
 *	and multicast); unicast IP flows use every usable slave.
 * @IFLA_IBFO_XMIT_HASH_POLICY: u8, enum ibfo_xmit_hash_policy (multipath).
 * @IFLA_IBFO_RX_BALANCE: u8, 0 or 1 (default): in multipath mode, give each
 *	IPv4 and IPv6 neighbour the address of a slave of its own in ARP replies
 *	and neighbour advertisements and, after each change of the usable
 *	slaves, in a unicast gratuitous ARP or neighbour solicitation.
 * @IFLA_IBFO_PEER_DISCOVERY: u8, 0 (default) or 1: in multipath mode,
 *	list the usable slaves' addresses in every ARP frame sent (struct
 *	ibfo_disc) and stripe flows to other ibfo masters over the ports
 *	they list.  Off, the master sends and reads plain ARP only, and
 *	forgets every peer it learned.
 */
enum {
	IFLA_IBFO_UNSPEC,
	IFLA_IBFO_MODE,
	IFLA_IBFO_PRIMARY,
	IFLA_IBFO_PRIMARY_RESELECT,
	IFLA_IBFO_UPDELAY,
	IFLA_IBFO_DOWNDELAY,
	IFLA_IBFO_PEER_NOTIFY_COUNT,
	IFLA_IBFO_PEER_NOTIFY_INTERVAL,
	IFLA_IBFO_ACTIVE_SLAVE,
	IFLA_IBFO_XMIT_HASH_POLICY,
	IFLA_IBFO_RX_BALANCE,
	IFLA_IBFO_PEER_DISCOVERY,
	__IFLA_IBFO_MAX,
};

#define IFLA_IBFO_MAX (__IFLA_IBFO_MAX - 1)

/*
 * Slave attributes, nested in IFLA_INFO_SLAVE_DATA; all read-only.
 *
 * @IFLA_IBFO_SLAVE_STATE: u8, enum ibfo_slave_state.
 * @IFLA_IBFO_SLAVE_IB_DEV: string, name of the ib_device under the slave;
 *	absent while the slave follows no IB port.
 * @IFLA_IBFO_SLAVE_IB_PORT: u32, port number on that ib_device; 0 while no
 *	IB port has the slave's GID: then no IB event drives the slave, only
 *	its netdev state (carrier).
 * @IFLA_IBFO_SLAVE_PORT_STATE: u8, IB PortState of that port (1 DOWN,
 *	2 INIT, 3 ARMED, 4 ACTIVE, 5 ACTIVE_DEFER), 0 if unknown.
 * @IFLA_IBFO_SLAVE_FAILURE_COUNT: u32, times the slave became unusable.
 * @IFLA_IBFO_SLAVE_LAST_CHANGE: u64, ms since the last state change.
 * @IFLA_IBFO_SLAVE_PAD: padding for 64-bit attributes.
 * @IFLA_IBFO_SLAVE_TX_PACKETS: u64, packets the master sent through it.
 * @IFLA_IBFO_SLAVE_TX_BYTES: u64, their bytes (IPoIB header included).
 * @IFLA_IBFO_SLAVE_RX_PACKETS: u64, packets it passed up to the master.
 * @IFLA_IBFO_SLAVE_RX_BYTES: u64, their bytes.
 * @IFLA_IBFO_SLAVE_FLOWS: u32, flows (distinct flow hashes, per CPU) the
 *	multipath transmit path currently steers to it; 0 in active-backup.
 */
enum {
	IFLA_IBFO_SLAVE_UNSPEC,
	IFLA_IBFO_SLAVE_STATE,
	IFLA_IBFO_SLAVE_IB_DEV,
	IFLA_IBFO_SLAVE_IB_PORT,
	IFLA_IBFO_SLAVE_PORT_STATE,
	IFLA_IBFO_SLAVE_FAILURE_COUNT,
	IFLA_IBFO_SLAVE_LAST_CHANGE,
	IFLA_IBFO_SLAVE_PAD,
	IFLA_IBFO_SLAVE_TX_PACKETS,
	IFLA_IBFO_SLAVE_TX_BYTES,
	IFLA_IBFO_SLAVE_RX_PACKETS,
	IFLA_IBFO_SLAVE_RX_BYTES,
	IFLA_IBFO_SLAVE_FLOWS,
	__IFLA_IBFO_SLAVE_MAX,
};

#define IFLA_IBFO_SLAVE_MAX (__IFLA_IBFO_SLAVE_MAX - 1)

/*
 * Port discovery between ibfo hosts (multipath mode, peer_discovery on).
 *
 * Every ARP frame an ibfo master in multipath mode with peer_discovery
 * sends (requests, replies, gratuitous ARPs) carries struct ibfo_disc
 * right after the ARP payload: the IPoIB addresses of the master's usable
 * slaves, the ARP sender address among them.  Receivers
 * that do not know it ignore it: Linux's arp_rcv() only needs the
 * payload, and IPoIB has no length field of its own.  An ibfo master in
 * multipath mode that receives one sends IPv4 flows whose next hop is
 * the sender's IP, and IPv6 flows whose neighbour address is one of the
 * listed ports, over every (own slave, listed port) pair in the same IB
 * subnet (same GID prefix).  The sender lists its ports again in each
 * peer notification round after its usable slaves changed.  It is not
 * authenticated (any host of the P_Key can send one): a receiver ignores
 * the whole frame's trailer unless it ends the frame exactly, has a known
 * version, reserved 0, 1 to IBFO_DISC_MAX_PORTS distinct addresses, each
 * with no flag but 0x80/0x40, a UD QPN (not 0, 1 or 0xffffff) and a
 * unicast GID with a non-zero port GUID, lists the ARP sender address,
 * and at least one address on the subnet (GID prefix) of one of the
 * receiver's slaves; it uses only those.
 *
 * @magic: IBFO_DISC_MAGIC, big endian
 * @version: IBFO_DISC_VERSION
 * @count: number of addresses, 1 to IBFO_DISC_MAX_PORTS
 * @reserved: 0
 * @addr: the addresses (flags, QPN, GID), as in the IPoIB link layer
 */
#define IBFO_DISC_MAGIC		0x4942464f	/* "IBFO" */
#define IBFO_DISC_VERSION	1
#define IBFO_DISC_MAX_PORTS	8

struct ibfo_disc {
	__be32 magic;
	__u8 version;
	__u8 count;
	__be16 reserved;
	__u8 addr[][INFINIBAND_ALEN];
};

#endif /* _UAPI_LINUX_IF_IBFO_H */
