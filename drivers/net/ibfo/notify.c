// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - telling neighbours where
 * we are.
 *
 * An IPoIB address belongs to a port: after a failover, neighbours must learn
 * the new active port's address before they can reach us again.  Right
 * after the switch, in the context that made it (the IB event handler,
 * without RTNL), ibfo sends a gratuitous ARP for each IPv4 address and an
 * unsolicited neighbour advertisement (override flag) for each IPv6
 * address of the master, both naming the active slave's address, and
 * repeats them peer_notify_count - 1 times.  The kernel's own way,
 * NETDEV_NOTIFY_PEERS, needs RTNL, which may be held elsewhere for
 * milliseconds.  In multipath mode with rx_balance, each round also tells
 * every known neighbour its own slave (rlb.c, rlb_nd.c).
 *
 * The master takes the active slave's address later, under RTNL
 * (ibfo_sync()), and without NETDEV_CHANGEADDR: that notifier makes ARP
 * and ND flush every neighbour entry of the device, permanent ones
 * included, with their queued packets, though IPoIB's link header names
 * only the destination.  Until then ARP and ND messages built by the
 * stack name the master's old address: ibfo_own_addr_xmit() puts the
 * active slave's in them.
 */

#include <linux/icmpv6.h>
#include <linux/if_arp.h>
#include <linux/inetdevice.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/arp.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "ibfo.h"
#include "trace.h"

/* IPv6 addresses advertised per round. */
#define IBFO_NOTIFY_MAX_ADDRS6	64

/* A gratuitous ARP request for each IPv4 address of the master. */
static unsigned int ibfo_notify_arp(struct ibfo *ibfo, const u8 *addr)
{
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;
	unsigned int n = 0;

	rcu_read_lock();
	in_dev = __in_dev_get_rcu(ibfo->dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			arp_send(ARPOP_REQUEST, ETH_P_ARP, ifa->ifa_local,
				 ibfo->dev, ifa->ifa_local, NULL, addr, NULL);
			n++;
		}
	}
	rcu_read_unlock();
	return n;
}

#if IS_ENABLED(CONFIG_IPV6)
/* An unsolicited advertisement of @target at @lladdr to all nodes, with
 * the override flag (RFC 4861 7.2.6), as ndisc_send_unsol_na() sends one
 * (that one is not exported and names the device's own address).
 */
static void ibfo_notify_na(struct net_device *dev, struct inet6_dev *idev,
			   const struct in6_addr *target, const u8 *lladdr)
{
	int optlen = ndisc_opt_addr_space(dev, NDISC_NEIGHBOUR_ADVERTISEMENT);
	int hlen = LL_RESERVED_SPACE(dev);
	struct nd_msg *msg;
	struct sk_buff *skb;

	skb = alloc_skb(hlen + sizeof(struct ipv6hdr) + sizeof(*msg) + optlen +
			dev->needed_tailroom, GFP_KERNEL);
	if (!skb)
		return;
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	skb_reserve(skb, hlen + sizeof(struct ipv6hdr));
	skb_reset_transport_header(skb);
	msg = skb_put_zero(skb, sizeof(*msg));
	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	msg->icmph.icmp6_router = !!READ_ONCE(idev->cnf.forwarding);
	msg->icmph.icmp6_override = 1;
	msg->target = *target;
	__ndisc_fill_addr_option(skb, ND_OPT_TARGET_LL_ADDR, lladdr,
				 dev->addr_len, ndisc_addr_option_pad(dev->type));
	ndisc_send_skb(skb, &in6addr_linklocal_allnodes, target);
}

/**
 * ibfo_notify_addrs6 - the IPv6 addresses of a master neighbours may talk to
 * @idev: the master's inet6_dev
 * @addrs: gets at most @max addresses with their prefix length
 * @max: size of @addrs
 *
 * Tentative and duplicate addresses are not ours to announce.
 *
 * Context: any; takes @idev's lock.
 * Return: the number of addresses stored.
 */
unsigned int ibfo_notify_addrs6(struct inet6_dev *idev,
				struct ibfo_addr6 *addrs, unsigned int max)
{
	struct inet6_ifaddr *ifa;
	unsigned int n = 0;

	read_lock_bh(&idev->lock);
	list_for_each_entry(ifa, &idev->addr_list, if_list) {
		if (n == max)
			break;
		if (ifa->flags & (IFA_F_TENTATIVE | IFA_F_DADFAILED))
			continue;
		addrs[n].addr = ifa->addr;
		addrs[n].prefix_len = ifa->prefix_len;
		n++;
	}
	read_unlock_bh(&idev->lock);
	return n;
}

/* An unsolicited advertisement for each IPv6 address of the master. */
static unsigned int ibfo_notify_nd(struct ibfo *ibfo, const u8 *addr)
{
	struct ibfo_addr6 *addrs;
	struct inet6_dev *idev;
	unsigned int i, n = 0;

	idev = in6_dev_get(ibfo->dev);
	if (!idev)
		return 0;
	addrs = kmalloc_array(IBFO_NOTIFY_MAX_ADDRS6, sizeof(*addrs),
			      GFP_KERNEL);
	if (addrs) {
		n = ibfo_notify_addrs6(idev, addrs, IBFO_NOTIFY_MAX_ADDRS6);
		for (i = 0; i < n; i++)
			ibfo_notify_na(ibfo->dev, idev, &addrs[i].addr, addr);
		kfree(addrs);
	}
	in6_dev_put(idev);
	return n;
}
#else
static unsigned int ibfo_notify_nd(struct ibfo *ibfo, const u8 *addr)
{
	return 0;
}
#endif

/* One round: where we are, to everyone; with receive balancing, each
 * known neighbour's own slave, after the broadcast that named the active one.
 */
static void ibfo_notify_round(struct ibfo *ibfo)
{
	u8 addr[INFINIBAND_ALEN];
	struct ibfo_slave *slave;
	char name[IFNAMSIZ];
	unsigned int arps, nas;

	rcu_read_lock();
	slave = rcu_dereference(ibfo->active_slave);
	if (slave) {
		memcpy(addr, slave->dev->dev_addr, INFINIBAND_ALEN);
		strscpy(name, slave->dev->name, sizeof(name));
	}
	rcu_read_unlock();
	if (!slave || !netif_running(ibfo->dev))
		return;
	arps = ibfo_notify_arp(ibfo, addr);
	nas = ibfo_notify_nd(ibfo, addr);
	trace_ibfo_notify(ibfo->dev, name, arps, nas);
	if (ibfo_rx_balanced(ibfo)) {
		ibfo_rlb_announce(ibfo);
		ibfo_rlb_nd_announce(ibfo);
	}
}

static unsigned long ibfo_notify_interval(struct ibfo *ibfo)
{
	return msecs_to_jiffies(READ_ONCE(ibfo->params.peer_notify_interval_ms));
}

/**
 * ibfo_notify_peers - tell the neighbours where we are, now and a few more
 *	times
 * @ibfo: the master
 *
 * Sends the first round in the caller's context and has the notify work
 * send the rest, peer_notify_interval_ms apart.  A new call starts over.
 *
 * Context: process, no lock held; RTNL not needed.
 */
void ibfo_notify_peers(struct ibfo *ibfo)
{
	struct ibfo_slave *slave;
	u32 left;

	spin_lock_bh(&ibfo->lock);
	slave = rcu_dereference_protected(ibfo->active_slave,
					  lockdep_is_held(&ibfo->lock));
	if (slave)
		memcpy(ibfo->notified_addr, slave->dev->dev_addr,
		       INFINIBAND_ALEN);
	WRITE_ONCE(ibfo->notified_gen, ibfo->gen);
	left = READ_ONCE(ibfo->params.peer_notify_count);
	ibfo->notify_left = left ? left - 1 : 0;
	spin_unlock_bh(&ibfo->lock);
	if (!left)
		return;
	ibfo_notify_round(ibfo);
	mod_delayed_work(ibfo_wq, &ibfo->notify_work, ibfo_notify_interval(ibfo));
}

/**
 * ibfo_notify_stale - whether the neighbours have not been told the current
 *	state
 * @ibfo: the master
 *
 * Context: under &ibfo.lock.
 * Return: true if the active slave's address or, in multipath mode, the
 * usable slaves changed since the last ibfo_notify_peers().
 */
bool ibfo_notify_stale(struct ibfo *ibfo)
{
	struct ibfo_slave *slave;

	lockdep_assert_held(&ibfo->lock);
	slave = rcu_dereference_protected(ibfo->active_slave,
					  lockdep_is_held(&ibfo->lock));
	if (!slave)
		return false;
	if (memcmp(ibfo->notified_addr, slave->dev->dev_addr, INFINIBAND_ALEN))
		return true;
	return rcu_dereference_protected(ibfo->mode, 1)->all_active &&
	       ibfo->gen != ibfo->notified_gen;
}

static void ibfo_notify_work(struct work_struct *work)
{
	struct ibfo *ibfo = container_of(to_delayed_work(work), struct ibfo,
					 notify_work);
	bool more;

	spin_lock_bh(&ibfo->lock);
	if (!ibfo->notify_left) {
		spin_unlock_bh(&ibfo->lock);
		return;
	}
	more = --ibfo->notify_left > 0;
	spin_unlock_bh(&ibfo->lock);
	ibfo_notify_round(ibfo);
	if (more)
		queue_delayed_work(ibfo_wq, &ibfo->notify_work,
				   ibfo_notify_interval(ibfo));
}

/**
 * ibfo_notify_init - set up the peer notification of a new master
 * @ibfo: the master
 */
void ibfo_notify_init(struct ibfo *ibfo)
{
	INIT_DELAYED_WORK(&ibfo->notify_work, ibfo_notify_work);
}

/**
 * ibfo_notify_stop - cancel the pending peer notifications of a master
 * @ibfo: the master, being unregistered
 *
 * Context: process; the notify work takes no RTNL, so RTNL may be held.
 */
void ibfo_notify_stop(struct ibfo *ibfo)
{
	cancel_delayed_work_sync(&ibfo->notify_work);
}

/**
 * ibfo_own_addr_xmit - name the active slave in outgoing ARP and ND
 * @ibfo: the master, whose address is not yet the active slave's
 * @skb: a frame on its way out, IPoIB hard header first
 * @active: the active slave
 *
 * Between a switch and ibfo_sync(), ARP and ND messages the stack builds
 * name the master's address, the failed port's: a neighbour that resolves us
 * then would learn an address it cannot reach.
 *
 * Context: transmit path, RCU (BH).
 */
void ibfo_own_addr_xmit(struct ibfo *ibfo, struct sk_buff *skb,
			const struct ibfo_slave *active)
{
	struct ibfo_arp *payload;

	if (skb->protocol == htons(ETH_P_ARP)) {
		payload = ibfo_arp_own(ibfo, skb);
		if (payload)
			memcpy(payload->sha, active->dev->dev_addr,
			       INFINIBAND_ALEN);
	} else if (skb->protocol == htons(ETH_P_IPV6)) {
		ibfo_nd_set_own_lladdr(ibfo, skb, active->dev->dev_addr);
	}
}
