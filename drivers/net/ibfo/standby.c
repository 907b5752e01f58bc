// SPDX-License-Identifier: GPL-2.0
/*
 * ibfo: IP failover and multipathing over IPoIB - standby paths.
 *
 * To send to a port, ipoib needs a path to it: a PathRecord from the SA
 * and an address handle.  It asks on first use and holds only a few
 * packets meanwhile, so after a failover the new active port would wait
 * a round trip to the SA per neighbour, and so would every neighbour before
 * it can send to the new port.  ibfo resolves those paths before any failure:
 * each healthy slave but the active one (in multipath mode too: any slave
 * may take over any flow) sends each neighbour of the master a unicast
 * ARP probe (RFC 5227: sender IP 0.0.0.0, so no ARP
 * table changes anywhere).  Sending it makes the backup's ipoib resolve
 * its path to the neighbour's port; the neighbour's reply, sent to the backup's
 * address, makes the neighbour's ipoib resolve its path to the backup.  The
 * reply is consumed here (ibfo_standby_rx()).  With connected-mode
 * slaves, ipoib sends ARP by datagram and sets up RC connections only for
 * IP traffic: the CM handshake is left for the first packet after a
 * failover.
 *
 * A round probes every (healthy backup, neighbour on its IB subnet) pair,
 * at most IBFO_NEIGH_MAX neighbours: one probe and one reply each, and a
 * PathRecord query on either side only where ipoib has no path yet.
 * Rounds run when a slave becomes healthy or the active slave changes,
 * after an IB event that makes ipoib flush its paths, and every
 * IBFO_STANDBY_INTERVAL; never two within IBFO_STANDBY_GAP.  Besides, a
 * neighbour confirmed reachable (a new neighbour, or one in use, about once
 * per reachable time) is probed at once, alone.
 */

#include <linux/if_arp.h>
#include <linux/mm.h>
#include <linux/skbuff.h>
#include <net/arp.h>
#include <net/netevent.h>

#include "ibfo.h"
#include "trace.h"

#define IBFO_STANDBY_INTERVAL	(60 * HZ)
#define IBFO_STANDBY_GAP	HZ

/* An ARP probe from @slave to @neigh's port: "who has the neighbour's IP",
 * from 0.0.0.0 at the slave's address.
 */
static void ibfo_standby_probe(struct ibfo_slave *slave,
			       const struct ibfo_neigh *neigh)
{
	struct sk_buff *skb;

	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, neigh->ip, slave->dev, 0,
			 neigh->ha, slave->dev->dev_addr, neigh->ha);
	if (skb)
		arp_xmit(skb);
}

/* Probe every neighbour on its subnet from every healthy backup slave. */
static unsigned int ibfo_standby_round(struct ibfo *ibfo,
				       const struct ibfo_neigh *neighs,
				       unsigned int n)
{
	struct ibfo_slave *slave, *active;
	unsigned int i, probes = 0;

	rcu_read_lock();
	active = rcu_dereference(ibfo->active_slave);
	list_for_each_entry_rcu(slave, &ibfo->slaves, list) {
		if (slave == active || !ibfo_slave_healthy(slave))
			continue;
		for (i = 0; i < n; i++) {
			if (!ibfo_same_subnet(slave->dev->dev_addr, neighs[i].ha))
				continue;
			ibfo_standby_probe(slave, &neighs[i]);
			probes++;
		}
	}
	rcu_read_unlock();
	return probes;
}

static void ibfo_standby_work(struct work_struct *work)
{
	struct ibfo *ibfo = container_of(to_delayed_work(work), struct ibfo,
					 standby_work);
	struct ibfo_neigh *neighs = NULL;
	unsigned int n, probes;

	WRITE_ONCE(ibfo->standby_last, jiffies);
	if (netif_running(ibfo->dev))
		neighs = ibfo_neigh_snapshot(&arp_tbl, ibfo->dev, &n);
	if (neighs) {
		probes = ibfo_standby_round(ibfo, neighs, n);
		trace_ibfo_standby(ibfo->dev, n, probes);
	}
	kvfree(neighs);
	ibfo_standby_refresh(ibfo, IBFO_STANDBY_INTERVAL);
}

/**
 * ibfo_standby_refresh - have the backup slaves' paths resolved again
 * @ibfo: the master
 * @delay: jiffies from now at the earliest
 *
 * Moves the next round to @delay from now, or later if the last one ran
 * less than IBFO_STANDBY_GAP ago.
 *
 * Context: process or BH, not under &ibfo.lock.
 */
void ibfo_standby_refresh(struct ibfo *ibfo, unsigned long delay)
{
	unsigned long next = READ_ONCE(ibfo->standby_last) + IBFO_STANDBY_GAP;

	if (time_before(jiffies + delay, next))
		delay = next - jiffies;
	spin_lock_bh(&ibfo->lock);
	if (!ibfo->standby_stopped)
		mod_delayed_work(ibfo_wq, &ibfo->standby_work, delay);
	spin_unlock_bh(&ibfo->lock);
}

/**
 * ibfo_standby_rx - consume the answer to a standby probe
 * @ibfo: the master
 * @slave: the slave the frame came in on
 * @skb: an ARP frame, ARP header first
 *
 * Context: a slave's receive path, RCU.
 * Return: true if @skb answers a probe of ours and was freed.
 */
bool ibfo_standby_rx(struct ibfo *ibfo, struct ibfo_slave *slave,
		     struct sk_buff *skb)
{
	const struct ibfo_arp *payload;
	const struct arphdr *arp;

	if (skb->pkt_type != PACKET_HOST ||
	    slave == rcu_access_pointer(ibfo->active_slave) ||
	    !pskb_may_pull(skb, sizeof(*arp) + sizeof(*payload)))
		return false;
	arp = (const struct arphdr *)skb->data;
	payload = (const struct ibfo_arp *)(arp + 1);
	if (!ibfo_arp_is_ipoib(arp) || arp->ar_op != htons(ARPOP_REPLY) ||
	    payload->tip ||
	    memcmp(payload->tha, slave->dev->dev_addr, INFINIBAND_ALEN))
		return false;
	consume_skb(skb);
	return true;
}

/**
 * ibfo_standby_init - set up the standby paths of a new master
 * @ibfo: the master
 */
void ibfo_standby_init(struct ibfo *ibfo)
{
	INIT_DELAYED_WORK(&ibfo->standby_work, ibfo_standby_work);
	ibfo->standby_last = jiffies - IBFO_STANDBY_GAP;
}

/**
 * ibfo_standby_stop - stop resolving standby paths for a master
 * @ibfo: the master, being unregistered
 *
 * Context: process.
 */
void ibfo_standby_stop(struct ibfo *ibfo)
{
	spin_lock_bh(&ibfo->lock);
	ibfo->standby_stopped = true;
	spin_unlock_bh(&ibfo->lock);
	cancel_delayed_work_sync(&ibfo->standby_work);
}

/* A neighbour of a master was confirmed reachable, new or in use: probe
 * it from the backups at once.  Idle neighbours wait for the next round.
 */
static int ibfo_standby_netevent(struct notifier_block *nb,
				 unsigned long event, void *ptr)
{
	struct neighbour *n = ptr;
	struct ibfo_neigh neigh;
	struct ibfo *ibfo;

	if (event != NETEVENT_NEIGH_UPDATE || n->tbl != &arp_tbl ||
	    !ibfo_is_master(n->dev) ||
	    !(READ_ONCE(n->nud_state) & NUD_REACHABLE))
		return NOTIFY_DONE;
	ibfo = netdev_priv(n->dev);
	if (!netif_running(n->dev))
		return NOTIFY_DONE;
	memcpy(&neigh.ip, n->primary_key, sizeof(neigh.ip));
	neigh_ha_snapshot(neigh.ha, n, n->dev);
	trace_ibfo_standby(n->dev, 1, ibfo_standby_round(ibfo, &neigh, 1));
	return NOTIFY_DONE;
}

static struct notifier_block ibfo_standby_nb = {
	.notifier_call = ibfo_standby_netevent,
};

/**
 * ibfo_standby_notifier_init - follow the masters' new neighbours
 *
 * Return: 0 or a negative errno.
 */
int ibfo_standby_notifier_init(void)
{
	return register_netevent_notifier(&ibfo_standby_nb);
}

/**
 * ibfo_standby_notifier_exit - stop following neighbours
 */
void ibfo_standby_notifier_exit(void)
{
	unregister_netevent_notifier(&ibfo_standby_nb);
}
